package dev.lessonbook.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** API Gateway v2 events for tests: the samples of {@code events/http}, or built by hand. */
public final class TestEvents {
    private TestEvents() {}

    /** A sample event of {@code events/http}, loaded the way aws-lambda-java-tests loads any event. */
    public static APIGatewayV2HTTPEvent sample(String name) {
        String root = System.getProperty("lessonbook.root", "../..");
        return EventLoader.loadApiGatewayHttpEvent(Path.of(root, "events", "http", name).toString());
    }

    public static Builder request(String method, String path) {
        return new Builder(method, path);
    }

    /** A sample of {@code events/http} to adjust: who calls, path parameters, body, headers. */
    public static Builder fromSample(String name) {
        return new Builder(sample(name));
    }

    public static final class Builder {
        private final APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        private final Map<String, String> headers = new HashMap<>();
        private final Map<String, String> pathParameters = new HashMap<>();
        private final Map<String, String> query = new HashMap<>();
        private Map<String, String> claims = new HashMap<>(Map.of("sub", "u1", "role", "student"));

        private Builder(APIGatewayV2HTTPEvent sample) {
            event.setVersion(sample.getVersion());
            event.setRawPath(sample.getRawPath());
            event.setRawQueryString(sample.getRawQueryString());
            event.setRouteKey(sample.getRouteKey());
            event.setRequestContext(sample.getRequestContext());
            event.setBody(sample.getBody());
            event.setIsBase64Encoded(sample.getIsBase64Encoded());
            if (sample.getHeaders() != null) {
                headers.putAll(sample.getHeaders());
            }
            if (sample.getPathParameters() != null) {
                pathParameters.putAll(sample.getPathParameters());
            }
            if (sample.getQueryStringParameters() != null) {
                query.putAll(sample.getQueryStringParameters());
            }
            if (sample.getRequestContext() != null && sample.getRequestContext().getAuthorizer() != null
                    && sample.getRequestContext().getAuthorizer().getJwt() != null) {
                claims = new HashMap<>(sample.getRequestContext().getAuthorizer().getJwt().getClaims());
            }
        }

        private Builder(String method, String path) {
            event.setVersion("2.0");
            event.setRawPath(path);
            event.setRouteKey(method + " " + path);
            APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
            APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
            http.setMethod(method);
            http.setPath(path);
            context.setHttp(http);
            context.setRequestId("req-1");
            event.setRequestContext(context);
        }

        public Builder as(String sub, String role) {
            claims = new HashMap<>();
            claims.put("sub", sub);
            claims.put("role", role);
            return this;
        }

        public Builder claims(Map<String, String> newClaims) {
            claims = newClaims == null ? null : new HashMap<>(newClaims);
            return this;
        }

        /** The route the gateway matched, e.g. {@code GET /v1/webhook-subscriptions/{subscriptionId}}. */
        public Builder routeKey(String routeKey) {
            event.setRouteKey(routeKey);
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Builder withoutHeader(String name) {
            headers.remove(name);
            return this;
        }

        public Builder pathParam(String name, String value) {
            pathParameters.put(name, value);
            return this;
        }

        public Builder withoutQuery(String name) {
            query.remove(name);
            return this;
        }

        public Builder query(String name, String value) {
            query.put(name, value);
            return this;
        }

        /** A JSON body with {@code content-type: application/json}, as clients send it. */
        public Builder json(String body) {
            headers.put("content-type", "application/json");
            event.setBody(body);
            event.setIsBase64Encoded(false);
            return this;
        }

        public Builder body(String body) {
            event.setBody(body);
            return this;
        }

        public Builder base64Body(String body) {
            event.setBody(body);
            event.setIsBase64Encoded(true);
            return this;
        }

        public APIGatewayV2HTTPEvent event() {
            event.setHeaders(headers);
            event.setPathParameters(pathParameters.isEmpty() ? null : pathParameters);
            event.setQueryStringParameters(query.isEmpty() ? null : query);
            if (claims == null) {
                event.getRequestContext().setAuthorizer(null);
            } else {
                APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer =
                        new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
                APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt =
                        new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
                jwt.setClaims(claims);
                authorizer.setJwt(jwt);
                event.getRequestContext().setAuthorizer(authorizer);
            }
            return event;
        }

        public ApiRequest build() {
            return ApiRequest.of(event(), new CallerResolver("role"));
        }
    }
}
