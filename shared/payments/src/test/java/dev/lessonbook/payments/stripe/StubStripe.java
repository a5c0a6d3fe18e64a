package dev.lessonbook.payments.stripe;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stand-in for Stripe on a loopback port that gives every request the same canned answer. */
final class StubStripe implements AutoCloseable {
    private final HttpServer server;
    private final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();

    private StubStripe(int status, String contentType, String body, Map<String, String> headers) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                idempotencyKeys.add(String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")));
                exchange.getResponseHeaders().set("Content-Type", contentType);
                headers.forEach(exchange.getResponseHeaders()::set);
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        server.start();
    }

    static StubStripe answering(int status, String json) {
        return new StubStripe(status, "application/json", json, Map.of());
    }

    static StubStripe answering(int status, String contentType, String body, Map<String, String> headers) {
        return new StubStripe(status, contentType, body, headers);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The Idempotency-Key of each request received, in order ("null" when absent). */
    List<String> idempotencyKeys() {
        return List.copyOf(idempotencyKeys);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
