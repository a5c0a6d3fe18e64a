package dev.lessonbook.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lessonbook.aws.AwsSettings;
import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.dynamodb.DueIndex;
import dev.lessonbook.dynamodb.DueShards;
import dev.lessonbook.dynamodb.DynamoJson;
import dev.lessonbook.dynamodb.Outbox;
import dev.lessonbook.dynamodb.OutboxItems;
import dev.lessonbook.dynamodb.ProcessedEvents;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.TestTable;
import dev.lessonbook.dynamodb.Version1OutboxItems;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.event.AvailabilityWeekSaved;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.eventjson.EventJson;
import dev.lessonbook.eventjson.Version1Messages;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@ExtendWith(LocalServersExtension.class)
class OutboxAndBatchIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private LocalServers.Endpoints endpoints;
    private Tables tables;
    private SqsClient sqs;

    @BeforeEach
    void setUp(LocalServers.Endpoints endpoints) {
        this.endpoints = endpoints;
        tables = TestTable.create(endpoints);
        sqs = sqs(endpoints.aws());
    }

    @Test
    void aPublishFailureLeavesTheOutboxItemAndTheRelayDeliversItLater() {
        String invalidation = queue("invalidation", null);
        String notification = queue("notification", null);
        // Nothing listens on port 9 (discard): the publish after commit fails.
        Tables unreachable = tables.onCommittedEvents(new OutboxDelivery(
                new SqsEventPublisher(sqs(URI.create("http://127.0.0.1:9")), List.of(invalidation, notification)),
                new Outbox(tables)));
        DomainEvent event = weekSaved(Instant.now().minus(Duration.ofMinutes(2)));

        unreachable.commit(List.of(), List.of(event));

        Outbox outbox = new Outbox(tables);
        assertThat(outbox.undeliveredBefore(Instant.now(), 10)).extracting(DomainEvent::eventId).containsExactly(event.eventId());
        OutboxRelay relay = new OutboxRelay(outbox, new OutboxDelivery(
                new SqsEventPublisher(sqs, List.of(invalidation, notification)), outbox), Clock.systemUTC());

        assertThat(relay.relay()).isEqualTo(new OutboxRelay.Run(1, 1));
        assertThat(outbox.undeliveredBefore(Instant.now(), 10)).isEmpty();
        assertThat(receiveAll(invalidation, 1)).extracting(message -> EventJson.standard().read(message.body())).containsExactly(event);
        assertThat(receiveAll(notification, 1)).extracting(message -> EventJson.standard().read(message.body())).containsExactly(event);
    }

    /** Outbox items version 1 left in the table when version 2 was deployed: the relay delivers them all, as version 2. */
    @Test
    void theRelayDeliversTheOutboxItemsVersion1LeftBehindAsVersion2Messages() {
        String invalidation = queue("invalidation", null);
        String notification = queue("notification", null);
        List<String> version1 = List.of(Version1OutboxItems.WEEK_SAVED, Version1OutboxItems.CONFIRMED,
                Version1OutboxItems.CANCELLED, Version1OutboxItems.COMPLETED,
                Version1OutboxItems.PAYMENT_FAILED_WHEN_BOOKING, Version1OutboxItems.PAYMENT_FAILED_WHEN_AUTHORIZING);
        List<DomainEvent> expected = new ArrayList<>();
        for (String item : version1) {
            Map<String, AttributeValue> stored = DynamoJson.item(item);
            tables.client().putItem(put -> put.tableName(tables.tableName()).item(stored));
            expected.add(OutboxItems.toEvent(stored));
        }
        Outbox outbox = new Outbox(tables);
        // The items are of December 2026; the relay runs once they are all more than a minute old.
        Instant later = Instant.parse("2027-01-01T00:00:00Z");
        OutboxRelay relay = new OutboxRelay(outbox, new OutboxDelivery(
                new SqsEventPublisher(sqs, List.of(invalidation, notification)), outbox), Clock.fixed(later, ZoneOffset.UTC));

        assertThat(relay.relay()).isEqualTo(new OutboxRelay.Run(version1.size(), version1.size()));
        assertThat(outbox.undeliveredBefore(later, 10)).isEmpty();
        for (String queue : List.of(invalidation, notification)) {
            List<Message> delivered = receiveAll(queue, version1.size());
            assertThat(delivered).allSatisfy(message -> assertThat(message.body()).startsWith("{\"eventVersion\":2,"));
            assertThat(delivered).extracting(message -> EventJson.standard().read(message.body()))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /**
     * Events in every shard of the due index, and an item of the unsharded key written before
     * sharding: one relay run delivers them all once, and a consumer that is sent one of them
     * again (its outbox delete lost, so the next run published it twice) handles it once.
     */
    @Test
    void theRelayDrainsEveryShardAndTheUnshardedItemsLeftFromBeforeAndConsumersHandleEachEventOnce() {
        String invalidation = queue("invalidation", null);
        String notification = queue("notification", null);
        // Eight shards, so that every one is filled by a few dozen events, all within one run's batch.
        DueShards shards = new DueShards(8);
        Tables sharded = new Tables(tables.client(), tables.tableName(), shards);
        List<DomainEvent> committed = new ArrayList<>();
        Set<Integer> filled = new HashSet<>();
        Instant twoMinutesAgo = Instant.now().minus(Duration.ofMinutes(2));
        while (filled.size() < shards.count()) {
            DomainEvent event = weekSaved(twoMinutesAgo);
            sharded.commit(List.of(), List.of(event));
            committed.add(event);
            filled.add(shards.of(event.eventId()));
        }
        Map<String, AttributeValue> unsharded = DynamoJson.item(Version1OutboxItems.CONFIRMED);
        tables.client().putItem(put -> put.tableName(tables.tableName()).item(unsharded));
        committed.add(OutboxItems.toEvent(unsharded));
        assertThat(TestTable.scan(tables)).as("one partition per shard, and the unsharded one")
                .filteredOn(item -> item.containsKey(DueIndex.PK)).extracting(item -> item.get(DueIndex.PK).s())
                .containsAll(shards.partitions(OutboxItems.DUE_PARTITION))
                .allSatisfy(partition -> assertThat(shards.partitions(OutboxItems.DUE_PARTITION)).contains(partition));
        Outbox outbox = new Outbox(sharded);
        // Later than every event, the unsharded one of December 2026 included.
        Instant later = Instant.parse("2099-01-01T00:00:00Z");
        OutboxRelay relay = new OutboxRelay(outbox, new OutboxDelivery(
                new SqsEventPublisher(sqs, List.of(invalidation, notification)), outbox), Clock.fixed(later, ZoneOffset.UTC));

        assertThat(relay.relay()).isEqualTo(new OutboxRelay.Run(committed.size(), committed.size()));

        assertThat(outbox.undeliveredBefore(later, 1000)).isEmpty();
        assertThat(receiveAll(notification, committed.size())).extracting(message -> EventJson.standard().read(message.body()))
                .containsExactlyInAnyOrderElementsOf(committed);
        List<Message> delivered = receiveAll(invalidation, committed.size());
        // Its delete lost: the item is back, and the next run publishes the event a second time.
        DomainEvent again = committed.get(0);
        sharded.commit(List.of(), List.of(again));
        assertThat(relay.relay()).isEqualTo(new OutboxRelay.Run(1, 1));
        List<Message> redelivered = receiveAll(invalidation, 1);
        Map<String, Integer> handled = new ConcurrentHashMap<>();
        BatchConsumer consumer = new BatchConsumer("test-" + UUID.randomUUID(), new ProcessedEvents(tables),
                event -> handled.merge(event.eventId(), 1, Integer::sum), Clock.systemUTC());

        assertThat(consumer.handle(event(delivered)).getBatchItemFailures()).isEmpty();
        assertThat(consumer.handle(event(redelivered)).getBatchItemFailures()).isEmpty();

        assertThat(handled).hasSize(committed.size()).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
    }

    /** Queue messages version 1 published before version 2 was deployed: each is handled, none is poison. */
    @Test
    void version1MessagesStillOnTheQueueAreHandledLikeVersion2Ones() {
        Map<String, String> handled = new ConcurrentHashMap<>();
        BatchConsumer consumer = new BatchConsumer("test-" + UUID.randomUUID(), new ProcessedEvents(tables),
                event -> handled.put(event.eventId(), event.type()), Clock.systemUTC());
        List<String> version1 = List.of(Version1Messages.WEEK_SAVED, Version1Messages.CONFIRMED,
                Version1Messages.CANCELLED, Version1Messages.COMPLETED, Version1Messages.PAYMENT_FAILED_WHEN_BOOKING,
                Version1Messages.PAYMENT_FAILED_WHEN_AUTHORIZING);
        SQSEvent batch = new SQSEvent();
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 0; i < version1.size(); i++) {
            messages.add(message("v1-" + i, version1.get(i)));
        }
        batch.setRecords(messages);

        assertThat(consumer.handle(batch).getBatchItemFailures()).isEmpty();
        assertThat(handled.values()).containsExactlyInAnyOrder("AvailabilityWeekSaved", "BookingConfirmed",
                "BookingCancelled", "BookingCompleted", "BookingPaymentFailed", "BookingPaymentFailed");
    }

    @Test
    void theRelayLeavesEventsYoungerThanAMinuteToTheirWriter() {
        Outbox outbox = new Outbox(tables);
        tables.commit(List.of(), List.of(weekSaved(Instant.now())));
        OutboxRelay relay = new OutboxRelay(outbox, new OutboxDelivery(event -> {
            throw new AssertionError("must not publish " + event);
        }, outbox), Clock.systemUTC());

        assertThat(relay.relay()).isEqualTo(new OutboxRelay.Run(0, 0));
    }

    @Test
    void aPoisonMessageFailsAloneLandsInTheDeadLetterQueueAfterFiveReceivesAndTheOthersAreNotRedelivered() {
        String dlq = queue("dlq", null);
        String queue = queue("work", dlq);
        List<String> sentIds = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            DomainEvent event = weekSaved(Instant.now());
            sentIds.add(event.eventId());
            sqs.sendMessage(send -> send.queueUrl(queue).messageBody(EventJson.standard().write(event)));
        }
        sqs.sendMessage(send -> send.queueUrl(queue).messageBody("{\"not\":\"an event\"}"));
        Map<String, Integer> handled = new ConcurrentHashMap<>();
        BatchConsumer consumer = new BatchConsumer("test-" + UUID.randomUUID(), new ProcessedEvents(tables),
                event -> handled.merge(event.eventId(), 1, Integer::sum), Clock.systemUTC());

        List<Message> first = receiveAll(queue, 10);
        SQSBatchResponse response = consumer.handle(event(first));

        assertThat(handled).hasSize(9);
        assertThat(response.getBatchItemFailures()).hasSize(1);
        String poisonId = response.getBatchItemFailures().get(0).getItemIdentifier();
        assertThat(first.stream().filter(m -> m.messageId().equals(poisonId)).findFirst().orElseThrow().body())
                .contains("not");
        deleteAllBut(queue, first, poisonId);

        // Lambda's poller: receive, invoke, delete what succeeded — until the redrive policy moves the poison.
        Instant deadline = Instant.now().plus(DEADLINE);
        while (approximateMessages(dlq) == 0 && Instant.now().isBefore(deadline)) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (!batch.isEmpty()) {
                SQSBatchResponse again = consumer.handle(event(batch));
                assertThat(again.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .containsExactly(poisonId);
                assertThat(batch).extracting(Message::messageId).containsExactly(poisonId);
            }
        }
        List<Message> dead = receiveAll(dlq, 1);
        assertThat(dead).extracting(Message::messageId).containsExactly(poisonId);
        assertThat(handled).containsOnlyKeys(sentIds).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
    }

    @Test
    void anEventDeliveredTwiceIsHandledOnce() {
        Map<String, Integer> handled = new ConcurrentHashMap<>();
        BatchConsumer consumer = new BatchConsumer("test-" + UUID.randomUUID(), new ProcessedEvents(tables),
                event -> handled.merge(event.eventId(), 1, Integer::sum), Clock.systemUTC());
        DomainEvent event = weekSaved(Instant.now());

        consumer.handle(single(message("m1", EventJson.standard().write(event))));
        SQSBatchResponse second = consumer.handle(single(message("m2", EventJson.standard().write(event))));

        assertThat(second.getBatchItemFailures()).isEmpty();
        assertThat(handled).containsExactly(Map.entry(event.eventId(), 1));
    }

    @Test
    void aFailedEventIsNotMarkedDoneSoItsRetryHandlesIt() {
        List<String> attempts = new ArrayList<>();
        BatchConsumer consumer = new BatchConsumer("test-" + UUID.randomUUID(), new ProcessedEvents(tables), event -> {
            attempts.add(event.eventId());
            if (attempts.size() == 1) {
                throw new IllegalStateException("dependency down");
            }
        }, Clock.fixed(Instant.now(), ZoneOffset.UTC));
        DomainEvent event = weekSaved(Instant.now());

        assertThat(consumer.handle(single(message("m1", EventJson.standard().write(event)))).getBatchItemFailures()).hasSize(1);
        assertThat(consumer.handle(single(message("m1", EventJson.standard().write(event)))).getBatchItemFailures()).isEmpty();
        assertThat(attempts).hasSize(2);
    }

    private static DomainEvent weekSaved(Instant at) {
        return AvailabilityWeekSaved.of(at, "ins-" + UUID.randomUUID(), LocalDate.parse("2030-01-07"), ZoneOffset.UTC, "v1",
                Map.of(LocalDate.parse("2030-01-08"), List.of(new TimeWindow(540, 600))));
    }

    private String queue(String name, String deadLetterUrl) {
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, "1");
        if (deadLetterUrl != null) {
            String arn = sqs.getQueueAttributes(g -> g.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":\"5\"}");
        }
        return sqs.createQueue(c -> c.queueName(name + "-" + UUID.randomUUID()).attributes(attributes)).queueUrl();
    }

    private List<Message> receiveAll(String queueUrl, int count) {
        List<Message> messages = new ArrayList<>();
        Instant deadline = Instant.now().plus(DEADLINE);
        while (messages.size() < count && Instant.now().isBefore(deadline)) {
            messages.addAll(sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .visibilityTimeout(30).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages());
        }
        assertThat(messages).hasSize(count);
        return messages;
    }

    private void deleteAllBut(String queueUrl, List<Message> messages, String keptId) {
        messages.stream().filter(message -> !message.messageId().equals(keptId))
                .forEach(message -> sqs.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(message.receiptHandle())));
        // The poison comes back at once rather than after this test's 30 s receive visibility.
        messages.stream().filter(message -> message.messageId().equals(keptId)).forEach(message ->
                sqs.changeMessageVisibility(c -> c.queueUrl(queueUrl).receiptHandle(message.receiptHandle()).visibilityTimeout(0)));
    }

    private int approximateMessages(String queueUrl) {
        return Integer.parseInt(sqs.getQueueAttributes(g -> g.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private static SQSEvent event(List<Message> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(message -> message(message.messageId(), message.body())).toList());
        return event;
    }

    private static SQSEvent single(SQSEvent.SQSMessage message) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    private static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(id);
        message.setBody(body);
        return message;
    }

    private SqsClient sqs(URI endpoint) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(endpoints.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalServers.ACCESS_KEY, LocalServers.SECRET_KEY)))
                .httpClient(AwsSettings.httpClient())
                .build();
    }
}
