package dev.lessonbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.lessonbook.local.client.ApiClient;
import dev.lessonbook.local.client.ApiClient.Response;
import dev.lessonbook.webhook.WebhookSignature;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Webhooks through ./run-local as template.yaml deploys them: an admin subscribes a receiver on
 * loopback (the local runtime's setting allows it), a saved week's event goes through the webhook
 * queue, the dispatch worker and the delivery worker, and the receiver gets it signed with the
 * secret the admin was shown; the delivery log then shows it delivered.
 */
class WebhooksIT {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private record Received(String eventId, String signature, String body) {}

    @Test
    void aSavedWeekReachesASubscribedReceiverSignedWithItsSecret() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        CountDownLatch arrived = new CountDownLatch(1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new Received(exchange.getRequestHeaders().getFirst("Lessonbook-Event-Id"),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            arrived.countDown();
        });
        receiver.start();
        LocalRuntimeProcess runtime = LocalRuntimeProcess.start(Map.of());
        try {
            ApiClient api = runtime.api();
            String admin = api.token("admin-1", "admin");
            String instructor = api.token("ins-wh", "instructor");
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

            Response subscribed = api.post("/v1/webhook-subscriptions", admin,
                    "{\"url\":\"" + url + "\",\"events\":[\"AvailabilityWeekSaved\"],\"description\":\"e2e\"}");
            assertThat(subscribed.status()).isEqualTo(201);
            String secret = subscribed.json().get("secret").asText();
            String subscriptionId = subscribed.json().get("id").asText();
            LocalDate monday = LocalDate.now(BERLIN).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(1);
            assertThat(api.put("/v1/instructors/ins-wh/profile", instructor, """
                    {"timezone":"Europe/Berlin","services":[{"id":"guitar","name":"Guitar","durationOptions":[60],
                     "rates":{"online":6000}}]}""").status()).isEqualTo(200);
            assertThat(api.put("/v1/instructors/ins-wh/availability/weeks/" + monday, instructor,
                    "{\"windows\":[{\"date\":\"%s\",\"start\":\"09:00\",\"end\":\"12:00\"}]}".formatted(monday)).status())
                    .isEqualTo(200);

            assertThat(arrived.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the receiver got the saved week").isTrue();
            Received delivery = received.get(0);
            assertThat(WebhookSignature.verifies(delivery.signature(), delivery.body(), secret)).isTrue();
            assertThat(delivery.body()).contains("\"type\":\"AvailabilityWeekSaved\"", "\"id\":\"" + delivery.eventId() + "\"");
            JsonNode log = awaitDelivered(api, admin, subscriptionId);
            assertThat(log.get(0).get("eventId").asText()).isEqualTo(delivery.eventId());
            assertThat(log.get(0).get("lastStatusCode").asInt()).isEqualTo(204);
        } finally {
            runtime.stop();
            receiver.stop(0);
        }
    }

    /** The delivery is recorded right after the receiver answered: poll the log until it says so. */
    private static JsonNode awaitDelivered(ApiClient api, String admin, String subscriptionId) {
        Instant deadline = Instant.now().plus(DEADLINE);
        JsonNode items;
        do {
            items = api.get("/v1/webhook-subscriptions/" + subscriptionId + "/deliveries?status=delivered", admin).json().get("items");
        } while (items.isEmpty() && Instant.now().isBefore(deadline));
        return items;
    }
}
