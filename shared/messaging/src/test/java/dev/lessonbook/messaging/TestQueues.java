package dev.lessonbook.messaging;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lessonbook.aws.AwsSettings;
import dev.lessonbook.dynamodb.Outbox;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.emulators.LocalServers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A fresh invalidation queue and notification queue on moto, the table of a writing function
 * publishing to them (as {@link PublishingTables} wires it), and what Lambda's poller would hand
 * a consumer: the messages a queue holds, as an {@link SQSEvent}.
 */
public final class TestQueues {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final SqsClient sqs;
    private final String invalidation;
    private final String notification;

    private TestQueues(SqsClient sqs, String invalidation, String notification) {
        this.sqs = sqs;
        this.invalidation = invalidation;
        this.notification = notification;
    }

    public static TestQueues create(LocalServers.Endpoints endpoints) {
        SqsClient sqs = SqsClient.builder()
                .endpointOverride(endpoints.aws())
                .region(Region.of(endpoints.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalServers.ACCESS_KEY, LocalServers.SECRET_KEY)))
                .httpClient(AwsSettings.httpClient())
                .build();
        String suffix = UUID.randomUUID().toString();
        return new TestQueues(sqs,
                sqs.createQueue(c -> c.queueName("invalidation-" + suffix)).queueUrl(),
                sqs.createQueue(c -> c.queueName("notification-" + suffix)).queueUrl());
    }

    public SqsClient sqs() {
        return sqs;
    }

    /** Another fresh queue on the same server (the webhook queues), by its URL. */
    public String newQueue(String name) {
        return sqs.createQueue(c -> c.queueName(name + "-" + UUID.randomUUID())).queueUrl();
    }

    public String invalidationUrl() {
        return invalidation;
    }

    public String notificationUrl() {
        return notification;
    }

    /** {@code tables} publishing each committed transaction's events to both queues, as a writing function does. */
    public Tables publishing(Tables tables) {
        return tables.onCommittedEvents(new OutboxDelivery(
                new SqsEventPublisher(sqs, List.of(invalidation, notification)), new Outbox(tables)));
    }

    /** Exactly {@code count} messages of the invalidation queue (received and deleted), as one batch. */
    public SQSEvent takeInvalidations(int count) {
        return take(invalidation, count);
    }

    /** Exactly {@code count} messages of the notification queue (received and deleted), as one batch. */
    public SQSEvent takeNotifications(int count) {
        return take(notification, count);
    }

    /** Polls until {@code count} messages arrived or the deadline passed; fails on too few or too many. */
    public SQSEvent take(String queueUrl, int count) {
        List<Message> received = new ArrayList<>();
        Instant deadline = Instant.now().plus(DEADLINE);
        while (received.size() < count && Instant.now().isBefore(deadline)) {
            received.addAll(receive(queueUrl, 1));
        }
        // Anything beyond the expected messages would be an event nobody asked for.
        received.addAll(receive(queueUrl, 0));
        if (received.size() != count) {
            throw new AssertionError("Expected " + count + " messages on " + queueUrl + ", got " + received.size()
                    + ": " + received.stream().map(Message::body).toList());
        }
        received.forEach(message -> sqs.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(message.receiptHandle())));
        SQSEvent event = new SQSEvent();
        event.setRecords(received.stream().map(message -> record(queueUrl, message)).toList());
        return event;
    }

    private List<Message> receive(String queueUrl, int waitSeconds) {
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(waitSeconds)
                .visibilityTimeout(60).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    private static SQSEvent.SQSMessage record(String queueUrl, Message message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueUrl);
        return record;
    }
}
