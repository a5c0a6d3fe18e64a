package dev.lessonbook.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.integration.DynamoWebhookDeliveries;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.integration.DeliveryAttempts.Attempt;
import dev.lessonbook.integration.WebhookDelivery;
import dev.lessonbook.messaging.SqsDeliveryAttempts;
import dev.lessonbook.messaging.TestQueues;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The retry net through the real handler, fed the sample EventBridge event, on moto. */
@ExtendWith(LocalServersExtension.class)
class WebhookRetryHandlerIT {
    private static Tables tables;
    private static TestQueues queues;
    private static String deliveryQueue;
    private static WebhookRetryHandler handler;

    @BeforeAll
    static void handlerOnTheEmulators(LocalServers.Endpoints endpoints) {
        tables = FunctionEnvironment.prepare(endpoints);
        queues = TestQueues.create(endpoints);
        deliveryQueue = queues.newQueue("webhook-delivery");
        System.setProperty(SqsDeliveryAttempts.QUEUE_URL_SETTING, deliveryQueue);
        handler = new WebhookRetryHandler();
    }

    /** A delivery whose attempt 1 was claimed at {@code claimedAt} by a worker that never finished it. */
    private static WebhookDelivery claimedAt(Instant claimedAt) {
        WebhookDelivery claimed = WebhookDelivery.first("wh_net", UUID.randomUUID().toString(), claimedAt,
                "BookingConfirmed", "{}", claimedAt).claimed(claimedAt, claimedAt.plus(Duration.ofMinutes(2)));
        new DynamoWebhookDeliveries(tables).createIfAbsent(claimed);
        return claimed;
    }

    @Test
    void anAttemptLostForMoreThanAMinuteIsQueuedAgainAndOneStillInItsLeaseIsNot() {
        WebhookDelivery lost = claimedAt(Instant.now().minus(Duration.ofMinutes(4)));
        claimedAt(Instant.now().minusSeconds(30));

        String answer = handler.handleRequest(EventLoader.loadScheduledEvent(
                Path.of(System.getProperty("lessonbook.root", "../.."), "events", "schedule", "webhook-retry.json").toString()), null);

        assertThat(answer).isEqualTo("{\"requeued\":1}");
        assertThat(new SqsDeliveryAttempts(queues.sqs(), deliveryQueue).read(queues.take(deliveryQueue, 1).getRecords().get(0).getBody()))
                .isEqualTo(new Attempt("wh_net", lost.id(), 2));
    }
}
