package dev.lessonbook.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.lessonbook.dynamodb.DueIndex;
import dev.lessonbook.dynamodb.DueShards;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.TestTable;
import dev.lessonbook.dynamodb.integration.DynamoWebhookDeliveries;
import dev.lessonbook.dynamodb.integration.DynamoWebhookDeliveries.LogShards;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.integration.DeliveryAttempts.Attempt;
import dev.lessonbook.integration.WebhookDelivery;
import dev.lessonbook.messaging.SqsDeliveryAttempts;
import dev.lessonbook.messaging.TestQueues;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
        return claimedAt("wh_net", UUID.randomUUID().toString(), claimedAt);
    }

    private static String run() {
        return handler.handleRequest(EventLoader.loadScheduledEvent(
                Path.of(System.getProperty("lessonbook.root", "../.."), "events", "schedule", "webhook-retry.json").toString()), null);
    }

    /** The attempts one run queued, read off the delivery queue (the run's answer says how many). */
    private static List<Attempt> queuedBy(String answer) {
        int requeued = Integer.parseInt(answer.replaceAll("\\D", ""));
        SqsDeliveryAttempts reader = new SqsDeliveryAttempts(queues.sqs(), deliveryQueue);
        return queues.take(deliveryQueue, requeued).getRecords().stream().map(record -> reader.read(record.getBody())).toList();
    }

    @Test
    void anAttemptLostForMoreThanAMinuteIsQueuedAgainAndOneStillInItsLeaseIsNot() {
        WebhookDelivery lost = claimedAt(Instant.now().minus(Duration.ofMinutes(4)));
        WebhookDelivery inLease = claimedAt(Instant.now().minusSeconds(30));

        List<Attempt> queued = queuedBy(run());

        assertThat(queued).contains(new Attempt("wh_net", lost.id(), 2))
                .noneMatch(attempt -> attempt.deliveryId().equals(inLease.id()));
        finish(lost);
        finish(inLease);
    }

    @Test
    void lostAttemptsInEveryShardAndUnderTheUnshardedKeyAreQueuedAgainEachAsTheSameAttempt() {
        String subscription = "wh_shards_" + UUID.randomUUID();
        DueShards shards = tables.dueShards();
        LogShards logShards = LogShards.fromEnvironment();
        Instant lostAt = Instant.now().minus(Duration.ofMinutes(4));
        Map<String, WebhookDelivery> lost = new HashMap<>();
        Set<String> shardsFilled = new HashSet<>();
        Set<String> logShardsFilled = new HashSet<>();
        while (shardsFilled.size() < shards.count() || logShardsFilled.size() < logShards.count()) {
            WebhookDelivery delivery = claimedAt(subscription, UUID.randomUUID().toString(), lostAt);
            shardsFilled.add(DynamoWebhookDeliveries.duePartition(shards, subscription, delivery.id()));
            logShardsFilled.add(Keys.webhookDeliveryPartition(subscription, logShards.of(delivery.id())));
            lost.put(delivery.id(), delivery);
        }
        // One written before either sharding: under the subscription's one log key, due under the one constant key.
        WebhookDelivery unsharded = claimedAt(subscription, UUID.randomUUID().toString(), lostAt);
        moveToTheUnshardedShape(unsharded);
        lost.put(unsharded.id(), unsharded);
        assertThat(TestTable.scan(tables)).filteredOn(item -> item.get(Keys.PK).s().startsWith("WEBHOOK#" + subscription))
                .extracting(item -> item.get(DueIndex.PK).s())
                .containsAll(shards.partitions(DynamoWebhookDeliveries.DUE_PARTITION));
        Set<String> logPartitions = new HashSet<>(logShardsFilled);
        logPartitions.add(Keys.unshardedWebhookDeliveryPartition(subscription));
        assertThat(TestTable.scan(tables)).filteredOn(item -> item.get(Keys.PK).s().startsWith("WEBHOOK#" + subscription))
                .extracting(item -> item.get(Keys.PK).s())
                .containsAll(logPartitions).hasSize(lost.size());

        List<Attempt> first = mine(queuedBy(run()), subscription);
        List<Attempt> second = mine(queuedBy(run()), subscription);

        Set<Attempt> expected = lost.values().stream().map(delivery -> new Attempt(subscription, delivery.id(), 2))
                .collect(Collectors.toSet());
        assertThat(first).hasSize(lost.size()).containsExactlyInAnyOrderElementsOf(expected);
        // Queued twice (the net runs again before a worker took it), it is the same attempt both times,
        // and the worker's claim — conditional on the attempts made — lets exactly one copy through.
        assertThat(second).containsExactlyInAnyOrderElementsOf(first);
        DynamoWebhookDeliveries deliveries = new DynamoWebhookDeliveries(tables);
        int claims = 0;
        for (Attempt attempt : concat(first, second)) {
            WebhookDelivery asQueued = lost.get(attempt.deliveryId());
            if (deliveries.replace(asQueued, asQueued.claimed(Instant.now(), Instant.now().plus(Duration.ofMinutes(2))))) {
                claims++;
            }
        }
        assertThat(claims).isEqualTo(lost.size());
        assertThat(mine(queuedBy(run()), subscription)).isEmpty();
        lost.keySet().forEach(id -> finish(deliveries.find(subscription, id).orElseThrow()));
    }

    private static WebhookDelivery claimedAt(String subscription, String eventId, Instant claimedAt) {
        WebhookDelivery claimed = WebhookDelivery.first(subscription, eventId, claimedAt, "BookingConfirmed", "{}", claimedAt)
                .claimed(claimedAt, claimedAt.plus(Duration.ofMinutes(2)));
        new DynamoWebhookDeliveries(tables).createIfAbsent(claimed);
        return claimed;
    }

    /** As a delivery written before sharding is stored: the same item under the old log key and due key. */
    static void moveToTheUnshardedShape(WebhookDelivery delivery) {
        LogShards logShards = LogShards.fromEnvironment();
        Map<String, AttributeValue> sharded = Keys.webhookDelivery(
                delivery.subscriptionId(), logShards.of(delivery.id()), delivery.id());
        Map<String, AttributeValue> item = new HashMap<>(tables.client().getItem(get -> get.tableName(tables.tableName())
                .key(sharded).consistentRead(true)).item());
        item.putAll(Keys.unshardedWebhookDelivery(delivery.subscriptionId(), delivery.id()));
        item.put(DueIndex.PK, AttributeValue.fromS(DynamoWebhookDeliveries.DUE_PARTITION));
        tables.client().putItem(put -> put.tableName(tables.tableName()).item(item));
        tables.client().deleteItem(delete -> delete.tableName(tables.tableName()).key(sharded));
    }

    private static List<Attempt> mine(List<Attempt> attempts, String subscription) {
        return attempts.stream().filter(attempt -> attempt.subscriptionId().equals(subscription)).toList();
    }

    private static List<Attempt> concat(List<Attempt> a, List<Attempt> b) {
        List<Attempt> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Delivered, so that no other test of this table finds it overdue. */
    private static void finish(WebhookDelivery delivery) {
        DynamoWebhookDeliveries deliveries = new DynamoWebhookDeliveries(tables);
        WebhookDelivery stored = deliveries.find(delivery.subscriptionId(), delivery.id()).orElseThrow();
        assertThat(deliveries.replace(stored, stored.delivered(200))).isTrue();
    }
}
