package dev.lessonbook.local.worker;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One SQS event source mapping: long-polls its queue and hands each batch to the function as
 * Lambda does. Messages the function handled are deleted; the ones it reports as failed (or the
 * whole batch, when it throws) are left alone, so they come back after the queue's visibility
 * timeout and, after {@code maxReceiveCount} receives, the queue's redrive policy moves them to
 * the dead-letter queue (the emulator implements redrive on receive, as SQS does).
 */
public final class QueuePoller implements AutoCloseable {
    /** Short enough that stopping never waits long for a poll in flight. */
    static final int WAIT_TIME_SECONDS = 5;

    /** Where the messages come from and how the function wants them. */
    public record Source(String functionName, String queueUrl, String queueArn, String region, int batchSize,
            boolean reportBatchItemFailures) {}

    private final SqsClient sqs;
    private final Source source;
    private final Function<SQSEvent, Object> function;
    private final PrintStream log;
    private final Thread thread;
    private volatile boolean running = true;

    public QueuePoller(SqsClient sqs, Source source, Function<SQSEvent, Object> function, PrintStream log) {
        this.sqs = sqs;
        this.source = source;
        this.function = function;
        this.log = log;
        this.thread = new Thread(this::pollUntilClosed, "sqs-" + source.functionName());
        this.thread.setDaemon(true);
    }

    public QueuePoller start() {
        thread.start();
        return this;
    }

    /**
     * Stops polling. A batch in flight gets a moment to finish; one that does not is simply not
     * deleted, so its messages return after the visibility timeout, as after a Lambda shutdown.
     */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pollUntilClosed() {
        while (running) {
            try {
                List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(source.queueUrl())
                        .maxNumberOfMessages(Math.min(10, Math.max(1, source.batchSize())))
                        .waitTimeSeconds(WAIT_TIME_SECONDS)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All")).messages();
                if (!messages.isEmpty() && running) {
                    deliver(messages);
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.println("ERROR polling " + source.queueUrl() + " for " + source.functionName() + ": " + e);
                pause();
            }
        }
    }

    /** Invokes the function with one batch and deletes what it handled. */
    void deliver(List<Message> messages) {
        long started = System.nanoTime();
        SQSEvent event = event(messages);
        Set<String> failed = failedMessageIds(event, messages);
        List<Message> handled = messages.stream().filter(message -> !failed.contains(message.messageId())).toList();
        for (int from = 0; from < handled.size(); from += 10) {
            List<Message> chunk = handled.subList(from, Math.min(handled.size(), from + 10));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            sqs.deleteMessageBatch(d -> d.queueUrl(source.queueUrl()).entries(entries));
        }
        log.printf("SQS %s batch=%d failures=%d %d ms%n", source.functionName(), messages.size(), failed.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private Set<String> failedMessageIds(SQSEvent event, List<Message> messages) {
        Set<String> all = new HashSet<>(messages.stream().map(Message::messageId).toList());
        Object result;
        try {
            result = function.apply(event);
        } catch (RuntimeException | Error e) {
            log.println("ERROR " + source.functionName() + " failed on a batch of " + messages.size()
                    + "; every message returns after the visibility timeout: " + e);
            e.printStackTrace(log);
            return all;
        }
        if (!source.reportBatchItemFailures() || !(result instanceof SQSBatchResponse response)
                || response.getBatchItemFailures() == null) {
            return Set.of();
        }
        Set<String> failed = new HashSet<>();
        for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            String id = failure == null ? null : failure.getItemIdentifier();
            if (id == null || id.isBlank() || !all.contains(id)) {
                // Lambda treats a response naming no message of the batch as a failure of all of it.
                log.println("WARN " + source.functionName() + " reported an unknown item identifier " + id
                        + "; the whole batch counts as failed");
                return all;
            }
            failed.add(id);
        }
        return failed;
    }

    SQSEvent event(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
            record.setAttributes(new LinkedHashMap<>(message.attributesAsStrings()));
            record.setMessageAttributes(attributes(message.messageAttributes()));
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(source.queueArn());
            record.setAwsRegion(source.region());
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static Map<String, SQSEvent.MessageAttribute> attributes(Map<String, MessageAttributeValue> values) {
        Map<String, SQSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
            attribute.setDataType(value.dataType());
            attribute.setStringValue(value.stringValue());
            if (value.binaryValue() != null) {
                attribute.setBinaryValue(value.binaryValue().asByteBuffer());
            }
            attribute.setStringListValues(value.hasStringListValues() ? value.stringListValues() : List.of());
            attribute.setBinaryListValues(value.hasBinaryListValues()
                    ? value.binaryListValues().stream().map(bytes -> bytes.asByteBuffer()).toList() : List.of());
            attributes.put(name, attribute);
        });
        return attributes;
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
