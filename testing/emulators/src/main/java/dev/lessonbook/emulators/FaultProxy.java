package dev.lessonbook.emulators;

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
 * throttling error), never answers (a timeout), drops the connection (unreachable), or stalls (holds
 * the request and forwards it late, as a service that froze and then catches up on what it had
 * queued). The code under test is pointed at the proxy, so faults reach the real SDK and Stripe
 * client on the wire. Used by the reliability suite and by integration tests of single functions.
 */
public final class FaultProxy implements AutoCloseable {
    /** The longest a stall holds a request; a test clears its fault well before. */
    private static final Duration STALL_LIMIT = Duration.ofSeconds(120);
    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection", "content-length", "expect", "host", "upgrade", "transfer-encoding", "keep-alive");

    /** A request as the proxy sees it: method, path with query, headers (lower-case names), body. */
    public record Request(String method, String path, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? "" : values.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The AWS JSON-protocol operation, e.g. {@code DynamoDB_20120810.TransactWriteItems}, or "". */
        public String target() {
            return header("x-amz-target");
        }
    }

    /** What the proxy does instead of forwarding. */
    public sealed interface Fault {
        record Answer(int status, String contentType, String body) implements Fault {}

        /** Holds the request without answering until the fault is cleared (the caller's timeout fires first). */
        record Hang() implements Fault {}

        /** Closes the connection without an answer, as an unreachable host would. */
        record Drop() implements Fault {}

        /**
         * Holds the request until the fault is cleared, then forwards it after all, in the order the
         * stalled requests arrived and one at a time, each answered before the next is sent: a
         * frozen server that resumes and works through its queue. A caller that gave up meanwhile
         * never sees the answer, but what the request did is done (a transaction commits late, an
         * authorization is made late).
         */
        record Stall() implements Fault {}
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
    private final List<Request> faultedRequests = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicReference<StallQueue> stalled = new AtomicReference<>(new StallQueue());

    /** The order of the requests one stall holds: each forwards when the one before it is answered. */
    private static final class StallQueue {
        private long arrived;
        private long forwarded;

        synchronized long arrive() {
            return arrived++;
        }

        synchronized void awaitTurn(long ticket) throws InterruptedException {
            while (forwarded != ticket) {
                wait();
            }
        }

        synchronized void done() {
            forwarded++;
            notifyAll();
        }
    }

    private FaultProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static FaultProxy inFrontOf(URI target) throws IOException {
        return new FaultProxy(target);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on, requests that match get {@code fault} instead of the emulator; returns a handle that clears it. */
    public Injected inject(Predicate<Request> matches, Fault fault) {
        faulted.set(0);
        faultedRequests.clear();
        stalled.set(new StallQueue());
        rule.set(new Rule(matches, fault));
        return new Injected();
    }

    public boolean faultActive() {
        return rule.get() != null;
    }

    /** A fault in place; {@link #close()} clears it and releases every request it holds. */
    public final class Injected implements AutoCloseable {
        /** How many requests got the fault so far. */
        public int hits() {
            return faulted.get();
        }

        /** How many of the requests that got the fault so far also match {@code which}. */
        public long hits(Predicate<Request> which) {
            return faultedRequests.stream().filter(which).count();
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
                faultedRequests.add(request);
                if (fault.get() instanceof Fault.Stall) {
                    stallThenRelay(request, exchange);
                } else {
                    answerWith(fault.get(), exchange);
                }
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
            case Fault.Stall stall -> throw new IllegalStateException("a stall is relayed, not answered");
        }
    }

    private void stallThenRelay(Request request, HttpExchange exchange) throws InterruptedException {
        StallQueue queue = stalled.get();
        long ticket = queue.arrive();
        CountDownLatch cleared = hanging.get();
        if (!cleared.await(STALL_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            queue.done();
            return;
        }
        queue.awaitTurn(ticket);
        try {
            relay(request, exchange);
        } catch (IOException callerGone) {
            // The caller gave up long ago: the emulator did the work all the same, which is the point.
        } finally {
            queue.done();
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
