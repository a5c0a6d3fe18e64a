package dev.lessonbook.dynamodb.integration;

import static dev.lessonbook.dynamodb.AttributeValues.instant;
import static dev.lessonbook.dynamodb.AttributeValues.instantOrNull;
import static dev.lessonbook.dynamodb.AttributeValues.n;
import static dev.lessonbook.dynamodb.AttributeValues.putIfPresent;
import static dev.lessonbook.dynamodb.AttributeValues.s;
import static dev.lessonbook.dynamodb.AttributeValues.string;

import dev.lessonbook.config.Env;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Deliveries as items {@code WEBHOOK#<subscriptionId>#<n> / DELIVERY#<deliveryId>} (docs/data-model.md):
 * a subscriber's delivery log is write-sharded, {@code n} the CRC-32 of the delivery id modulo the
 * {@code WEBHOOK_LOG_SHARDS} count ({@link LogShards}), because a subscription to every event type
 * takes about three writes per event of the whole marketplace, half a partition's write limit at
 * some 80 bookings per second under one key (docs/decisions.md, "Sharded delivery log"). Items
 * written before sharding, under {@code WEBHOOK#<subscriptionId>}, are still read (and updated
 * where they are) until their TTL removes them: {@link #find} looks there when the shard has none,
 * {@link #ofSubscription} reads it with the shards.
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

    /** Queries of the delivery log in flight at once (the log's shards and the unsharded key). */
    private static final int PARALLEL = 16;

    private final Tables tables;
    private final LogShards logShards;

    /** With the log's shard count of the {@code WEBHOOK_LOG_SHARDS} setting. */
    public DynamoWebhookDeliveries(Tables tables) {
        this(tables, LogShards.fromEnvironment());
    }

    public DynamoWebhookDeliveries(Tables tables, LogShards logShards) {
        this.tables = tables;
        this.logShards = logShards;
    }

    /**
     * The write shards of a subscriber's delivery log: the {@code WEBHOOK_LOG_SHARDS} setting
     * (template.yaml Globals, default {@value #DEFAULT}). At 1,000 bookings per second a
     * subscription to every event type writes about 12,500 units per second (measured by the key
     * spread, docs/capacity.md): 64 shards keep each near a fifth of a partition's 1,000. The same
     * in every function. Unlike
     * the due index's count, it is part of a delivery's address (attempts find a delivery by the
     * shard of its id): changing it on a live stack leaves the deliveries still pending under the
     * old count unreachable to their attempts, so it is chosen before the first subscription
     * (docs/decisions.md, "Sharded delivery log").
     */
    public record LogShards(int count) {
        public static final String SETTING = "WEBHOOK_LOG_SHARDS";
        public static final int DEFAULT = 64;
        /** A subscription change is one transaction of its item and a copy per shard: DynamoDB takes 100 items. */
        public static final int MAX = 96;

        public LogShards {
            if (count < 1 || count > MAX) {
                throw new IllegalArgumentException(SETTING + " must be 1 to " + MAX + ", not " + count);
            }
        }

        public static LogShards fromEnvironment() {
            String value = Env.orDefault(SETTING, Integer.toString(DEFAULT));
            try {
                return new LogShards(Integer.parseInt(value.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(SETTING + " must be a whole number, not " + value, e);
            }
        }

        /** The shard of a delivery: CRC-32 of its id's UTF-8 bytes, modulo the count. */
        public int of(String deliveryId) {
            return new DueShards(count).of(deliveryId);
        }
    }

    @Override
    public boolean createIfAbsent(WebhookDelivery delivery) {
        try {
            tables.client().putItem(put -> put.tableName(tables.tableName())
                    .item(toItem(delivery, keyOf(delivery.subscriptionId(), delivery.id()), tables.dueShards()))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    /** In its shard; else where an unsharded item written before sharding is. */
    @Override
    public Optional<WebhookDelivery> find(String subscriptionId, String deliveryId) {
        return read(keyOf(subscriptionId, deliveryId))
                .or(() -> read(Keys.unshardedWebhookDelivery(subscriptionId, deliveryId)))
                .map(DynamoWebhookDeliveries::fromItem);
    }

    private Optional<Map<String, AttributeValue>> read(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = tables.client().getItem(get -> get.tableName(tables.tableName())
                .key(key)
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private Map<String, AttributeValue> keyOf(String subscriptionId, String deliveryId) {
        return Keys.webhookDelivery(subscriptionId, logShards.of(deliveryId), deliveryId);
    }

    /**
     * Where the delivery is: its shard, or — when the shard has no such item — an unsharded one
     * written before sharding, updated in place (so it is never copied into two places).
     */
    @Override
    public boolean replace(WebhookDelivery expected, WebhookDelivery updated) {
        Map<String, AttributeValue> sharded = keyOf(updated.subscriptionId(), updated.id());
        if (replaceAt(sharded, expected, updated)) {
            return true;
        }
        if (read(sharded).isPresent()) {
            return false;
        }
        return replaceAt(Keys.unshardedWebhookDelivery(updated.subscriptionId(), updated.id()), expected, updated);
    }

    private boolean replaceAt(Map<String, AttributeValue> key, WebhookDelivery expected, WebhookDelivery updated) {
        try {
            tables.client().putItem(put -> put.tableName(tables.tableName())
                    .item(toItem(updated, key, tables.dueShards()))
                    .conditionExpression("#status = :status AND attempts = :attempts")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":status", s(expected.status().name()), ":attempts", n(expected.attempts()))));
            return true;
        } catch (ConditionalCheckFailedException movedOnOrElsewhere) {
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

    /**
     * Every shard of the log and the unsharded key at once, each its newest {@code limit} (of the
     * status asked for), merged newest first by delivery id — which begins with the event's time
     * in fixed-width milliseconds, the order the unsharded log had — and cut at {@code limit}.
     */
    @Override
    public List<WebhookDelivery> ofSubscription(String subscriptionId, Optional<DeliveryStatus> status, int limit) {
        List<String> partitions = new ArrayList<>();
        for (int shard = 0; shard < logShards.count(); shard++) {
            partitions.add(Keys.webhookDeliveryPartition(subscriptionId, shard));
        }
        partitions.add(Keys.unshardedWebhookDeliveryPartition(subscriptionId));
        Map<String, WebhookDelivery> byId = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, partitions.size()), runnable -> {
            Thread thread = new Thread(runnable, "delivery-log-query");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<List<WebhookDelivery>>> queries = new ArrayList<>();
            for (String partition : partitions) {
                queries.add(pool.submit(() -> newest(partition, status, limit)));
            }
            // The shards first: an item in both places (a pre-sharding event dispatched again) is shown once.
            for (Future<List<WebhookDelivery>> query : queries) {
                for (WebhookDelivery delivery : query.get()) {
                    byId.putIfAbsent(delivery.id(), delivery);
                }
            }
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the delivery log", interrupted);
        } finally {
            pool.shutdownNow();
        }
        List<WebhookDelivery> newestFirst = new ArrayList<>(byId.values());
        newestFirst.sort(Comparator.comparing(WebhookDelivery::id).reversed());
        return newestFirst.size() > limit ? List.copyOf(newestFirst.subList(0, limit)) : newestFirst;
    }

    private List<WebhookDelivery> newest(String partition, Optional<DeliveryStatus> status, int limit) {
        List<WebhookDelivery> found = new ArrayList<>();
        Map<String, AttributeValue> from = null;
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(partition), ":prefix", s("DELIVERY#")));
        status.ifPresent(wanted -> values.put(":status", s(wanted.name())));
        do {
            Map<String, AttributeValue> start = from;
            QueryResponse page = tables.client().query(query -> {
                query.tableName(tables.tableName())
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(values)
                        .scanIndexForward(false)
                        .limit(limit)
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

    static Map<String, AttributeValue> toItem(WebhookDelivery delivery, Map<String, AttributeValue> key, DueShards shards) {
        Map<String, AttributeValue> item = new HashMap<>(key);
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
