package dev.lessonbook.functions.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lessonbook.webhook.SendingAWebhook;
import dev.lessonbook.webhook.WebhookSignature;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A marketplace system on loopback: it records every request (event id, body, signature header,
 * when it came) and answers the statuses it is given, then 200 — or hangs until closed.
 */
final class Receiver implements AutoCloseable {
    record Received(String eventId, String body, String signature, Instant at) {
        boolean signedWith(String secret) {
            return WebhookSignature.verifies(signature, body, secret);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new ArrayList<>();
    private final Deque<Integer> answers;
    private final boolean hangs;
    private final CountDownLatch closed = new CountDownLatch(1);

    private Receiver(boolean hangs, List<Integer> answers) throws IOException {
        this.hangs = hangs;
        this.answers = new ArrayDeque<>(answers);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/hook", this::receive);
        server.start();
    }

    /** Answers {@code statuses} in turn, then 200 to everything. */
    static Receiver answering(Integer... statuses) throws IOException {
        return new Receiver(false, List.of(statuses));
    }

    /** Never answers (until closed). */
    static Receiver hanging() throws IOException {
        return new Receiver(true, List.of());
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    private void receive(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status;
        synchronized (this) {
            received.add(new Received(exchange.getRequestHeaders().getFirst(SendingAWebhook.EVENT_ID_HEADER), body,
                    exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), Instant.now()));
            status = answers.isEmpty() ? 200 : answers.poll();
        }
        if (hangs) {
            try {
                closed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (status >= 300 && status < 400) {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data");
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
