package dev.lessonbook.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.integration.DynamoWebhookSubscriptions;
import dev.lessonbook.emulators.Concurrently;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.http.TestEvents;
import dev.lessonbook.dynamodb.integration.DynamoWebhookDeliveries;
import dev.lessonbook.integration.DeliveryStatus;
import dev.lessonbook.integration.WebhookDelivery;
import dev.lessonbook.integration.WebhookSubscription;
import dev.lessonbook.messaging.SqsDeliveryAttempts;
import dev.lessonbook.messaging.TestQueues;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admins' subscription API through the real handler on moto, the deployed URL policy and a
 * DNS of the test's own (src/test/resources/hosts): crm.example.com is public,
 * internal.example.com points at 10.1.2.3.
 */
@ExtendWith(LocalServersExtension.class)
class WebhookSubscriptionsHandlerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLLECTION = "/v1/webhook-subscriptions";
    private static final String ONE = COLLECTION + "/{subscriptionId}";

    private static Tables tables;
    private static TestQueues queues;
    private static String deliveryQueue;
    private static WebhookSubscriptionsHandler handler;

    @BeforeAll
    static void handlerOnTheEmulator(LocalServers.Endpoints endpoints) {
        tables = FunctionEnvironment.prepare(endpoints);
        queues = TestQueues.create(endpoints);
        deliveryQueue = queues.newQueue("webhook-delivery");
        System.setProperty(SqsDeliveryAttempts.QUEUE_URL_SETTING, deliveryQueue);
        handler = new WebhookSubscriptionsHandler();
    }

    private static APIGatewayV2HTTPResponse subscribe(String url, String events) {
        return handler.handleRequest(TestEvents.fromSample("create-webhook-subscription.json")
                .json("{\"url\":\"" + url + "\",\"events\":" + events + "}").event(), null);
    }

    private static APIGatewayV2HTTPResponse onOne(String method, String routeKeyPath, String id, String role) {
        String path = routeKeyPath.replace("{subscriptionId}", id);
        return handler.handleRequest(TestEvents.request(method, path).routeKey(method + " " + routeKeyPath)
                .pathParam("subscriptionId", id).as("admin_1", role).event(), null);
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    @Test
    void anAdminSubscribesFromTheSampleEventAndSeesTheSecretOnlyThen() throws Exception {
        APIGatewayV2HTTPResponse created = handler.handleRequest(TestEvents.sample("create-webhook-subscription.json"), null);

        assertThat(created.getStatusCode()).isEqualTo(201);
        JsonNode subscription = body(created);
        String id = subscription.path("id").asText();
        assertThat(id).matches("wh_[0-9a-f]{24}");
        assertThat(created.getHeaders()).containsEntry("Location", COLLECTION + "/" + id);
        assertThat(subscription.path("secret").asText()).matches("whsec_[0-9a-f]{64}");
        assertThat(subscription.path("url").asText()).isEqualTo("https://crm.example.com/hooks/lessonbook");
        assertThat(subscription.path("events").toString()).isEqualTo("[\"BookingConfirmed\",\"BookingCancelled\"]");
        assertThat(subscription.path("description").asText()).isEqualTo("CRM: bookings");
        assertThat(subscription.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(subscription.path("previousSecretExpiresAt").isNull()).isTrue();

        APIGatewayV2HTTPResponse read = onOne("GET", ONE, id, "admin");
        assertThat(read.getStatusCode()).isEqualTo(200);
        assertThat(body(read).has("secret")).isFalse();
        assertThat(body(read).path("id").asText()).isEqualTo(id);
        assertThat(read.getBody()).doesNotContain(subscription.path("secret").asText());

        APIGatewayV2HTTPResponse list = handler.handleRequest(TestEvents.request("GET", COLLECTION)
                .as("admin_1", "admin").event(), null);
        assertThat(list.getStatusCode()).isEqualTo(200);
        assertThat(body(list).path("items").findValuesAsText("id")).contains(id);
        assertThat(list.getBody()).doesNotContain("whsec_");
        assertThat(new DynamoWebhookSubscriptions(tables).find(id).orElseThrow().secret())
                .isEqualTo(subscription.path("secret").asText());
    }

    @Test
    void nobodyButAnAdminMayTouchSubscriptions() throws Exception {
        String id = body(subscribe("https://crm.example.com/a", "[\"*\"]")).path("id").asText();

        APIGatewayV2HTTPResponse byInstructor = handler.handleRequest(TestEvents.fromSample("create-webhook-subscription.json")
                .as("inst_42", "instructor").event(), null);
        assertThat(byInstructor.getStatusCode()).isEqualTo(403);
        assertThat(byInstructor.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(onOne("GET", ONE, id, "student").getStatusCode()).isEqualTo(403);
        assertThat(onOne("DELETE", ONE, id, "instructor").getStatusCode()).isEqualTo(403);
        assertThat(onOne("POST", ONE + "/rotate-secret", id, "instructor").getStatusCode()).isEqualTo(403);
        assertThat(handler.handleRequest(TestEvents.request("GET", COLLECTION).as("stud_7", "student").event(), null)
                .getStatusCode()).isEqualTo(403);
        assertThat(new DynamoWebhookSubscriptions(tables).find(id)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1:8080/hook", "https://127.0.0.1/hook", "https://10.20.30.40/hook",
        "https://169.254.169.254/latest/meta-data", "https://[::1]/hook", "https://internal.example.com/hook",
        "https://localhost/hook", "http://crm.example.com/hook", "https://nowhere.example.net/hook"})
    void aReceiverUrlThatIsNotHttpsToAPublicAddressIsAFieldError(String url) throws Exception {
        int before = new DynamoWebhookSubscriptions(tables).all().size();

        APIGatewayV2HTTPResponse refused = subscribe(url, "[\"*\"]");

        assertThat(refused.getStatusCode()).isEqualTo(422);
        assertThat(body(refused).path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(body(refused).path("errors").get(0).path("field").asText()).isEqualTo("url");
        assertThat(new DynamoWebhookSubscriptions(tables).all()).hasSize(before);
    }

    @Test
    void unknownEventTypesAndBadShapesAreNamedFieldErrors() throws Exception {
        APIGatewayV2HTTPResponse unknown = subscribe("https://crm.example.com/a", "[\"BookingConfirmed\",\"BookingExploded\"]");
        assertThat(unknown.getStatusCode()).isEqualTo(422);
        assertThat(body(unknown).path("errors").get(0).path("field").asText()).isEqualTo("events[1]");

        APIGatewayV2HTTPResponse notStrings = subscribe("https://crm.example.com/a", "[42]");
        assertThat(notStrings.getStatusCode()).isEqualTo(422);
        assertThat(body(notStrings).path("errors").get(0).path("field").asText()).isEqualTo("events[0]");

        APIGatewayV2HTTPResponse malformed = handler.handleRequest(TestEvents.fromSample("create-webhook-subscription.json")
                .json("{\"url\":").event(), null);
        assertThat(malformed.getStatusCode()).isEqualTo(400);
    }

    @Test
    void rotatingShowsTheNewSecretOnceAndTheOldOneSignsForADay() throws Exception {
        JsonNode made = body(subscribe("https://crm.example.com/rotate", "[\"*\"]"));
        String id = made.path("id").asText();
        Instant before = Instant.now();

        APIGatewayV2HTTPResponse rotated = onOne("POST", ONE + "/rotate-secret", id, "admin");

        assertThat(rotated.getStatusCode()).isEqualTo(200);
        String newSecret = body(rotated).path("secret").asText();
        assertThat(newSecret).matches("whsec_[0-9a-f]{64}").isNotEqualTo(made.path("secret").asText());
        Instant until = Instant.parse(body(rotated).path("previousSecretExpiresAt").asText());
        assertThat(until).isBetween(before.plus(Duration.ofHours(24)).minusMillis(1), Instant.now().plus(Duration.ofHours(24)));
        WebhookSubscription stored = new DynamoWebhookSubscriptions(tables).find(id).orElseThrow();
        assertThat(stored.secretsSigningAt(Instant.now())).containsExactly(newSecret, made.path("secret").asText());
        assertThat(body(onOne("GET", ONE, id, "admin")).path("previousSecretExpiresAt").asText())
                .isEqualTo(body(rotated).path("previousSecretExpiresAt").asText());
    }

    @Test
    void concurrentRotationsEachKeepASecretSomebodyWasShown() throws Exception {
        JsonNode made = body(subscribe("https://crm.example.com/race", "[\"*\"]"));
        String id = made.path("id").asText();

        List<APIGatewayV2HTTPResponse> rotations = Concurrently.run(List.of(
                () -> onOne("POST", ONE + "/rotate-secret", id, "admin"),
                () -> onOne("POST", ONE + "/rotate-secret", id, "admin"),
                () -> onOne("POST", ONE + "/rotate-secret", id, "admin")), 3);

        assertThat(rotations).extracting(APIGatewayV2HTTPResponse::getStatusCode).containsOnly(200);
        Set<String> shown = new HashSet<>(Set.of(made.path("secret").asText()));
        for (APIGatewayV2HTTPResponse rotation : rotations) {
            shown.add(body(rotation).path("secret").asText());
        }
        assertThat(shown).as("every rotation made its own secret").hasSize(4);
        WebhookSubscription stored = new DynamoWebhookSubscriptions(tables).find(id).orElseThrow();
        assertThat(shown).contains(stored.secret(), stored.previousSecret());
        // Three rotations in a line: the one still signing is the second's, never the original,
        // which an unconditional write of three rotations that all read it would leave.
        assertThat(stored.previousSecret()).isNotEqualTo(stored.secret()).isNotEqualTo(made.path("secret").asText());
    }

    @Test
    void aDeletedSubscriptionIsGoneAndDeletingAgainIsNotFound() throws Exception {
        String id = body(subscribe("https://crm.example.com/delete", "[\"*\"]")).path("id").asText();

        APIGatewayV2HTTPResponse deleted = onOne("DELETE", ONE, id, "admin");

        assertThat(deleted.getStatusCode()).isEqualTo(204);
        assertThat(deleted.getBody()).isNull();
        assertThat(onOne("GET", ONE, id, "admin").getStatusCode()).isEqualTo(404);
        assertThat(onOne("DELETE", ONE, id, "admin").getStatusCode()).isEqualTo(404);
        assertThat(onOne("POST", ONE + "/rotate-secret", id, "admin").getStatusCode()).isEqualTo(404);
        assertThat(onOne("GET", ONE, "not an id!", "admin").getStatusCode()).isEqualTo(404);
    }

    /** A delivery of {@code subscriptionId} as the workers leave it: failed after 31 attempts, or delivered. */
    private static WebhookDelivery delivery(String subscriptionId, DeliveryStatus status, Instant at) {
        WebhookDelivery made = WebhookDelivery.first(subscriptionId, UUID.randomUUID().toString(), at,
                "BookingConfirmed", "{\"id\":\"e\"}", at).claimed(at, at.plusSeconds(120));
        WebhookDelivery ended = status == DeliveryStatus.FAILED ? made.failed(500, "The receiver answered 500.") : made.delivered(204);
        new DynamoWebhookDeliveries(tables).createIfAbsent(ended);
        return ended;
    }

    @Test
    void theDeliveryLogShowsAttemptsAndLastAnswersNewestFirstAndFiltersByStatus() throws Exception {
        String id = body(subscribe("https://crm.example.com/log", "[\"*\"]")).path("id").asText();
        WebhookDelivery failed = delivery(id, DeliveryStatus.FAILED, Instant.parse("2026-12-01T10:00:00Z"));
        WebhookDelivery delivered = delivery(id, DeliveryStatus.DELIVERED, Instant.parse("2026-12-02T10:00:00Z"));
        String log = ONE + "/deliveries";

        APIGatewayV2HTTPResponse all = onOne("GET", log, id, "admin");
        assertThat(all.getStatusCode()).isEqualTo(200);
        assertThat(body(all).path("items").findValuesAsText("id")).containsExactly(delivered.id(), failed.id());

        APIGatewayV2HTTPResponse onlyFailed = handler.handleRequest(TestEvents.request("GET", "/v1/webhook-subscriptions/" + id + "/deliveries")
                .routeKey("GET " + log).pathParam("subscriptionId", id).query("status", "failed").as("admin_1", "admin").event(), null);
        assertThat(onlyFailed.getStatusCode()).isEqualTo(200);
        JsonNode item = body(onlyFailed).path("items");
        assertThat(item).hasSize(1);
        assertThat(item.get(0).path("id").asText()).isEqualTo(failed.id());
        assertThat(item.get(0).path("status").asText()).isEqualTo("FAILED");
        assertThat(item.get(0).path("attempts").asInt()).isEqualTo(1);
        assertThat(item.get(0).path("lastStatusCode").asInt()).isEqualTo(500);
        assertThat(item.get(0).path("eventId").asText()).isEqualTo(failed.eventId());
        assertThat(item.get(0).has("body")).isFalse();

        APIGatewayV2HTTPResponse badStatus = handler.handleRequest(TestEvents.request("GET", "/v1/webhook-subscriptions/" + id + "/deliveries")
                .routeKey("GET " + log).pathParam("subscriptionId", id).query("status", "broken").as("admin_1", "admin").event(), null);
        assertThat(badStatus.getStatusCode()).isEqualTo(422);
        assertThat(body(badStatus).path("errors").get(0).path("field").asText()).isEqualTo("status");
        assertThat(onOne("GET", log, "wh_000000000000000000000000", "admin").getStatusCode()).isEqualTo(404);
        assertThat(onOne("GET", log, id, "instructor").getStatusCode()).isEqualTo(403);
    }

    @Test
    void aRedeliveryQueuesTheSameDeliveryAgainAsItsFirstAttempt() throws Exception {
        String id = body(subscribe("https://crm.example.com/replay", "[\"*\"]")).path("id").asText();
        WebhookDelivery failed = delivery(id, DeliveryStatus.FAILED, Instant.parse("2026-12-01T10:00:00Z"));
        String route = ONE + "/deliveries/{deliveryId}/redeliver";
        String path = "/v1/webhook-subscriptions/" + id + "/deliveries/" + failed.id() + "/redeliver";

        APIGatewayV2HTTPResponse redelivered = handler.handleRequest(TestEvents.request("POST", path).routeKey("POST " + route)
                .pathParam("subscriptionId", id).pathParam("deliveryId", failed.id()).as("admin_1", "admin").event(), null);

        assertThat(redelivered.getStatusCode()).isEqualTo(202);
        assertThat(body(redelivered).path("status").asText()).isEqualTo("PENDING");
        assertThat(body(redelivered).path("attempts").asInt()).isZero();
        assertThat(body(redelivered).path("eventId").asText()).isEqualTo(failed.eventId());
        String message = queues.take(deliveryQueue, 1).getRecords().get(0).getBody();
        assertThat(new SqsDeliveryAttempts(queues.sqs(), deliveryQueue).read(message))
                .isEqualTo(new dev.lessonbook.integration.DeliveryAttempts.Attempt(id, failed.id(), 1));

        APIGatewayV2HTTPResponse missing = handler.handleRequest(TestEvents.request("POST", path).routeKey("POST " + route)
                .pathParam("subscriptionId", id).pathParam("deliveryId", "nope").as("admin_1", "admin").event(), null);
        assertThat(missing.getStatusCode()).isEqualTo(404);
    }
}
