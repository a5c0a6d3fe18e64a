package dev.lessonbook.dynamodb.integration;

import static dev.lessonbook.dynamodb.AttributeValues.instant;
import static dev.lessonbook.dynamodb.AttributeValues.instantOrNull;
import static dev.lessonbook.dynamodb.AttributeValues.n;
import static dev.lessonbook.dynamodb.AttributeValues.putIfPresent;
import static dev.lessonbook.dynamodb.AttributeValues.s;
import static dev.lessonbook.dynamodb.AttributeValues.string;

import dev.lessonbook.dynamodb.DueIndex;
import dev.lessonbook.dynamodb.DueShards;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.integration.DeliveryStatus;
import dev.lessonbook.integration.WebhookDeliveries;
import dev.lessonbook.integration.WebhookDelivery;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Deliveries as items {@code WEBHOOK#<subscriptionId> / DELIVERY#<deliveryId>} (docs/data-model.md).
 * A pending one is in the sparse {@code due} index by its next attempt, so overdue ones are found
 * without a scan: under {@code DUE#WEBHOOK_DELIVERY#<n>}, a write shard of the {@code DUE_SHARDS}
 * count ({@link DueShards}) like the outbox and the payment work, since every booking event may make
 * a delivery per subscription (docs/decisions.md, "Write-sharded due index"). The shard is taken
 * from the subscription and the delivery id together: one event's deliveries to many subscribers
 * share a delivery id, and would otherwise share a shard. Each is kept {@link #KEPT_FOR} (TTL).
 */
public final class DynamoWebhookDeliveries implements WebhookDeliveries {
    public static final Duration KEPT_FOR = Duration.ofDays(30);
    /** The base of the shards, and the unsharded key items written before sharding still wait under. */
    public static final String DUE_PARTITION = "DUE#WEBHOOK_DELIVERY";
    /** Fixed width, so that string order is time order. */
    private static final DateTimeFormatter DUE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Tables tables;

    public DynamoWebhookDeliveries(Tables tables) {
        this.tables = tables;
    }

    @Override
    public boolean createIfAbsent(WebhookDelivery delivery) {
        try {
            tables.client().putItem(put -> put.tableName(tables.tableName())
                    .item(toItem(delivery, tables.dueShards()))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public Optional<WebhookDelivery> find(String subscriptionId, String deliveryId) {
        Map<String, AttributeValue> item = tables.client().getItem(get -> get.tableName(tables.tableName())
                .key(Keys.webhookDelivery(subscriptionId, deliveryId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public boolean replace(WebhookDelivery expected, WebhookDelivery updated) {
        try {
            tables.client().putItem(put -> put.tableName(tables.tableName())
                    .item(toItem(updated, tables.dueShards()))
                    .conditionExpression("#status = :status AND attempts = :attempts")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":status", s(expected.status().name()), ":attempts", n(expected.attempts()))));
            return true;
        } catch (ConditionalCheckFailedException movedOn) {
            return false;
        }
    }

    /**
     * Every shard and the unsharded key at once ({@link DueIndex}), the first {@code limit} by next
     * attempt across them: the retry net runs within its minute whatever the shard count.
     */
    @Override
    public List<WebhookDelivery> dueBefore(Instant before, int limit) {
        List<Map<String, AttributeValue>> due = new DueIndex(tables).earliest(
                tables.dueShards().partitions(DUE_PARTITION), DUE_TIME.format(before), limit);
        List<WebhookDelivery> overdue = new ArrayList<>();
        for (Map<String, AttributeValue> keys : due) {
            // The index lags and projects keys only: read each one back, and keep it only if still overdue.
            Map<String, AttributeValue> item = tables.client().getItem(get -> get.tableName(tables.tableName())
                    .key(Map.of(Keys.PK, keys.get(Keys.PK), Keys.SK, keys.get(Keys.SK)))
                    .consistentRead(true)).item();
            if (item != null && !item.isEmpty()) {
                WebhookDelivery delivery = fromItem(item);
                if (delivery.status() == DeliveryStatus.PENDING && delivery.nextAttemptAt() != null
                        && delivery.nextAttemptAt().isBefore(before)) {
                    overdue.add(delivery);
                }
            }
        }
        return overdue;
    }

    @Override
    public List<WebhookDelivery> ofSubscription(String subscriptionId, Optional<DeliveryStatus> status, int limit) {
        List<WebhookDelivery> found = new ArrayList<>();
        Map<String, AttributeValue> from = null;
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":pk", s("WEBHOOK#" + subscriptionId), ":prefix", s("DELIVERY#")));
        status.ifPresent(wanted -> values.put(":status", s(wanted.name())));
        do {
            Map<String, AttributeValue> start = from;
            QueryResponse page = tables.client().query(query -> {
                query.tableName(tables.tableName())
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(values)
                        .scanIndexForward(false)
                        .exclusiveStartKey(start);
                if (status.isPresent()) {
                    query.filterExpression("#status = :status").expressionAttributeNames(Map.of("#status", "status"));
                }
            });
            for (Map<String, AttributeValue> item : page.items()) {
                if (found.size() < limit) {
                    found.add(fromItem(item));
                }
            }
            from = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (from != null && found.size() < limit);
        return found;
    }

    /** The shard of a delivery: stable for its life, since neither part of it changes. */
    public static String duePartition(DueShards shards, String subscriptionId, String deliveryId) {
        return shards.partition(DUE_PARTITION, subscriptionId + "#" + deliveryId);
    }

    static Map<String, AttributeValue> toItem(WebhookDelivery delivery, DueShards shards) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.webhookDelivery(delivery.subscriptionId(), delivery.id()));
        item.put("id", s(delivery.id()));
        item.put("subscriptionId", s(delivery.subscriptionId()));
        item.put("eventId", s(delivery.eventId()));
        item.put("eventType", s(delivery.eventType()));
        item.put("body", s(delivery.body()));
        item.put("status", s(delivery.status().name()));
        item.put("attempts", n(delivery.attempts()));
        item.put("createdAt", instant(delivery.createdAt()));
        putInstant(item, "firstAttemptAt", delivery.firstAttemptAt());
        putInstant(item, "lastAttemptAt", delivery.lastAttemptAt());
        if (delivery.lastStatusCode() != null) {
            item.put("lastStatusCode", n(delivery.lastStatusCode()));
        }
        putIfPresent(item, "lastError", delivery.lastError());
        putInstant(item, "nextAttemptAt", delivery.nextAttemptAt());
        item.put(Keys.EXPIRES_AT, n(delivery.createdAt().plus(KEPT_FOR).getEpochSecond()));
        if (delivery.status() == DeliveryStatus.PENDING && delivery.nextAttemptAt() != null) {
            item.put(DueIndex.PK, s(duePartition(shards, delivery.subscriptionId(), delivery.id())));
            item.put(DueIndex.SK, s(DUE_TIME.format(delivery.nextAttemptAt()) + "#" + delivery.id()));
        }
        return item;
    }

    static WebhookDelivery fromItem(Map<String, AttributeValue> item) {
        return new WebhookDelivery(
                string(item, "id"),
                string(item, "subscriptionId"),
                string(item, "eventId"),
                string(item, "eventType"),
                string(item, "body"),
                DeliveryStatus.valueOf(string(item, "status")),
                Integer.parseInt(item.get("attempts").n()),
                instantOrNull(item, "createdAt"),
                instantOrNull(item, "firstAttemptAt"),
                instantOrNull(item, "lastAttemptAt"),
                item.containsKey("lastStatusCode") ? Integer.valueOf(item.get("lastStatusCode").n()) : null,
                string(item, "lastError"),
                instantOrNull(item, "nextAttemptAt"));
    }

    private static void putInstant(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) {
            item.put(name, instant(value));
        }
    }
}
