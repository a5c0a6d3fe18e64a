package dev.lessonbook.functions.webhook;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lessonbook.aws.Incidents;
import dev.lessonbook.messaging.SqsDeliveryAttempts;
import dev.lessonbook.webhook.DeliveringWebhooks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A batch of attempts, each on its own virtual thread: a receiver that hangs for its whole 10 s
 * holds up no other attempt of the batch. A failure (the table or the queue, not the receiver,
 * whose failures are outcomes) returns only that message, as every consumer does.
 */
final class DeliveryWorker {
    private final DeliveringWebhooks delivering;
    private final SqsDeliveryAttempts messages;

    DeliveryWorker(DeliveringWebhooks delivering, SqsDeliveryAttempts messages) {
        this.delivering = delivering;
        this.messages = messages;
    }

    SQSBatchResponse handle(SQSEvent batch) {
        List<SQSEvent.SQSMessage> records = batch == null || batch.getRecords() == null ? List.of() : batch.getRecords();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (SQSEvent.SQSMessage record : records) {
                running.add(threads.submit(() -> delivering.attempt(messages.read(record.getBody()))));
            }
            for (int i = 0; i < records.size(); i++) {
                try {
                    running.get(i).get();
                } catch (Exception failed) {
                    SQSEvent.SQSMessage record = records.get(i);
                    Incidents.record("EventHandlingFailed", "webhook-delivery failed on a message; it will be retried",
                            Map.of("consumer", "webhook-delivery", "messageId", String.valueOf(record.getMessageId())),
                            failed);
                    failures.add(SQSBatchResponse.BatchItemFailure.builder()
                            .withItemIdentifier(record.getMessageId()).build());
                }
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
