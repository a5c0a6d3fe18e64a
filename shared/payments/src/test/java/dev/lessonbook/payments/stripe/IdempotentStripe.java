package dev.lessonbook.payments.stripe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Stripe's idempotency in front of localstripe, which ignores the {@code Idempotency-Key} header.
 * As Stripe documents it: a POST whose key was seen before with the same parameters gets the first
 * response again ({@code Idempotent-Replayed: true}) without reaching the API; with other
 * parameters, a 400 {@code idempotency_error}. Records every request it sees.
 *
 * <p>{@link #loseFirstResponses()} models a response lost on the way back: the first request of
 * each key is executed, but answered only after the same key arrives again (the client's retry).
 */
final class IdempotentStripe implements AutoCloseable {
    record Seen(String method, String path, String idempotencyKey, boolean replayed) {}

    private record Result(String parameters, int status, byte[] body) {}

    private final URI upstream;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Result> results = new HashMap<>();
    private final Map<String, CountDownLatch> awaitingRetry = new HashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile boolean loseFirstResponses;

    private IdempotentStripe(URI upstream) {
        this.upstream = upstream;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    static IdempotentStripe inFrontOf(URI stripe) {
        return new IdempotentStripe(stripe);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Seen> requests() {
        return List.copyOf(seen);
    }

    void loseFirstResponses() {
        loseFirstResponses = true;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (!"POST".equals(method) || key == null) {
                seen.add(new Seen(method, path, key, false));
                Result result = forward(exchange, body);
                respond(exchange, result.status(), result.body(), false);
                return;
            }
            String parameters = path + "?" + sorted(body);
            Result result;
            boolean replayed;
            CountDownLatch retry = null;
            synchronized (this) {
                result = results.get(key);
                replayed = result != null;
                if (!replayed) {
                    result = forward(exchange, body);
                    results.put(key, result);
                    if (loseFirstResponses) {
                        retry = new CountDownLatch(1);
                        awaitingRetry.put(key, retry);
                    }
                } else if (awaitingRetry.containsKey(key)) {
                    awaitingRetry.remove(key).countDown();
                }
            }
            seen.add(new Seen(method, path, key, replayed));
            if (replayed && !result.parameters().equals(parameters)) {
                respond(exchange, 400, IDEMPOTENCY_ERROR, false);
                return;
            }
            if (retry != null && !retry.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The client never retried " + key);
            }
            respond(exchange, result.status(), result.body(), replayed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Result forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : List.of("Authorization", "Content-Type", "Stripe-Version")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String parameters = exchange.getRequestURI().getPath() + "?" + sorted(body);
            return new Result(parameters, response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while forwarding", e);
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, boolean replayed) {
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (replayed) {
                exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
            }
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException clientGone) {
            // The client gave up on this request (the lost response); nothing to deliver it to.
        }
    }

    /** Form parameters in a stable order: Stripe compares parameters, not their encoding. */
    private static String sorted(byte[] body) {
        String[] pairs = new String(body, StandardCharsets.UTF_8).split("&");
        Arrays.sort(pairs);
        return String.join("&", pairs);
    }

    private static final byte[] IDEMPOTENCY_ERROR = """
            {"error": {"type": "idempotency_error", "message": "Keys for idempotent requests can only be \
            used with the same parameters they were first used with."}}""".getBytes(StandardCharsets.UTF_8);

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        http.close();
    }
}
