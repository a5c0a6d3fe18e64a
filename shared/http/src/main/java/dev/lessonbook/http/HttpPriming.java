package dev.lessonbook.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lessonbook.aws.priming.Primer;
import dev.lessonbook.json.JsonMappers;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Result;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP part of a function's SnapStart priming (docs/decisions.md, "SnapStart priming"): a
 * canned request, as API Gateway's JSON, read the way Lambda hands it to the stream form
 * ({@link ApiGatewayJson}), answered, and the answer written as JSON — the event mapping, the
 * request readers, the response documents' serializers and the problem documents are built before
 * the first request. Nothing is logged: a primed request is not a request.
 *
 * <ul>
 *   <li>{@link #route} runs a whole route. Only for a route that reads, with ids that were never
 *       written ({@link #NEVER_WRITTEN_ID}): its use case reads a key no item has and answers 404.
 *   <li>{@link #reading} runs a writing route's reader (parsing and validating the body) and
 *       renders a response document for it — never its use case, which would write.
 * </ul>
 */
public final class HttpPriming {
    /** An id no instructor, student or booking has (ids are JWT subjects and generated booking ids). */
    public static final String NEVER_WRITTEN_ID = "PRIMING-never-written";

    private static final ObjectMapper JSON = JsonMappers.standard();
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z]+)}");

    private HttpPriming() {}

    /**
     * Runs {@code route} on {@code request}, whose use case only reads. An answer of 5xx fails the
     * primer (counted as {@code PrimingFailed}; every function's IT checks there is none): the route
     * broke, and nothing was primed past the break.
     */
    public static Primer route(Route route, Request request) {
        Route silent = route.withLog(line -> {});
        return Primer.of("HTTP " + request.routeKey, () -> {
            APIGatewayV2HTTPResponse response = silent.handle(read(request));
            if (response.getStatusCode() >= 500) {
                throw new IllegalStateException("Priming " + request.routeKey + " answered " + response.getStatusCode()
                        + ": " + response.getBody());
            }
            write(response);
        });
    }

    /**
     * Reads {@code request} with {@code reader} and writes what {@code respond} renders of the
     * command read, then a problem document (the answer of every refused request). A canned request
     * the reader refuses fails the primer: the reader stopped early and the response was never
     * rendered, so the request must be fixed.
     */
    public static <A> Primer reading(Route.Reader<A> reader, Route.Writer<A> respond, Request request) {
        return Primer.of("HTTP " + request.routeKey, () -> {
            APIGatewayV2HTTPEvent event = read(request);
            A command = switch (reader.read(ApiRequest.of(event))) {
                case Result.Ok<A> ok -> ok.value();
                case Result.Rejected<A> refused -> throw new IllegalStateException("Priming " + request.routeKey
                        + ": the canned request was refused, " + refused.rejection().code() + " " + refused.rejection().detail());
            };
            write(Route.of(ignored -> respond.write(command)).withLog(line -> {}).handle(event));
            write(Route.of(ignored -> ApiResponse.problem(Rejection.of(ProblemCode.VALIDATION_FAILED, "Priming")))
                    .withLog(line -> {}).handle(event));
        });
    }

    /** A request on a route key such as {@code GET /v1/bookings/{bookingId}}, by an admin unless said otherwise. */
    public static Request request(String routeKey) {
        return new Request(routeKey);
    }

    private static APIGatewayV2HTTPEvent read(Request request) throws IOException {
        return ApiGatewayJson.readEvent(new ByteArrayInputStream(JSON.writeValueAsBytes(request.json())));
    }

    private static void write(APIGatewayV2HTTPResponse response) throws IOException {
        ApiGatewayJson.writeResponse(response, OutputStream.nullOutputStream());
    }

    /** A canned API Gateway (payload v2) request, built as JSON. */
    public static final class Request {
        private final String routeKey;
        private final Map<String, String> pathParameters = new LinkedHashMap<>();
        private final Map<String, String> query = new LinkedHashMap<>();
        private final Map<String, String> claims = new LinkedHashMap<>(Map.of("sub", NEVER_WRITTEN_ID, "role", "admin"));
        private String body;

        private Request(String routeKey) {
            this.routeKey = routeKey;
        }

        public Request pathParam(String name, String value) {
            pathParameters.put(name, value);
            return this;
        }

        public Request query(String name, String value) {
            query.put(name, value);
            return this;
        }

        public Request as(String sub, String role) {
            claims.put("sub", sub);
            claims.put("role", role);
            return this;
        }

        public Request json(String jsonBody) {
            body = jsonBody;
            return this;
        }

        private Map<String, Object> json() {
            String method = routeKey.substring(0, routeKey.indexOf(' '));
            Matcher parameters = PATH_PARAMETER.matcher(routeKey.substring(routeKey.indexOf(' ') + 1));
            StringBuilder path = new StringBuilder();
            while (parameters.find()) {
                parameters.appendReplacement(path, Matcher.quoteReplacement(pathParameters.getOrDefault(parameters.group(1), "")));
            }
            parameters.appendTail(path);
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("version", "2.0");
            event.put("routeKey", routeKey);
            event.put("rawPath", path.toString());
            event.put("rawQueryString", "");
            event.put("headers", body == null ? Map.of() : Map.of("content-type", "application/json"));
            if (!query.isEmpty()) {
                event.put("queryStringParameters", query);
            }
            if (!pathParameters.isEmpty()) {
                event.put("pathParameters", pathParameters);
            }
            event.put("requestContext", Map.of(
                    "routeKey", routeKey,
                    "requestId", "priming",
                    "http", Map.of("method", method, "path", path.toString()),
                    "authorizer", Map.of("jwt", Map.of("claims", claims))));
            if (body != null) {
                event.put("body", body);
                event.put("isBase64Encoded", false);
            }
            return event;
        }
    }
}
