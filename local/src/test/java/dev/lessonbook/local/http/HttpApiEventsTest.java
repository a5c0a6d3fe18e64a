package dev.lessonbook.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The event is compared with the example payload of AWS's documentation ("Working with AWS Lambda
 * proxy integrations for HTTP APIs", format 2.0), built from the request that produced it.
 */
class HttpApiEventsTest {
    private static final Instant AT = Instant.ofEpochMilli(1583348638390L);
    private final HttpApiEvents events = new HttpApiEvents("123456789012", "api-id");

    private static IncomingRequest documentedRequest() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("header1", List.of("value1"));
        headers.put("header2", List.of("value1", "value2"));
        headers.put("cookie", List.of("cookie1; cookie2"));
        headers.put("user-agent", List.of("agent"));
        headers.put("host", List.of("id.execute-api.us-east-1.amazonaws.com"));
        headers.put("content-type", List.of("text/plain"));
        return new IncomingRequest("POST", "/my/path", "parameter1=value1&parameter1=value2&parameter2=value", headers,
                "Hello from Lambda".getBytes(StandardCharsets.UTF_8), "192.0.2.1", "HTTP/1.1");
    }

    @Test
    void theTopLevelFieldsAreThoseApiGatewaySends() {
        APIGatewayV2HTTPEvent event = events.build(documentedRequest(), "POST /my/path", Map.of(), null, AT);

        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("POST /my/path");
        assertThat(event.getRawPath()).isEqualTo("/my/path");
        assertThat(event.getRawQueryString()).isEqualTo("parameter1=value1&parameter1=value2&parameter2=value");
        assertThat(event.getCookies()).containsExactly("cookie1", "cookie2");
        assertThat(event.getHeaders()).containsEntry("header1", "value1").containsEntry("header2", "value1,value2")
                .doesNotContainKey("cookie");
        assertThat(event.getQueryStringParameters()).isEqualTo(Map.of("parameter1", "value1,value2", "parameter2", "value"));
        assertThat(event.getBody()).isEqualTo("Hello from Lambda");
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getPathParameters()).isNull();
        assertThat(event.getStageVariables()).isNull();
    }

    @Test
    void theRequestContextDescribesTheCallAndTheApi() {
        APIGatewayV2HTTPEvent.RequestContext context =
                events.build(documentedRequest(), "POST /my/path", Map.of(), null, AT).getRequestContext();

        assertThat(context.getAccountId()).isEqualTo("123456789012");
        assertThat(context.getApiId()).isEqualTo("api-id");
        assertThat(context.getDomainName()).isEqualTo("id.execute-api.us-east-1.amazonaws.com");
        assertThat(context.getDomainPrefix()).isEqualTo("id");
        assertThat(context.getHttp().getMethod()).isEqualTo("POST");
        assertThat(context.getHttp().getPath()).isEqualTo("/my/path");
        assertThat(context.getHttp().getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(context.getHttp().getSourceIp()).isEqualTo("192.0.2.1");
        assertThat(context.getHttp().getUserAgent()).isEqualTo("agent");
        assertThat(context.getRequestId()).isNotBlank();
        assertThat(context.getRouteKey()).isEqualTo("POST /my/path");
        assertThat(context.getStage()).isEqualTo("$default");
        assertThat(context.getTime()).isEqualTo("04/Mar/2020:19:03:58 +0000");
        assertThat(context.getTimeEpoch()).isEqualTo(1583348638390L);
        assertThat(context.getAuthorizer()).isNull();
    }

    @Test
    void theForwardingHeadersApiGatewayAddsArePresent() {
        Map<String, String> headers = events.build(documentedRequest(), "POST /my/path", Map.of(), null, AT).getHeaders();

        assertThat(headers).containsEntry("x-forwarded-for", "192.0.2.1").containsEntry("x-forwarded-proto", "http")
                .containsKey("x-amzn-trace-id");
    }

    @Test
    void jwtClaimsAndScopesReachTheAuthorizerContext() {
        HttpApiEvents.JwtContext jwt = new HttpApiEvents.JwtContext(Map.of("sub", "u1", "role", "student"), List.of("read"));

        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer =
                events.build(documentedRequest(), "POST /my/path", Map.of(), jwt, AT).getRequestContext().getAuthorizer();

        assertThat(authorizer.getJwt().getClaims()).isEqualTo(Map.of("sub", "u1", "role", "student"));
        assertThat(authorizer.getJwt().getScopes()).containsExactly("read");
    }

    @Test
    void pathParametersAreGivenWhenTheRouteHasThem() {
        APIGatewayV2HTTPEvent event = events.build(documentedRequest(), "GET /v1/bookings/{bookingId}",
                Map.of("bookingId", "b-1"), null, AT);

        assertThat(event.getPathParameters()).isEqualTo(Map.of("bookingId", "b-1"));
    }

    @Test
    void aBinaryBodyIsBase64Encoded() {
        IncomingRequest request = new IncomingRequest("PUT", "/v1/files/x", null,
                Map.of("content-type", List.of("application/octet-stream")), new byte[] {0, 1, 2, (byte) 255}, "127.0.0.1", "HTTP/1.1");

        APIGatewayV2HTTPEvent event = events.build(request, "PUT /v1/files/x", Map.of(), null, AT);

        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(event.getBody()).isEqualTo("AAEC/w==");
    }

    @Test
    void aJsonBodyThatIsNotUtf8IsBase64EncodedRatherThanAltered() {
        IncomingRequest request = new IncomingRequest("PUT", "/v1/files/x", null,
                Map.of("content-type", List.of("application/json")), new byte[] {'{', '"', (byte) 0xC3, '(', '"', '}'},
                "127.0.0.1", "HTTP/1.1");

        APIGatewayV2HTTPEvent event = events.build(request, "PUT /v1/files/x", Map.of(), null, AT);

        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(java.util.Base64.getDecoder().decode(event.getBody())).isEqualTo(request.body());
    }

    @Test
    void jsonAndTextBodiesArriveAsTheyAreAndFormsAsBase64() {
        assertThat(HttpApiEvents.isText("application/json; charset=utf-8")).isTrue();
        assertThat(HttpApiEvents.isText("application/problem+json")).isTrue();
        assertThat(HttpApiEvents.isText("text/csv")).isTrue();
        assertThat(HttpApiEvents.isText("application/x-www-form-urlencoded")).isFalse();
        assertThat(HttpApiEvents.isText("image/png")).isFalse();
        assertThat(HttpApiEvents.isText(null)).isFalse();
    }

    @Test
    void aRequestWithoutQueryCookiesOrBodyLeavesThoseFieldsNull() {
        IncomingRequest request = new IncomingRequest("GET", "/v1/bookings/b-1", null, Map.of(), new byte[0], "127.0.0.1", "HTTP/1.1");

        APIGatewayV2HTTPEvent event = events.build(request, "GET /v1/bookings/{bookingId}", Map.of("bookingId", "b-1"), null, AT);

        assertThat(event.getRawQueryString()).isEmpty();
        assertThat(event.getQueryStringParameters()).isNull();
        assertThat(event.getCookies()).isNull();
        assertThat(event.getBody()).isNull();
        assertThat(event.getIsBase64Encoded()).isFalse();
    }

    @Test
    void queryParametersAreDecoded() {
        assertThat(HttpApiEvents.queryParameters("from=2026-12-01T00%3A00%3A00Z&name=a+b&flag"))
                .isEqualTo(Map.of("from", "2026-12-01T00:00:00Z", "name", "a b", "flag", ""));
    }
}
