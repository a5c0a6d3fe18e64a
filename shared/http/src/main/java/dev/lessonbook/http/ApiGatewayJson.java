package dev.lessonbook.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lessonbook.json.JsonMappers;
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
 * Lambda hands a {@link HttpFunction}. Mapped by hand over the shared mapper's tree, so the Lambda
 * runtime never builds its own reflective JSON mapper for the event classes (about 150 ms of a
 * cold start, measured in docs/performance.md). Every field the event classes carry is read,
 * except the IAM and Lambda authorizer contexts: the API authorizes with JWTs only.
 */
public final class ApiGatewayJson {
    private static final ObjectMapper JSON = JsonMappers.standard();

    private ApiGatewayJson() {}

    public static APIGatewayV2HTTPEvent readEvent(InputStream in) throws IOException {
        if (!(JSON.readTree(in) instanceof ObjectNode json)) {
            throw new IOException("The API Gateway event is not a JSON object");
        }
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion(text(json.get("version")));
        event.setRouteKey(text(json.get("routeKey")));
        event.setRawPath(text(json.get("rawPath")));
        event.setRawQueryString(text(json.get("rawQueryString")));
        event.setCookies(texts(json.get("cookies")));
        event.setHeaders(textMap(json.get("headers")));
        event.setQueryStringParameters(textMap(json.get("queryStringParameters")));
        event.setPathParameters(textMap(json.get("pathParameters")));
        event.setStageVariables(textMap(json.get("stageVariables")));
        event.setBody(text(json.get("body")));
        event.setIsBase64Encoded(json.path("isBase64Encoded").booleanValue());
        object(json.get("requestContext")).map(ApiGatewayJson::requestContext).ifPresent(event::setRequestContext);
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
        out.write(JSON.writeValueAsBytes(json)); // not writeValue(out, …): that would close Lambda's stream
    }

    private static RequestContext requestContext(ObjectNode json) {
        RequestContext context = new RequestContext();
        context.setRouteKey(text(json.get("routeKey")));
        context.setAccountId(text(json.get("accountId")));
        context.setStage(text(json.get("stage")));
        context.setApiId(text(json.get("apiId")));
        context.setDomainName(text(json.get("domainName")));
        context.setDomainPrefix(text(json.get("domainPrefix")));
        context.setTime(text(json.get("time")));
        context.setRequestId(text(json.get("requestId")));
        if (json.path("timeEpoch").isNumber()) {
            context.setTimeEpoch(json.get("timeEpoch").longValue());
        }
        object(json.get("http")).ifPresent(http -> {
            RequestContext.Http fields = new RequestContext.Http();
            fields.setMethod(text(http.get("method")));
            fields.setPath(text(http.get("path")));
            fields.setProtocol(text(http.get("protocol")));
            fields.setSourceIp(text(http.get("sourceIp")));
            fields.setUserAgent(text(http.get("userAgent")));
            context.setHttp(fields);
        });
        object(json.get("authorizer")).flatMap(authorizer -> object(authorizer.get("jwt"))).ifPresent(jwt -> {
            RequestContext.Authorizer.JWT fields = new RequestContext.Authorizer.JWT();
            fields.setClaims(textMap(jwt.get("claims")));
            fields.setScopes(texts(jwt.get("scopes")));
            RequestContext.Authorizer authorizer = new RequestContext.Authorizer();
            authorizer.setJwt(fields);
            context.setAuthorizer(authorizer);
        });
        return context;
    }

    private static Optional<ObjectNode> object(JsonNode value) {
        return value instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
    }

    /** A scalar as the runtime's own mapping coerces it into a String field; a structure as its JSON. */
    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isContainerNode() ? value.toString() : value.asText();
    }

    private static Map<String, String> textMap(JsonNode value) {
        return object(value).map(fields -> {
            Map<String, String> texts = new LinkedHashMap<>();
            fields.properties().forEach(field -> texts.put(field.getKey(), text(field.getValue())));
            return texts;
        }).orElse(null);
    }

    private static List<String> texts(JsonNode value) {
        if (!(value instanceof ArrayNode items)) {
            return null;
        }
        List<String> texts = new ArrayList<>(items.size());
        items.forEach(item -> texts.add(text(item)));
        return texts;
    }

    private static void putIfPresent(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
