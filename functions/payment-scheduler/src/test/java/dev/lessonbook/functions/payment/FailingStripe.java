package dev.lessonbook.functions.payment;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stripe failing on this machine: answering 500 to everything, or accepting and never answering. */
final class FailingStripe implements AutoCloseable {
    private final HttpServer server;
    private final ServerSocket silent;
    private final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    private FailingStripe(boolean answers) {
        try {
            if (answers) {
                silent = null;
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                byte[] body = "{\"error\":{\"type\":\"api_error\",\"message\":\"An unknown error occurred\"}}"
                        .getBytes(StandardCharsets.UTF_8);
                server.createContext("/", exchange -> {
                    try (exchange) {
                        exchange.getRequestBody().readAllBytes();
                        idempotencyKeys.add(String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")));
                        exchange.getResponseHeaders().set("Content-Type", "application/json");
                        exchange.sendResponseHeaders(500, body.length);
                        exchange.getResponseBody().write(body);
                    }
                });
                server.start();
            } else {
                server = null;
                silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Thread acceptor = new Thread(() -> {
                    while (!silent.isClosed()) {
                        try {
                            held.add(silent.accept());
                        } catch (IOException closed) {
                            return;
                        }
                    }
                }, "silent-stripe");
                acceptor.setDaemon(true);
                acceptor.start();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FailingStripe answering500() {
        return new FailingStripe(true);
    }

    static FailingStripe neverAnswering() {
        return new FailingStripe(false);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + (server != null ? server.getAddress().getPort() : silent.getLocalPort()));
    }

    /** Idempotency-Key of every request answered (500 only). */
    List<String> idempotencyKeys() {
        return List.copyOf(idempotencyKeys);
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.stop(0);
        } else {
            silent.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
