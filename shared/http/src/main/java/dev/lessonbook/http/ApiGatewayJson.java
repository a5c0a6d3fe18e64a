package dev.lessonbook.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API Gateway's HTTP API payload (format 2.0) read from, and the answer written to, the streams
 * Lambda hands a {@link HttpFunction}. Mapped by hand with {@link Json}, so the Lambda runtime
 * never builds its own reflective JSON mapper for the event classes (about 150 ms of a cold start,
 * measured in docs/performance.md). Every field the event classes carry is read, except the IAM
 * and Lambda authorizer contexts: the API authorizes with JWTs only.
 */
public final class ApiGatewayJson {
    private static final Json READER = Json.reader();

    private ApiGatewayJson() {}

    public static APIGatewayV2HTTPEvent readEvent(InputStream in) throws IOException {
        Map<String, Object> json = READER.readObject(in, "The API Gateway event");
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion(text(json, "version"));
        event.setRouteKey(text(json, "routeKey"));
        event.setRawPath(text(json, "rawPath"));
        event.setRawQueryString(text(json, "rawQueryString"));
        event.setCookies(texts(json, "cookies"));
        event.setHeaders(textMap(json, "headers"));
        event.setQueryStringParameters(textMap(json, "queryStringParameters"));
        event.setPathParameters(textMap(json, "pathParameters"));
        event.setStageVariables(textMap(json, "stageVariables"));
        event.setBody(text(json, "body"));
        event.setIsBase64Encoded(Boolean.TRUE.equals(json.get("isBase64Encoded")));
        object(json, "requestContext").map(ApiGatewayJson::requestContext).ifPresent(event::setRequestContext);
        return event;
    }

    /** The answer as API Gateway reads it; absent fields are left out. */
    public static void writeResponse(APIGatewayV2HTTPResponse response, OutputStream out) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("statusCode", response.getStatusCode());
        putIfPresent(json, "headers", response.getHeaders());
        putIfPresent(json, "multiValueHeaders", response.getMultiValueHeaders());
        putIfPresent(json, "cookies", response.getCookies());
        putIfPresent(json, "body", response.getBody());
        json.put("isBase64Encoded", response.getIsBase64Encoded());
        out.write(Json.writeBytes(json));
    }

    private static RequestContext requestContext(Map<String, Object> json) {
        RequestContext context = new RequestContext();
        context.setRouteKey(text(json, "routeKey"));
        context.setAccountId(text(json, "accountId"));
        context.setStage(text(json, "stage"));
        context.setApiId(text(json, "apiId"));
        context.setDomainName(text(json, "domainName"));
        context.setDomainPrefix(text(json, "domainPrefix"));
        context.setTime(text(json, "time"));
        context.setRequestId(text(json, "requestId"));
        if (json.get("timeEpoch") instanceof Number epoch) {
            context.setTimeEpoch(epoch.longValue());
        }
        object(json, "http").ifPresent(http -> {
            RequestContext.Http fields = new RequestContext.Http();
            fields.setMethod(text(http, "method"));
            fields.setPath(text(http, "path"));
            fields.setProtocol(text(http, "protocol"));
            fields.setSourceIp(text(http, "sourceIp"));
            fields.setUserAgent(text(http, "userAgent"));
            context.setHttp(fields);
        });
        object(json, "authorizer").flatMap(authorizer -> object(authorizer, "jwt")).ifPresent(jwt -> {
            RequestContext.Authorizer.JWT fields = new RequestContext.Authorizer.JWT();
            fields.setClaims(textMap(jwt, "claims"));
            fields.setScopes(texts(jwt, "scopes"));
            RequestContext.Authorizer authorizer = new RequestContext.Authorizer();
            authorizer.setJwt(fields);
            context.setAuthorizer(authorizer);
        });
        return context;
    }

    private static Optional<Map<String, Object>> object(Map<String, Object> json, String name) {
        return Json.asObject(json.get(name));
    }

    private static String text(Map<String, Object> json, String name) {
        return textOf(json.get(name));
    }

    /** A scalar as the runtime's own mapping coerces it into a String field; a structure as its JSON. */
    private static String textOf(Object value) {
        return switch (value) {
            case null -> null;
            case String text -> text;
            case Map<?, ?> structure -> Json.write(structure);
            case List<?> structure -> Json.write(structure);
            default -> String.valueOf(value);
        };
    }

    private static Map<String, String> textMap(Map<String, Object> json, String name) {
        return object(json, name).map(fields -> {
            Map<String, String> texts = new LinkedHashMap<>();
            fields.forEach((key, value) -> texts.put(key, textOf(value)));
            return texts;
        }).orElse(null);
    }

    private static List<String> texts(Map<String, Object> json, String name) {
        if (!(json.get(name) instanceof List<?> items)) {
            return null;
        }
        List<String> texts = new ArrayList<>(items.size());
        items.forEach(item -> texts.add(textOf(item)));
        return texts;
    }

    private static void putIfPresent(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
