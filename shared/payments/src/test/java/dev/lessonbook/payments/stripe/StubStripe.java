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
    /** A request as it arrived; {@code header} gives the first value of a header, or null. */
    record Received(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(header -> header.getKey().equalsIgnoreCase(name))
                    .map(header -> header.getValue().getFirst())
                    .findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private StubStripe(int status, String contentType, String body, Map<String, String> headers) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            try (exchange) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        Map.copyOf(exchange.getRequestHeaders()),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
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

    List<Received> requests() {
        return List.copyOf(received);
    }

    /** The Idempotency-Key of each request received, in order ("null" when absent). */
    List<String> idempotencyKeys() {
        return received.stream().map(request -> String.valueOf(request.header("Idempotency-Key"))).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
