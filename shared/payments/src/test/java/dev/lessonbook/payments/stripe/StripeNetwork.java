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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The network between the adapter and the local Stripe server: forwards every request as it is and
 * records it, with whether Stripe answered it as a replay of its idempotency key
 * ({@code Idempotent-Replayed: true}). Idempotency itself is the server's (our localstripe wrapper
 * replays keys as Stripe documents).
 *
 * <p>{@link #loseFirstAnswers()} models an answer lost on the way back: the first request of each
 * key reaches Stripe and is executed, but its answer is held until the same key arrives again (the
 * client's retry after its read timeout), and then delivered to a client that no longer listens.
 */
final class StripeNetwork implements AutoCloseable {
    record Seen(String method, String path, String idempotencyKey, int status, boolean replayed) {}

    private static final List<String> FORWARDED = List.of("Authorization", "Content-Type", "Stripe-Version", "Idempotency-Key");

    private final URI stripe;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Set<String> keysSeen = new HashSet<>();
    private final Map<String, CountDownLatch> awaitingRetry = new ConcurrentHashMap<>();
    private volatile boolean loseFirstAnswers;

    private StripeNetwork(URI stripe) {
        this.stripe = stripe;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    static StripeNetwork to(URI stripe) {
        return new StripeNetwork(stripe);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Seen> requests() {
        return List.copyOf(seen);
    }

    void loseFirstAnswers() {
        loseFirstAnswers = true;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            CountDownLatch retry = null;
            if (key != null) {
                synchronized (keysSeen) {
                    if (keysSeen.add(key)) {
                        if (loseFirstAnswers) {
                            retry = new CountDownLatch(1);
                            awaitingRetry.put(key, retry);
                        }
                    } else if (awaitingRetry.containsKey(key)) {
                        awaitingRetry.remove(key).countDown();
                    }
                }
            }
            HttpResponse<byte[]> answer = forward(exchange);
            boolean replayed = answer.headers().firstValue("Idempotent-Replayed").filter("true"::equals).isPresent();
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), key, answer.statusCode(), replayed));
            if (retry != null && !retry.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The client never retried " + key);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            answer.headers().firstValue("Idempotent-Replayed").ifPresent(value -> exchange.getResponseHeaders().set("Idempotent-Replayed", value));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
            exchange.getResponseBody().write(answer.body());
        } catch (IOException clientGone) {
            // The client gave up on this request (the lost answer); nothing to deliver it to.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange) throws IOException, InterruptedException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(stripe.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : FORWARDED) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        http.close();
    }
}
