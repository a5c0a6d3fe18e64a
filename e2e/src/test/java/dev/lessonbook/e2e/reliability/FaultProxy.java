package dev.lessonbook.e2e.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * An HTTP proxy in front of one emulator (moto or localstripe) that forwards every request as it
 * is, unless a {@link #inject fault} matches it: then it answers for the emulator (a 500, DynamoDB's
 * throttling error), never answers (a timeout), or drops the connection (unreachable). The runtime
 * under test is pointed at the proxy, so faults reach the real SDK and Stripe client on the wire.
 */
final class FaultProxy implements AutoCloseable {
    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection", "content-length", "expect", "host", "upgrade", "transfer-encoding", "keep-alive");

    /** A request as the proxy sees it: method, path with query, headers (lower-case names), body. */
    record Request(String method, String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? "" : values.get(0);
        }

        /** The AWS JSON-protocol operation, e.g. {@code DynamoDB_20120810.TransactWriteItems}, or "". */
        String target() {
            return header("x-amz-target");
        }
    }

    /** What the proxy does instead of forwarding. */
    sealed interface Fault {
        record Answer(int status, String contentType, String body) implements Fault {}

        /** Holds the request without answering until the fault is cleared (the caller's timeout fires first). */
        record Hang() implements Fault {}

        /** Closes the connection without an answer, as an unreachable host would. */
        record Drop() implements Fault {}
    }

    private record Rule(Predicate<Request> matches, Fault fault) {}

    private final HttpServer server;
    private final URI target;
    private final HttpClient forward = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Rule> rule = new AtomicReference<>();
    private final AtomicReference<CountDownLatch> hanging = new AtomicReference<>(new CountDownLatch(1));
    private final AtomicInteger faulted = new AtomicInteger();

    private FaultProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    static FaultProxy inFrontOf(URI target) throws IOException {
        return new FaultProxy(target);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on, requests that match get {@code fault} instead of the emulator; returns a handle that clears it. */
    Injected inject(Predicate<Request> matches, Fault fault) {
        faulted.set(0);
        rule.set(new Rule(matches, fault));
        return new Injected();
    }

    boolean faultActive() {
        return rule.get() != null;
    }

    /** A fault in place; {@link #close()} clears it and releases every request it holds. */
    final class Injected implements AutoCloseable {
        /** How many requests got the fault so far. */
        int hits() {
            return faulted.get();
        }

        @Override
        public void close() {
            rule.set(null);
            hanging.getAndSet(new CountDownLatch(1)).countDown();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
                    in.readAllBytes());
            Rule current = rule.get();
            Optional<Fault> fault = current != null && current.matches().test(request)
                    ? Optional.of(current.fault()) : Optional.empty();
            if (fault.isPresent()) {
                faulted.incrementAndGet();
                answerWith(fault.get(), exchange);
                return;
            }
            relay(request, exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answerWith(Fault fault, HttpExchange exchange) throws IOException, InterruptedException {
        switch (fault) {
            case Fault.Answer answer -> {
                byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
                exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
            }
            case Fault.Hang hang -> hanging.get().await(90, TimeUnit.SECONDS);
            case Fault.Drop drop -> {
                // Closing without a status line: the client sees the connection end mid-request.
            }
        }
    }

    private void relay(Request request, HttpExchange exchange) throws IOException, InterruptedException {
        HttpRequest.Builder out = HttpRequest.newBuilder(target.resolve(request.path()))
                .timeout(Duration.ofSeconds(60))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name)) {
                values.forEach(value -> out.header(name, value));
            }
        });
        HttpResponse<byte[]> response = forward.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        rule.set(null);
        hanging.get().countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
