package dev.lessonbook.messaging;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lessonbook.aws.Incidents;
import dev.lessonbook.aws.priming.Primer;
import dev.lessonbook.dynamodb.ProcessedEvents;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.eventjson.EventJson;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lambda's SQS batch, handled message by message (written once for every queue consumer):
 * an event this consumer handled before is skipped; one that fails — or is not an event at all —
 * is reported in {@code batchItemFailures} and only it comes back (ReportBatchItemFailures),
 * until the queue's redrive policy moves it to the dead-letter queue. The rest of its batch is
 * handled and deleted regardless.
 */
public final class BatchConsumer {

    /** What the consumer does with one event; throwing fails that message only. */
    @FunctionalInterface
    public interface EventHandler {
        void handle(DomainEvent event) throws Exception;
    }

    private final String consumer;
    private final ProcessedEvents processed;
    private final EventHandler handler;
    private final Clock clock;
    /** Held from construction, so the mapper is built at the function's init, not for its first message. */
    private final EventJson json = EventJson.standard();

    public BatchConsumer(String consumer, ProcessedEvents processed, EventHandler handler, Clock clock) {
        this.consumer = consumer;
        this.processed = processed;
        this.handler = handler;
        this.clock = clock;
    }

    /**
     * Primes the batch's way in and out without handling anything (docs/decisions.md, "SnapStart
     * priming"): an SQS event carrying the sample events, read from JSON as Lambda hands it to the
     * stream form, each body read as an event, and a partial-failure answer written. The events are
     * not handled: that would write (the processed-event marks, the consumer's own work); the
     * function primes its handler's reads and renders itself.
     */
    public Primer primer() {
        return Primer.of("SQS batch of " + consumer, () -> {
            SQSEvent batch = SqsEventJson.readEvent(new ByteArrayInputStream(SqsEventJson.batchOf(
                    json.primingSamples().stream().map(json::write).toList())));
            for (SQSEvent.SQSMessage message : batch.getRecords()) {
                json.read(message.getBody());
            }
            SqsEventJson.writeResponse(SQSBatchResponse.builder().withBatchItemFailures(List.of(
                    SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier("priming").build())).build(),
                    OutputStream.nullOutputStream());
        });
    }

    public SQSBatchResponse handle(SQSEvent batch) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> messages = batch == null || batch.getRecords() == null ? List.of() : batch.getRecords();
        for (SQSEvent.SQSMessage message : messages) {
            try {
                handleOne(message);
            } catch (Exception e) {
                Incidents.record("EventHandlingFailed", consumer + " failed on a message; it will be retried",
                        Map.of("consumer", consumer, "messageId", String.valueOf(message.getMessageId())), e);
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private void handleOne(SQSEvent.SQSMessage message) throws Exception {
        DomainEvent event = json.read(message.getBody());
        if (processed.isDone(consumer, event.eventId())) {
            return;
        }
        handler.handle(event);
        // Only now: a failed message was not marked, so its retry handles it.
        processed.markDone(consumer, event.eventId(), clock.instant());
    }
}
