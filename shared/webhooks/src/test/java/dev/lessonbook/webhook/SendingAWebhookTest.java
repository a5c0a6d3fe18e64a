package dev.lessonbook.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real receivers on loopback (a JDK HTTP server), allowed by the local runtime's policy. */
class SendingAWebhookTest {
    // Long enough for a loaded build machine to answer, short enough that the hanging receiver keeps the test quick.
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);
    private static final String SECRET = "whsec_test";
    private static final String BODY = "{\"id\":\"e-1\",\"type\":\"BookingConfirmed\"}";

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch hangUntilTheEnd = new CountDownLatch(1);
    private final List<String> verifiedEventIds = new CopyOnWriteArrayList<>();
    private final AtomicInteger redirectTargetHits = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger(3);
    private HttpServer server;
    private SendingAWebhook sending;

    @BeforeEach
    void startReceivers() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/ok", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
            boolean verified = signature != null && WebhookSignature.verifies(signature, body, SECRET);
            if (verified) {
                verifiedEventIds.add(exchange.getRequestHeaders().getFirst(SendingAWebhook.EVENT_ID_HEADER));
            }
            answer(exchange, verified ? 204 : 401);
        });
        server.createContext("/flaky", exchange -> answer(exchange, failuresLeft.getAndDecrement() > 0 ? 503 : 200));
        server.createContext("/hangs", exchange -> {
            try {
                hangUntilTheEnd.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200);
        });
        server.createContext("/redirects", exchange -> {
            exchange.getResponseHeaders().add("Location", url("/redirect-target"));
            answer(exchange, 302);
        });
        server.createContext("/redirect-target", exchange -> {
            redirectTargetHits.incrementAndGet();
            answer(exchange, 200);
        });
        server.start();
        sending = new SendingAWebhook(ReceiverUrlPolicy.local(), clock, ANSWER_WITHIN);
    }

    @AfterEach
    void stopReceivers() {
        hangUntilTheEnd.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    @Test
    void aReceiverVerifiesTheSignatureAndSeesTheEventId() {
        assertThat(sending.send(url("/ok"), "e-1", BODY, List.of(SECRET))).isEqualTo(new SendingAWebhook.Delivered(204));
        assertThat(verifiedEventIds).containsExactly("e-1");
    }

    @Test
    void duringARotationTheReceiverVerifiesWithTheOldSecret() {
        assertThat(sending.send(url("/ok"), "e-1", BODY, List.of("whsec_new", SECRET)))
                .isEqualTo(new SendingAWebhook.Delivered(204));
    }

    @Test
    void aReceiverFailingThreeTimesAcceptsTheFourthAttempt() {
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(sending.send(url("/flaky"), "e-1", BODY, List.of(SECRET)))
                    .isEqualTo(new SendingAWebhook.Failed(503, "The receiver answered 503."));
        }
        assertThat(sending.send(url("/flaky"), "e-1", BODY, List.of(SECRET))).isEqualTo(new SendingAWebhook.Delivered(200));
    }

    @Test
    void aRedirectIsNotFollowedAndIsNotADelivery() {
        assertThat(sending.send(url("/redirects"), "e-1", BODY, List.of(SECRET)))
                .isEqualTo(new SendingAWebhook.Failed(302, "The receiver answered 302."));
        assertThat(redirectTargetHits).hasValue(0);
    }

    @Test
    void aReceiverThatHangsFailsTheAttemptWithinTheLimitAndDelaysNoOtherReceiver() {
        CompletableFuture<SendingAWebhook.Attempt> hanging =
                CompletableFuture.supplyAsync(() -> sending.send(url("/hangs"), "e-1", BODY, List.of(SECRET)), threads);

        assertThat(sending.send(url("/ok"), "e-2", BODY, List.of(SECRET))).isEqualTo(new SendingAWebhook.Delivered(204));
        assertThat(hanging).isNotDone();
        assertThat(hanging.join()).isInstanceOfSatisfying(SendingAWebhook.Failed.class,
                failed -> assertThat(failed.statusCode()).isNull());
    }

    @Test
    void aDeadReceiverIsAFailedAttempt() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        assertThat(sending.send("http://127.0.0.1:" + closedPort + "/hook", "e-1", BODY, List.of(SECRET)))
                .isInstanceOfSatisfying(SendingAWebhook.Failed.class, failed -> assertThat(failed.statusCode()).isNull());
    }

    @Test
    void outsideTheLocalRuntimeALoopbackReceiverIsRefusedAtDeliveryTime() {
        SendingAWebhook deployed = new SendingAWebhook(ReceiverUrlPolicy.deployed(), clock, ANSWER_WITHIN);

        assertThat(deployed.send(url("/ok"), "e-1", BODY, List.of(SECRET))).isInstanceOf(SendingAWebhook.Failed.class);
        assertThat(verifiedEventIds).isEmpty();
    }

    @Test
    void aNameWhoseSecondResolutionIsPrivateIsRefusedAndNothingConnects() throws Exception {
        try (ServerSocket loopback = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = countConnections(loopback);
            // A name whose owner re-points it (DNS rebinding): public when checked, loopback afterwards.
            // "localhost" is what the system's own DNS would also answer with 127.0.0.1, so a client
            // that looked the name up by itself would reach the listener.
            List<String> answers = new CopyOnWriteArrayList<>(List.of("93.184.216.34", "127.0.0.1"));
            AtomicInteger lookups = new AtomicInteger();
            ReceiverUrlPolicy rebinding = new ReceiverUrlPolicy(false, host -> {
                lookups.incrementAndGet();
                assertThat(host).isEqualTo("localhost");
                return new InetAddress[] {InetAddress.getByName(answers.size() > 1 ? answers.remove(0) : answers.get(0))};
            });
            String url = "https://localhost:" + loopback.getLocalPort() + "/hook";
            assertThat(rebinding.check(url)).as("the check, as at subscription").isInstanceOf(ReceiverUrlPolicy.Accepted.class);

            SendingAWebhook.Attempt attempt = new SendingAWebhook(rebinding, clock, ANSWER_WITHIN)
                    .send(url, "e-1", BODY, List.of(SECRET));

            assertThat(attempt).isEqualTo(new SendingAWebhook.Failed(null,
                    "The URL is no longer safe to send to: The URL's host resolves to an address that is not public (127.0.0.1)."));
            assertThat(lookups).as("the attempt's one lookup is the client's own, checked").hasValue(2);
            assertThat(connections).as("nothing connected to the re-pointed address").hasValue(0);
        }
    }

    @Test
    void theDeliveryClientRefusesLoopbackLiteralsWithoutConnecting() {
        // Only loopback targets here: should the client ever bypass its resolver, the connection
        // reaches this test's own server (and the reason says so), never another network.
        SendingAWebhook deployed = new SendingAWebhook(ReceiverUrlPolicy.deployed(), clock, ANSWER_WITHIN);
        int port = server.getAddress().getPort();

        for (String url : List.of("https://127.0.0.1:" + port + "/ok", "https://[::1]:" + port + "/ok")) {
            assertThat(deployed.send(url, "e-1", BODY, List.of(SECRET))).as(url)
                    .isInstanceOfSatisfying(SendingAWebhook.Failed.class, failed -> assertThat(failed.reason()).contains("not public"));
        }
        assertThat(verifiedEventIds).isEmpty();
    }

    /** Accepts (and closes) every connection to {@code socket} on a thread of its own; how many there were. */
    private AtomicInteger countConnections(ServerSocket socket) {
        AtomicInteger connections = new AtomicInteger();
        threads.submit(() -> {
            while (!socket.isClosed()) {
                try (var accepted = socket.accept()) {
                    connections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return connections;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
