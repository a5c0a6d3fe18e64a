package dev.lessonbook.messaging;

import dev.lessonbook.config.Env;
import dev.lessonbook.dynamodb.AwsSettings;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.event.EventPublisher;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Fans an event out: one message per queue (invalidation, notification), so each consumer gets
 * its own copy and its own retries. Consumers are idempotent by eventId, so publishing an event
 * again after a partial failure is safe.
 */
public final class SqsEventPublisher implements EventPublisher {
    private final SqsClient sqs;
    private final List<String> queueUrls;

    public SqsEventPublisher(SqsClient sqs, List<String> queueUrls) {
        this.sqs = sqs;
        this.queueUrls = List.copyOf(queueUrls);
    }

    /** The queues of {@code INVALIDATION_QUEUE_URL} and {@code NOTIFICATION_QUEUE_URL}. */
    public static SqsEventPublisher fromEnvironment() {
        SqsClient sqs = AwsSettings.configure(SqsClient.builder()).httpClient(AwsSettings.httpClient()).build();
        return new SqsEventPublisher(sqs, List.of(Env.required("INVALIDATION_QUEUE_URL"), Env.required("NOTIFICATION_QUEUE_URL")));
    }

    @Override
    public void publish(DomainEvent event) {
        String body = EventJson.write(event);
        for (String queueUrl : queueUrls) {
            sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody(body));
        }
    }
}
