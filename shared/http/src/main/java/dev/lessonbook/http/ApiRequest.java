package dev.lessonbook.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.lessonbook.access.Caller;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Result;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as API Gateway (payload v2) hands it to a function: what handlers read, with
 * header names case-insensitive and the body base64-decoded when the gateway encoded it.
 */
public final class ApiRequest {
    private final APIGatewayV2HTTPEvent event;
    private final CallerResolver callers;
    private final Map<String, String> headers;

    private ApiRequest(APIGatewayV2HTTPEvent event, CallerResolver callers) {
        this.event = event;
        this.callers = callers;
        TreeMap<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> {
                if (name != null && value != null) {
                    byName.put(name, value);
                }
            });
        }
        this.headers = byName;
    }

    /** The request, its caller read with the role claim configured by {@code ROLE_CLAIM}. */
    public static ApiRequest of(APIGatewayV2HTTPEvent event) {
        return new ApiRequest(event, CallerResolver.fromEnvironment());
    }

    public static ApiRequest of(APIGatewayV2HTTPEvent event, CallerResolver callers) {
        return new ApiRequest(event, callers);
    }

    public APIGatewayV2HTTPEvent event() {
        return event;
    }

    public String method() {
        var context = event.getRequestContext();
        if (context != null && context.getHttp() != null && context.getHttp().getMethod() != null) {
            return context.getHttp().getMethod();
        }
        String routeKey = event.getRouteKey();
        return routeKey != null && routeKey.contains(" ") ? routeKey.substring(0, routeKey.indexOf(' ')) : "";
    }

    /** The path as requested: the {@code instance} of problem documents. */
    public String path() {
        if (event.getRawPath() != null) {
            return event.getRawPath();
        }
        var context = event.getRequestContext();
        return context != null && context.getHttp() != null && context.getHttp().getPath() != null
                ? context.getHttp().getPath()
                : "";
    }

    public String routeKey() {
        return event.getRouteKey() == null ? "" : event.getRouteKey();
    }

    /** API Gateway's id of this request, empty when not invoked through the gateway. */
    public Optional<String> requestId() {
        var context = event.getRequestContext();
        return context == null ? Optional.empty() : Optional.ofNullable(context.getRequestId());
    }

    public Optional<String> pathParam(String name) {
        return Optional.ofNullable(event.getPathParameters()).map(params -> params.get(name));
    }

    /**
     * An id from the path. One not shaped like an id (docs/spec.md §9) answers 404 NOT_FOUND: nothing can
     * exist at such a path, and it is the same answer an unknown id gets.
     */
    public Result<String> pathId(String name) {
        Optional<String> value = pathParam(name);
        if (value.isPresent() && Ids.isValid(value.get())) {
            return Result.ok(value.get());
        }
        return Result.rejected(ProblemCode.NOT_FOUND, "No resource exists at " + path());
    }

    /** A query parameter; repeated parameters arrive comma-joined, as API Gateway sends them. */
    public Optional<String> query(String name) {
        return Optional.ofNullable(event.getQueryStringParameters()).map(params -> params.get(name));
    }

    public Map<String, String> queryParams() {
        return event.getQueryStringParameters() == null ? Map.of() : Map.copyOf(event.getQueryStringParameters());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The verified token's claims, as the JWT authorizer passes them; empty when there are none. */
    public Map<String, String> claims() {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null
                || context.getAuthorizer().getJwt().getClaims() == null) {
            return Map.of();
        }
        return context.getAuthorizer().getJwt().getClaims();
    }

    /** Who is calling: 401 UNAUTHENTICATED without a usable subject, 403 FORBIDDEN without a known role. */
    public Result<Caller> caller() {
        return callers.resolve(this);
    }

    public boolean hasBody() {
        return event.getBody() != null && !event.getBody().isEmpty();
    }

    /**
     * The body's bytes, base64-decoded when the gateway encoded them. Over {@link Limits#MAX_BODY_BYTES}
     * → 413 PAYLOAD_TOO_LARGE, judged before anything is decoded or parsed.
     */
    public Result<byte[]> body() {
        return body(Limits.MAX_BODY_BYTES);
    }

    /**
     * The body's bytes under another limit than the API's 64 KB: a route whose sender is not our
     * client (Stripe's webhook deliveries, {@link Limits#MAX_WEBHOOK_BODY_BYTES}).
     */
    public Result<byte[]> body(int maxBytes) {
        String raw = event.getBody() == null ? "" : event.getBody();
        if (event.getIsBase64Encoded()) {
            // 4 base64 characters carry 3 bytes: a longer text cannot decode to an allowed body.
            if ((long) raw.length() > 4L * ((maxBytes + 2) / 3) + 4) {
                return tooLarge(maxBytes);
            }
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(raw);
            } catch (IllegalArgumentException notBase64) {
                return Result.rejected(ProblemCode.MALFORMED_JSON, "Request body is not valid base64");
            }
            return decoded.length > maxBytes ? tooLarge(maxBytes) : Result.ok(decoded);
        }
        // Every char is at least one UTF-8 byte, so a long text is too large before it is encoded.
        if (raw.length() > maxBytes) {
            return tooLarge(maxBytes);
        }
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        return bytes.length > maxBytes ? tooLarge(maxBytes) : Result.ok(bytes);
    }

    private static <T> Result<T> tooLarge(int maxBytes) {
        return Result.rejected(ProblemCode.PAYLOAD_TOO_LARGE, "Request body must be at most " + maxBytes + " bytes ("
                + (maxBytes % (1024 * 1024) == 0 ? maxBytes / (1024 * 1024) + " MB" : maxBytes / 1024 + " KB") + ")");
    }
}
