package dev.lessonbook.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lessonbook.json.JsonMappers;
import dev.lessonbook.problem.DependencyBusyException;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Result;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The whole HTTP life of one function: event in, response out. It turns every outcome — a value,
 * a rejection, a busy dependency, a bug — into an answer (a problem document for all but success,
 * never a 500), and writes one JSON log line per request.
 *
 * <pre>{@code
 * private static final Route ROUTE = Route.reading(WeekRequests::saveWeek)
 *         .then(SAVING::save)
 *         .respond(saved -> WeekJson.response(saved.week(), saved.timezone()));
 * public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
 *     return ROUTE.handle(event, context);
 * }
 * }</pre>
 */
public final class Route {
    /** How long a client should wait after a throttled dependency, unless the dependency said. */
    static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);
    /** After an unexpected failure: long enough not to hammer a struggling function. */
    static final Duration FAILURE_RETRY_AFTER = Duration.ofSeconds(5);
    /** Writes every body: documents (records or maps), problem documents and the log line. */
    static final ObjectMapper JSON = JsonMappers.standard();

    private final Endpoint endpoint;
    private final CallerResolver callers;
    private final Consumer<String> log;

    private Route(Endpoint endpoint, CallerResolver callers, Consumer<String> log) {
        this.endpoint = endpoint;
        this.callers = callers;
        this.log = log;
    }

    /** What a function does with a request. May throw: the route answers for it. */
    @FunctionalInterface
    public interface Endpoint {
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    /** Reads a request into a command, or refuses it. */
    @FunctionalInterface
    public interface Reader<A> {
        Result<A> read(ApiRequest request) throws Exception;
    }

    /** A use case: a command in, a value or a rejection out. */
    @FunctionalInterface
    public interface Step<A, B> {
        Result<B> apply(A input) throws Exception;
    }

    /** Renders a use case's value. */
    @FunctionalInterface
    public interface Writer<A> {
        ApiResponse write(A value) throws Exception;
    }

    public static Route of(Endpoint endpoint) {
        return new Route(endpoint, null, System.out::println);
    }

    /** The usual shape: read → use case(s) → write; the first rejection answers. */
    public static <A> Pipeline<A> reading(Reader<A> reader) {
        return new Pipeline<>(reader);
    }

    /** The same route reading callers with another role claim (tests, the local runtime). */
    public Route withCallers(CallerResolver otherCallers) {
        return new Route(endpoint, otherCallers, log);
    }

    /** The same route logging elsewhere than stdout (tests). */
    public Route withLog(Consumer<String> otherLog) {
        return new Route(endpoint, callers, otherLog);
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handle(event, null);
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        long started = System.nanoTime();
        ApiRequest request = ApiRequest.of(event == null ? new APIGatewayV2HTTPEvent() : event,
                callers == null ? CallerResolver.fromEnvironment() : callers);
        RequestLog line = new RequestLog(request, correlationId(request, context));
        APIGatewayV2HTTPResponse response;
        try {
            ApiResponse answer = endpoint.handle(request);
            response = answer == null ? failure(request, line, new IllegalStateException("endpoint answered null"))
                    : toEvent(answer, request, line);
        } catch (Throwable unexpected) {
            response = failure(request, line, unexpected);
        }
        line.status(response.getStatusCode());
        log.accept(line.finish(Duration.ofNanos(System.nanoTime() - started)));
        return response;
    }

    private APIGatewayV2HTTPResponse toEvent(ApiResponse answer, ApiRequest request, RequestLog line)
            throws JsonProcessingException {
        return switch (answer) {
            case ApiResponse.Document document -> {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Content-Type", "application/json");
                headers.putAll(document.headers());
                yield response(document.status(), headers,
                        document.body() == null ? null : JSON.writeValueAsString(document.body()));
            }
            case ApiResponse.Text text -> {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Content-Type", text.contentType());
                headers.putAll(text.headers());
                yield response(text.status(), headers, text.body());
            }
            case ApiResponse.Problem problem -> problemResponse(problem.rejection(), problem.headers(), request, line);
        };
    }

    private APIGatewayV2HTTPResponse problemResponse(
            Rejection rejection, Map<String, String> extraHeaders, ApiRequest request, RequestLog line)
            throws JsonProcessingException {
        ProblemJson.Rendered rendered = ProblemJson.render(rejection, request.path());
        line.problem(rejection.code(), rendered.unrenderedExtras());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", ProblemJson.MEDIA_TYPE);
        if (rejection.code() == ProblemCode.SERVICE_UNAVAILABLE) {
            headers.put("Retry-After", Long.toString(BUSY_RETRY_AFTER.toSeconds()));
        }
        rejection.code().retryAfter().ifPresent(wait -> headers.put("Retry-After", Long.toString(wait.toSeconds())));
        headers.putAll(extraHeaders);
        return response(rejection.code().status(), headers, JSON.writeValueAsString(rendered.document()));
    }

    /**
     * Nothing a client sends may produce a 500 (docs/spec.md §3): a throttled dependency and a bug both
     * answer 503 with Retry-After. The response names neither the exception nor its stack; the
     * log line has both, under the correlation id the response carries.
     */
    private APIGatewayV2HTTPResponse failure(ApiRequest request, RequestLog line, Throwable unexpected) {
        Optional<DependencyBusyException> busy = busyCause(unexpected);
        line.failure(unexpected, busy.isPresent());
        try {
            Rejection rejection;
            Duration retryAfter;
            if (busy.isPresent()) {
                retryAfter = atLeastOneSecond(busy.get().retryAfter());
                rejection = Rejection.of(ProblemCode.SERVICE_UNAVAILABLE,
                        "The service is busy; retry after " + retryAfter.toSeconds() + " second(s)");
            } else {
                retryAfter = FAILURE_RETRY_AFTER;
                rejection = Rejection.of(ProblemCode.SERVICE_UNAVAILABLE,
                        "The service could not complete this request; retry later, or quote reference "
                                + line.correlationId() + " when reporting it");
            }
            rejection = rejection.with(new ProblemJson.CorrelationId(line.correlationId()));
            return problemResponse(rejection, Map.of("Retry-After", Long.toString(retryAfter.toSeconds())),
                    request, line);
        } catch (Throwable whileRendering) {
            // Last resort: a constant answer that needs nothing that could fail.
            return response(503, Map.of("Content-Type", ProblemJson.MEDIA_TYPE,
                            "Retry-After", Long.toString(FAILURE_RETRY_AFTER.toSeconds())),
                    "{\"type\":\"" + ProblemJson.type(ProblemCode.SERVICE_UNAVAILABLE)
                            + "\",\"title\":\"Service unavailable\",\"status\":503,"
                            + "\"detail\":\"The service could not complete this request; retry later\","
                            + "\"code\":\"SERVICE_UNAVAILABLE\"}");
        }
    }

    private static Optional<DependencyBusyException> busyCause(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
            if (cause instanceof DependencyBusyException busy) {
                return Optional.of(busy);
            }
        }
        return Optional.empty();
    }

    private static Duration atLeastOneSecond(Duration retryAfter) {
        if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
            return BUSY_RETRY_AFTER;
        }
        // Retry-After counts whole seconds: round up, so the client never retries early.
        return Duration.ofSeconds(retryAfter.toSeconds() + (retryAfter.toNanosPart() == 0 ? 0 : 1));
    }

    private static String correlationId(ApiRequest request, Context context) {
        return request.requestId()
                .filter(id -> !id.isBlank())
                .or(() -> Optional.ofNullable(context).map(Context::getAwsRequestId).filter(id -> !id.isBlank()))
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    private static APIGatewayV2HTTPResponse response(int status, Map<String, String> headers, String body) {
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(status);
        response.setHeaders(new LinkedHashMap<>(headers));
        response.setBody(body);
        response.setIsBase64Encoded(false);
        return response;
    }

    static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    /** A route under construction: reading, then use cases, then the writer. */
    public static final class Pipeline<A> {
        private final Reader<A> reader;

        private Pipeline(Reader<A> reader) {
            this.reader = reader;
        }

        public <B> Pipeline<B> then(Step<A, B> step) {
            Reader<A> before = reader;
            return new Pipeline<>(request -> switch (before.read(request)) {
                case Result.Ok<A> ok -> step.apply(ok.value());
                case Result.Rejected<A> rejected -> Result.rejected(rejected.rejection());
            });
        }

        public Route respond(Writer<A> writer) {
            Reader<A> complete = reader;
            return Route.of(request -> switch (complete.read(request)) {
                case Result.Ok<A> ok -> writer.write(ok.value());
                case Result.Rejected<A> rejected -> ApiResponse.problem(rejected.rejection());
            });
        }
    }
}
