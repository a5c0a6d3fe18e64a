package dev.lessonbook.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lessonbook.json.JsonMappers;
import dev.lessonbook.local.auth.JwtAuthorizer;
import dev.lessonbook.local.function.LambdaFunction;
import dev.lessonbook.local.template.FunctionSpec;
import dev.lessonbook.local.template.HttpApiSpec;
import dev.lessonbook.problem.ProblemCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the template's HttpApi routes on a loopback port the way API Gateway fronts the
 * functions: the API's {@link HttpApiQuotas quotas} (431 over the header quota, 413 over the
 * payload quota), route matching, the JWT authorizer, the v2 payload in, the v2 response out, and
 * API Gateway's own answer when a function fails, outlives its Timeout (500) or the API's
 * integration timeout (503). Paths under {@code /_local/} are the runtime's own endpoints and
 * never reach a function.
 */
public final class LocalHttpServer implements AutoCloseable {
    /** Local-only endpoints: the dev token issuer, health. */
    public interface LocalEndpoints {
        /** Answers a /_local request; empty when no such endpoint. */
        Optional<Reply> handle(IncomingRequest request);
    }

    /**
     * Starts a function by its logical id with an event; the answer completes with what the handler
     * returned or threw, or with {@link LambdaFunction.TimedOut} at the function's Timeout.
     */
    public interface Invoker {
        CompletableFuture<Object> invoke(String functionLogicalId, Object event);
    }

    /** A complete HTTP answer. */
    public record Reply(int status, Map<String, List<String>> headers, byte[] body) {
        public static Reply json(int status, String contentType, byte[] body) {
            return new Reply(status, Map.of("Content-Type", List.of(contentType)), body);
        }
    }

    private static final ObjectMapper JSON = JsonMappers.standard();
    /**
     * The JDK's server drops the connection of a request with more than 200 header lines or
     * 380 KB of headers, before this class sees it. API Gateway answers such requests (431 when
     * over its size quota), so the JDK's ceilings are raised far above the quota; only a request
     * beyond these still loses its connection. Read once, when the JDK's server is first used.
     */
    private static final int JDK_MAX_HEADER_LINES = 20_000;
    private static final int JDK_MAX_HEADER_BYTES = 4 * 1024 * 1024;

    static {
        System.setProperty("sun.net.httpserver.maxReqHeaders",
                System.getProperty("sun.net.httpserver.maxReqHeaders", Integer.toString(JDK_MAX_HEADER_LINES)));
        System.setProperty("sun.net.httpserver.maxReqHeaderSize",
                System.getProperty("sun.net.httpserver.maxReqHeaderSize", Integer.toString(JDK_MAX_HEADER_BYTES)));
    }

    private final HttpServer server;
    private final HttpApiQuotas quotas;
    private final ExecutorService workers;
    private final RouteTable routes;
    private final Map<String, HttpApiSpec> apis;
    private final JwtAuthorizer authorizer;
    private final HttpApiEvents events;
    private final Invoker invoker;
    private final LocalEndpoints localEndpoints;
    private final Clock clock;
    private final PrintStream log;

    private LocalHttpServer(HttpServer server, HttpApiQuotas quotas, ExecutorService workers, RouteTable routes,
            Map<String, HttpApiSpec> apis, JwtAuthorizer authorizer, HttpApiEvents events, Invoker invoker,
            LocalEndpoints localEndpoints, Clock clock, PrintStream log) {
        this.server = server;
        this.quotas = quotas;
        this.workers = workers;
        this.routes = routes;
        this.apis = apis;
        this.authorizer = authorizer;
        this.events = events;
        this.invoker = invoker;
        this.localEndpoints = localEndpoints;
        this.clock = clock;
        this.log = log;
    }

    /** Binds the port now (so its number is known before provisioning) and serves once {@link #start()} is called. */
    public static Bound bind(int port) throws IOException {
        return new Bound(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64));
    }

    /** A bound, not yet serving, server. */
    public record Bound(HttpServer server) {
        public int port() {
            return server.getAddress().getPort();
        }

        public LocalHttpServer serve(HttpApiQuotas quotas, List<FunctionSpec.HttpRoute> routes, Map<String, HttpApiSpec> apis,
                JwtAuthorizer authorizer, HttpApiEvents events, Invoker invoker, LocalEndpoints localEndpoints, Clock clock,
                PrintStream log, int threads) {
            AtomicInteger counter = new AtomicInteger();
            ExecutorService workers = Executors.newFixedThreadPool(threads, runnable -> {
                Thread thread = new Thread(runnable, "local-http-" + counter.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            LocalHttpServer local = new LocalHttpServer(server, quotas, workers, new RouteTable(routes), apis, authorizer,
                    events, invoker, localEndpoints, clock, log);
            server.setExecutor(workers);
            server.createContext("/", local::exchange);
            server.start();
            return local;
        }

        /** Releases the port of a server that never started serving. */
        public void release() {
            server.stop(0);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(1);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void exchange(HttpExchange exchange) {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        int status = 500;
        try (exchange) {
            Reply reply;
            if (requestLineAndHeaderValues(exchange) > quotas.requestLineAndHeaderValues()) {
                // API Gateway refuses these before routing or authorizing anything.
                reply = gatewayMessage(431, "Request Header Fields Too Large");
            } else {
                IncomingRequest request = read(exchange, method, rawPath);
                reply = request == null
                        ? Reply.json(413, Problems.MEDIA_TYPE, Problems.document(ProblemCode.PAYLOAD_TOO_LARGE,
                                "The body exceeds API Gateway's 10 MB limit", rawPath))
                        : answer(request);
            }
            status = reply.status();
            write(exchange, reply);
        } catch (IOException | RuntimeException e) {
            log.println("ERROR " + method + " " + rawPath + " could not be answered: " + e);
        } finally {
            log.printf("HTTP %s %s %d %d ms%n", method, rawPath, status, (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * What API Gateway's header quota counts: the request line and every header value, names
     * excluded. The JDK reads each header byte as one ISO-8859-1 character, so characters are bytes.
     */
    private static long requestLineAndHeaderValues(HttpExchange exchange) {
        long size = exchange.getRequestMethod().length() + 1 + exchange.getRequestURI().toString().length() + 1
                + exchange.getProtocol().length();
        for (List<String> values : exchange.getRequestHeaders().values()) {
            for (String value : values) {
                size += value.length();
            }
        }
        return size;
    }

    private Reply answer(IncomingRequest request) {
        if (request.rawPath().startsWith("/_local/")) {
            return localEndpoints.handle(request).orElseGet(() -> notFound(request));
        }
        return switch (routes.find(request.method(), request.rawPath())) {
            case RouteTable.Lookup.NotFound ignored -> notFound(request);
            case RouteTable.Lookup.MethodNotAllowed notAllowed -> new Reply(405,
                    Map.of("Content-Type", List.of(Problems.MEDIA_TYPE), "Allow", List.of(String.join(", ", notAllowed.allowed()))),
                    Problems.document(ProblemCode.METHOD_NOT_ALLOWED, request.method() + " is not served on this path; use "
                            + String.join(" or ", notAllowed.allowed()), request.rawPath()));
            case RouteTable.Lookup.Found found -> call(request, found);
        };
    }

    private static Reply notFound(IncomingRequest request) {
        return Reply.json(404, Problems.MEDIA_TYPE,
                Problems.document(ProblemCode.NOT_FOUND, "No route serves " + request.method() + " " + request.rawPath(),
                        request.rawPath()));
    }

    private Reply call(IncomingRequest request, RouteTable.Lookup.Found found) {
        FunctionSpec.HttpRoute route = found.route();
        HttpApiEvents.JwtContext jwt = null;
        Optional<HttpApiSpec.JwtAuthorizer> authorizerConfig = apis.get(route.apiLogicalId()).authorizerFor(route);
        if (authorizerConfig.isPresent()) {
            switch (authorizer.authorize(request.headers(), authorizerConfig.get(), route.authorizationScopes())) {
                case JwtAuthorizer.Verdict.Refused refused -> {
                    log.println("AUTH " + request.method() + " " + request.rawPath() + " refused: " + refused.reason());
                    return refused.status() == 403
                            ? gatewayMessage(403, "Forbidden")
                            : new Reply(401, Map.of("Content-Type", List.of("application/json"),
                                    "WWW-Authenticate", List.of("Bearer")), message("Unauthorized"));
                }
                case JwtAuthorizer.Verdict.Authorized authorized ->
                        jwt = new HttpApiEvents.JwtContext(authorized.claims(), authorized.scopes());
            }
        }
        Instant now = clock.instant();
        APIGatewayV2HTTPEvent event = events.build(request, route.routeKey(), found.pathParameters(), jwt, now);
        String requestId = event.getRequestContext().getRequestId();
        Object result;
        try {
            result = invoker.invoke(route.functionLogicalId(), event)
                    .get(quotas.integrationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
            log.println("ERROR " + route.functionLogicalId() + " gave no answer to " + route.routeKey() + " within the API's "
                    + quotas.integrationTimeout().toSeconds() + " s integration timeout; it runs on until its own Timeout");
            return withRequestId(gatewayMessage(503, "Service Unavailable"), requestId);
        } catch (ExecutionException failed) {
            return withRequestId(failedInvocation(route, failed.getCause()), requestId);
        } catch (RuntimeException | Error notStarted) { // e.g. a new execution environment failed to initialise
            return withRequestId(failedInvocation(route, notStarted), requestId);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return withRequestId(gatewayMessage(503, "Service Unavailable"), requestId);
        }
        return withRequestId(toReply(result, route), requestId);
    }

    /**
     * API Gateway answers a failed invocation with a bare 500, and one that timed out the same way
     * (a timeout is a function error), unless the function's Timeout is not below the API's
     * integration timeout: then the API stops waiting first and answers 503 itself.
     */
    private Reply failedInvocation(FunctionSpec.HttpRoute route, Throwable failure) {
        if (failure instanceof LambdaFunction.TimedOut timedOut) {
            return timedOut.timeout().compareTo(quotas.integrationTimeout()) >= 0
                    ? gatewayMessage(503, "Service Unavailable")
                    : gatewayMessage(500, "Internal Server Error");
        }
        // The stack trace is the function's log.
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        log.println("ERROR " + route.functionLogicalId() + " failed on " + route.routeKey() + ": " + trace);
        return gatewayMessage(500, "Internal Server Error");
    }

    /** Maps the function's answer back as API Gateway does for payload format 2.0. */
    private Reply toReply(Object result, FunctionSpec.HttpRoute route) {
        if (!(result instanceof APIGatewayV2HTTPResponse response)) {
            // Any other JSON-serializable output: API Gateway assumes 200 and sends it as the JSON body.
            try {
                return Reply.json(200, "application/json", JSON.writeValueAsBytes(result));
            } catch (JsonProcessingException e) {
                log.println("ERROR " + route.functionLogicalId() + " returned an unserializable " + result.getClass().getName());
                return gatewayMessage(500, "Internal Server Error");
            }
        }
        if (response.getStatusCode() < 100 || response.getStatusCode() > 599) {
            log.println("ERROR " + route.functionLogicalId() + " returned statusCode " + response.getStatusCode());
            return gatewayMessage(500, "Internal Server Error");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> headers.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        }
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> headers.put(name, new ArrayList<>(List.of(value))));
        }
        if (response.getCookies() != null && !response.getCookies().isEmpty()) {
            headers.computeIfAbsent("Set-Cookie", n -> new ArrayList<>()).addAll(response.getCookies());
        }
        byte[] body;
        if (response.getBody() == null) {
            body = new byte[0];
        } else if (response.getIsBase64Encoded()) {
            body = Base64.getDecoder().decode(response.getBody());
        } else {
            body = response.getBody().getBytes(StandardCharsets.UTF_8);
        }
        return new Reply(response.getStatusCode(), headers, body);
    }

    private static Reply withRequestId(Reply reply, String requestId) {
        Map<String, List<String>> headers = new LinkedHashMap<>(reply.headers());
        headers.put("apigw-requestid", List.of(requestId));
        return new Reply(reply.status(), headers, reply.body());
    }

    private static Reply gatewayMessage(int status, String message) {
        return Reply.json(status, "application/json", message(message));
    }

    private static byte[] message(String message) {
        try {
            return JSON.writeValueAsBytes(Map.of("message", message));
        } catch (JsonProcessingException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    private IncomingRequest read(HttpExchange exchange, String method, String rawPath) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(quotas.payloadBytes() + 1);
        }
        if (body.length > quotas.payloadBytes()) {
            return null;
        }
        return new IncomingRequest(method, rawPath, exchange.getRequestURI().getRawQuery(), headers, body,
                exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol());
    }

    private static void write(HttpExchange exchange, Reply reply) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        reply.headers().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
        boolean noBody = reply.body().length == 0 || reply.status() == 204 || reply.status() == 304
                || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }
}
