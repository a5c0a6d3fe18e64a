package dev.lessonbook.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests the functions send to Stripe: a pass-through in front of localstripe, so
 * the handlers' own gateways (built privately in their static init) are counted unchanged once
 * {@code STRIPE_API_BASE} points here before they initialise. Stripe's rate limit counts
 * requests, not our payment operations (saving a card is three of them).
 */
final class StripeRequests implements AutoCloseable {
    private static final Set<String> FORWARDED = Set.of("authorization", "content-type", "idempotency-key", "stripe-version",
            "stripe-account", "accept");

    private final HttpServer server;
    private final URI target;
    private final HttpClient forward = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    private StripeRequests(URI target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "stripe-count");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    static StripeRequests inFrontOf(URI target) throws IOException {
        return new StripeRequests(target);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests by method and path with ids left out, e.g. {@code POST /v1/payment_intents/<id>/capture}. */
    Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((name, count) -> out.put(name, count.sum()));
        return out;
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            counts.computeIfAbsent(exchange.getRequestMethod() + " " + path.replaceAll("/(?:pi|pm|cus|seti|ch|re|src|card|req)_[^/]+", "/<id>"),
                    k -> new LongAdder()).increment();
            String query = exchange.getRequestURI().getRawQuery();
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(path + (query == null ? "" : "?" + query)))
                    .timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (FORWARDED.contains(name.toLowerCase())) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            List<String> type = response.headers().allValues("content-type");
            if (!type.isEmpty()) {
                exchange.getResponseHeaders().put("Content-Type", type);
            }
            response.headers().firstValue("request-id").ifPresent(id -> exchange.getResponseHeaders().add("Request-Id", id));
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
