package dev.lessonbook.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.integration.DeliveryAttempts.Attempt;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Webhook attempts on a queue of moto: due ones at once, later ones held back by SQS, read back as sent. */
@ExtendWith(LocalServersExtension.class)
class SqsDeliveryAttemptsIT {

    @Test
    void anAttemptDueNowIsOnTheQueueAndReadsBackAsSent(LocalServers.Endpoints endpoints) {
        TestQueues queues = TestQueues.create(endpoints);
        String queue = queues.newQueue("webhook-delivery");
        SqsDeliveryAttempts attempts = new SqsDeliveryAttempts(queues.sqs(), queue);
        Attempt attempt = new Attempt("wh_0123456789abcdef01234567", "1796635260000-3f1c", 3);

        attempts.schedule(attempt, Duration.ZERO);

        assertThat(attempts.read(queues.take(queue, 1).getRecords().get(0).getBody())).isEqualTo(attempt);
    }

    @Test
    void aLaterAttemptIsHeldBackByTheQueueForAtMostFifteenMinutes(LocalServers.Endpoints endpoints) {
        TestQueues queues = TestQueues.create(endpoints);
        String queue = queues.newQueue("webhook-delivery");
        SqsDeliveryAttempts attempts = new SqsDeliveryAttempts(queues.sqs(), queue);

        attempts.schedule(new Attempt("wh_a", "d1", 2), Duration.ofHours(1));

        assertThat(attempts.longestDelay()).isEqualTo(Duration.ofMinutes(15));
        assertThat(queues.sqs().getQueueAttributes(get -> get.queueUrl(queue)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes()).containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "1")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0");
    }

    @Test
    void aMessageThatIsNotAnAttemptIsPoison(LocalServers.Endpoints endpoints) {
        TestQueues queues = TestQueues.create(endpoints);
        SqsDeliveryAttempts attempts = new SqsDeliveryAttempts(queues.sqs(), queues.newQueue("webhook-delivery"));

        assertThatThrownBy(() -> attempts.read("{\"deliveryId\":\"d1\",\"attempt\":1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> attempts.read("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
