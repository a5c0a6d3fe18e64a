package dev.lessonbook.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.integration.DynamoWebhookDeliveries;
import dev.lessonbook.dynamodb.integration.DynamoWebhookSubscriptions;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.integration.DeliveryAttempts.Attempt;
import dev.lessonbook.integration.DeliveryStatus;
import dev.lessonbook.integration.SubscriptionStatus;
import dev.lessonbook.integration.WebhookDelivery;
import dev.lessonbook.integration.WebhookSubscription;
import dev.lessonbook.messaging.SqsDeliveryAttempts;
import dev.lessonbook.messaging.TestQueues;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dispatch worker through the real handler, fed the sample batch of the webhook queue, on moto. */
@ExtendWith(LocalServersExtension.class)
class WebhookDispatchHandlerIT {
    private static Tables tables;
    private static TestQueues queues;
    private static String deliveryQueue;
    private static WebhookDispatchHandler handler;

    @BeforeAll
    static void handlerOnTheEmulators(LocalServers.Endpoints endpoints) {
        tables = FunctionEnvironment.prepare(endpoints);
        queues = TestQueues.create(endpoints);
        deliveryQueue = queues.newQueue("webhook-delivery");
        System.setProperty(SqsDeliveryAttempts.QUEUE_URL_SETTING, deliveryQueue);
        handler = new WebhookDispatchHandler();
    }

    private static SQSEvent sample() {
        String root = System.getProperty("lessonbook.root", "../..");
        return EventLoader.loadSQSEvent(Path.of(root, "events", "sqs", "webhook-batch.json").toString());
    }

    @Test
    void eachSubscriptionWantingTheEventGetsOneDeliveryAndOneQueuedAttemptOnce() {
        DynamoWebhookSubscriptions subscriptions = new DynamoWebhookSubscriptions(tables);
        Instant now = Instant.now();
        WebhookSubscription confirmations = new WebhookSubscription("wh_confirmations", "https://crm.example.com/a",
                List.of("BookingConfirmed"), null, SubscriptionStatus.ACTIVE, now, "whsec_a", null, null);
        WebhookSubscription cancellations = new WebhookSubscription("wh_cancellations", "https://crm.example.com/b",
                List.of("BookingCancelled"), null, SubscriptionStatus.ACTIVE, now, "whsec_b", null, null);
        subscriptions.create(confirmations);
        subscriptions.create(cancellations);

        SQSBatchResponse first = handler.handleRequest(sample(), null);
        SQSBatchResponse again = handler.handleRequest(sample(), null);

        assertThat(first.getBatchItemFailures()).isEmpty();
        assertThat(again.getBatchItemFailures()).isEmpty();
        DynamoWebhookDeliveries deliveries = new DynamoWebhookDeliveries(tables);
        List<WebhookDelivery> confirmed = deliveries.ofSubscription(confirmations.id(), Optional.empty(), 10);
        List<WebhookDelivery> cancelled = deliveries.ofSubscription(cancellations.id(), Optional.empty(), 10);
        assertThat(confirmed).singleElement().satisfies(delivery -> {
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(delivery.eventType()).isEqualTo("BookingConfirmed");
            assertThat(delivery.body()).contains("\"id\":\"" + delivery.eventId() + "\"", "\"data\":{");
        });
        assertThat(cancelled).singleElement().satisfies(delivery -> assertThat(delivery.eventType()).isEqualTo("BookingCancelled"));
        SqsDeliveryAttempts attempts = new SqsDeliveryAttempts(queues.sqs(), deliveryQueue);
        assertThat(queues.take(deliveryQueue, 2).getRecords())
                .extracting(record -> attempts.read(record.getBody()))
                .containsExactlyInAnyOrder(new Attempt(confirmations.id(), confirmed.get(0).id(), 1),
                        new Attempt(cancellations.id(), cancelled.get(0).id(), 1));
    }
}
