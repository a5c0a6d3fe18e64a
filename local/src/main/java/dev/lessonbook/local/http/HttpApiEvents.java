package dev.lessonbook.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the payload (format version 2.0) API Gateway's HTTP API sends to a Lambda integration.
 *
 * <p>As API Gateway does: header names lower-cased and repeated headers joined with commas; the
 * Cookie header moved to {@code cookies}; repeated query parameters joined with commas; path and
 * query parameters decoded while {@code rawPath} and {@code rawQueryString} stay as sent; absent
 * parts ({@code cookies}, {@code queryStringParameters}, {@code pathParameters}, {@code body}) are
 * null rather than empty; a body whose content type is not text is base64-encoded.
 */
public final class HttpApiEvents {
    static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final String accountId;
    private final String apiId;

    public HttpApiEvents(String accountId, String apiId) {
        this.accountId = accountId;
        this.apiId = apiId;
    }

    /** The authorizer's output for a route that has one. */
    public record JwtContext(Map<String, String> claims, List<String> scopes) {}

    public APIGatewayV2HTTPEvent build(IncomingRequest request, String routeKey, Map<String, String> pathParameters,
            JwtContext jwt, Instant now) {
        String requestId = requestId();
        Map<String, String> headers = headers(request, requestId);
        String domainName = request.header("host") != null ? request.header("host") : "127.0.0.1";
        // Bytes that are not UTF-8 cannot travel as a JSON string without being altered (a lossy
        // decode would hand the function replacement characters it might accept): send them as base64.
        boolean binary = request.body().length > 0 && (!isText(request.header("content-type")) || !isUtf8(request.body()));

        RequestContext.Authorizer authorizer = jwt == null ? null : RequestContext.Authorizer.builder()
                .withJwt(RequestContext.Authorizer.JWT.builder().withClaims(jwt.claims()).withScopes(jwt.scopes()).build())
                .build();
        RequestContext context = RequestContext.builder()
                .withAccountId(accountId)
                .withApiId(apiId)
                .withDomainName(domainName)
                .withDomainPrefix(domainName.split("[.:]", 2)[0])
                .withHttp(RequestContext.Http.builder()
                        .withMethod(request.method())
                        .withPath(request.rawPath())
                        .withProtocol(request.protocol())
                        .withSourceIp(request.sourceIp())
                        .withUserAgent(request.header("user-agent"))
                        .build())
                .withRequestId(requestId)
                .withRouteKey(routeKey)
                .withStage("$default")
                .withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli())
                .withAuthorizer(authorizer)
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(request.rawPath())
                .withRawQueryString(request.rawQuery() == null ? "" : request.rawQuery())
                .withCookies(cookies(request))
                .withHeaders(headers)
                .withQueryStringParameters(queryParameters(request.rawQuery()))
                .withPathParameters(pathParameters.isEmpty() ? null : Map.copyOf(pathParameters))
                .withBody(request.body().length == 0 ? null
                        : binary ? Base64.getEncoder().encodeToString(request.body())
                        : new String(request.body(), StandardCharsets.UTF_8))
                .withIsBase64Encoded(binary)
                .withRequestContext(context)
                .build();
    }

    static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** Text media types reach the function as they are; everything else (form posts too) as base64. */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
        return type.startsWith("text/")
                || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml")
                || type.equals("application/javascript") || type.equals("application/yaml")
                || type.equals("application/graphql");
    }

    private static Map<String, String> headers(IncomingRequest request, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            if (!name.equals("cookie")) {
                headers.put(name, String.join(",", values));
            }
        });
        headers.merge("x-forwarded-for", request.sourceIp(), (sent, ours) -> sent + ", " + ours);
        headers.putIfAbsent("x-forwarded-proto", "http");
        String host = request.header("host");
        if (host != null && host.contains(":")) {
            headers.putIfAbsent("x-forwarded-port", host.substring(host.lastIndexOf(':') + 1));
        }
        headers.putIfAbsent("x-amzn-trace-id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        return headers;
    }

    private static List<String> cookies(IncomingRequest request) {
        List<String> values = request.headers().get("cookie");
        if (values == null) {
            return null;
        }
        List<String> cookies = new ArrayList<>();
        for (String header : values) {
            for (String cookie : header.split(";")) {
                if (!cookie.isBlank()) {
                    cookies.add(cookie.strip());
                }
            }
        }
        return cookies.isEmpty() ? null : cookies;
    }

    static Map<String, String> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.merge(name, value, (first, next) -> first + "," + next);
        }
        return parameters.isEmpty() ? null : parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return text;
        }
    }

    /** API Gateway's request ids look like "JKJaXmPLvHcESHA="; any unique string serves. */
    private static String requestId() {
        byte[] random = new byte[10];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(random);
        return Base64.getEncoder().withoutPadding().encodeToString(random) + "=";
    }
}
