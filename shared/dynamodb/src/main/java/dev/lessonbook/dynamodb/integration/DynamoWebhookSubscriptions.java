package dev.lessonbook.dynamodb.integration;

import static dev.lessonbook.dynamodb.AttributeValues.instant;
import static dev.lessonbook.dynamodb.AttributeValues.instantOrNull;
import static dev.lessonbook.dynamodb.AttributeValues.putIfPresent;
import static dev.lessonbook.dynamodb.AttributeValues.s;
import static dev.lessonbook.dynamodb.AttributeValues.string;

import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.Transactions;
import dev.lessonbook.dynamodb.integration.DynamoWebhookDeliveries.LogShards;
import dev.lessonbook.integration.SubscriptionStatus;
import dev.lessonbook.integration.WebhookSubscription;
import dev.lessonbook.integration.WebhookSubscriptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Subscriptions as items {@code WEBHOOKS / SUBSCRIPTION#<id>} (docs/data-model.md), mapped by hand,
 * and a copy of each in every shard of its delivery log, {@code WEBHOOK#<id>#<n> / SUBSCRIPTION}.
 * The signing secrets are attributes of the item: a signature needs them in the clear, and the
 * table is encrypted at rest; no read route ever shows them.
 *
 * <p>Why the copies: webhook-delivery reads the subscription before every attempt (a deleted one
 * must get no attempt, spec §11), about one read per event of the marketplace per subscriber.
 * From the one {@code WEBHOOKS} partition that is its read limit at some 700 bookings per second
 * (docs/capacity.md); {@link #findToSend} reads the copy in the shard of the delivery instead,
 * spreading those reads like the deliveries' writes. Every change writes the item and all its
 * copies in one transaction (a delete removes them all at once), so a consistent read of any copy
 * answers as the item would. A subscription made before the copies existed has none until its
 * next change: {@link #findToSend} reads the item itself when the copy is missing — which also
 * answers "deleted" correctly, since the item goes with its copies (docs/decisions.md,
 * "Subscription reads").
 */
public final class DynamoWebhookSubscriptions implements WebhookSubscriptions {
    private final Tables tables;
    private final LogShards logShards;

    /** Copies in the shards of the {@code WEBHOOK_LOG_SHARDS} setting. */
    public DynamoWebhookSubscriptions(Tables tables) {
        this(tables, LogShards.fromEnvironment());
    }

    public DynamoWebhookSubscriptions(Tables tables, LogShards logShards) {
        this.tables = tables;
        this.logShards = logShards;
    }

    @Override
    public void create(WebhookSubscription subscription) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(put -> put.tableName(tables.tableName())
                .item(toItem(subscription))
                .conditionExpression("attribute_not_exists(pk)")).build());
        writes.addAll(copiesOf(subscription));
        try {
            Transactions.write(tables.client(), write -> write.transactItems(writes));
        } catch (TransactionCanceledException cancelled) {
            if (Transactions.reasonCodes(cancelled).contains("ConditionalCheckFailed")) {
                throw new IllegalStateException("subscription id taken: " + subscription.id(), cancelled);
            }
            throw cancelled;
        }
    }

    @Override
    public Optional<WebhookSubscription> find(String id) {
        return read(Keys.webhookSubscription(id));
    }

    /** The copy in the delivery's shard, consistently read; the item itself when there is none (see above). */
    @Override
    public Optional<WebhookSubscription> findToSend(String id, String deliveryId) {
        return read(Keys.webhookSubscriptionCopy(id, logShards.of(deliveryId))).or(() -> find(id));
    }

    private Optional<WebhookSubscription> read(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = tables.client().getItem(get -> get.tableName(tables.tableName())
                .key(key)
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public List<WebhookSubscription> all() {
        List<WebhookSubscription> subscriptions = new ArrayList<>();
        Map<String, AttributeValue> from = null;
        do {
            Map<String, AttributeValue> start = from;
            QueryResponse page = tables.client().query(query -> query.tableName(tables.tableName())
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(
                            ":pk", s(Keys.WEBHOOK_SUBSCRIPTIONS), ":prefix", s("SUBSCRIPTION#")))
                    .consistentRead(true)
                    .exclusiveStartKey(start));
            page.items().forEach(item -> subscriptions.add(fromItem(item)));
            from = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (from != null);
        subscriptions.sort(Comparator.comparing(WebhookSubscription::createdAt).thenComparing(WebhookSubscription::id));
        return subscriptions;
    }

    /** The item and every copy, in one transaction; false when there was no item. */
    @Override
    public boolean delete(String id) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().delete(delete -> delete.tableName(tables.tableName())
                .key(Keys.webhookSubscription(id))
                .conditionExpression("attribute_exists(pk)")).build());
        for (int shard = 0; shard < logShards.count(); shard++) {
            Map<String, AttributeValue> copy = Keys.webhookSubscriptionCopy(id, shard);
            writes.add(TransactWriteItem.builder().delete(delete -> delete.tableName(tables.tableName()).key(copy)).build());
        }
        try {
            Transactions.write(tables.client(), write -> write.transactItems(writes));
            return true;
        } catch (TransactionCanceledException cancelled) {
            if (Transactions.reasonCodes(cancelled).contains("ConditionalCheckFailed")) {
                return false;
            }
            throw cancelled;
        }
    }

    @Override
    public boolean replaceIfSecretIs(WebhookSubscription updated, String expectedSecret) {
        return replaceIf(updated, "secret = :expected", Map.of(":expected", s(expectedSecret)));
    }

    /**
     * Read, then replaced with the status on condition that the secret and status read are still
     * stored (a concurrent rotation or mark makes it read again); nothing written when the status is
     * already {@code status}, or the subscription is gone.
     */
    @Override
    public void markStatus(String id, SubscriptionStatus status) {
        for (Optional<WebhookSubscription> stored = find(id); stored.isPresent(); stored = find(id)) {
            WebhookSubscription read = stored.get();
            if (read.status() == status) {
                return;
            }
            WebhookSubscription marked = new WebhookSubscription(read.id(), read.url(), read.events(), read.description(),
                    status, read.createdAt(), read.secret(), read.previousSecret(), read.previousSecretUntil());
            if (replaceIf(marked, "secret = :secret AND #status = :status", Map.of(
                    ":secret", s(read.secret()), ":status", s(read.status().name())))) {
                return;
            }
        }
    }

    /** The item (on {@code condition}) and all its copies in one transaction; false when the condition failed. */
    private boolean replaceIf(WebhookSubscription updated, String condition, Map<String, AttributeValue> values) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(put -> {
            put.tableName(tables.tableName())
                    .item(toItem(updated))
                    .conditionExpression(condition)
                    .expressionAttributeValues(values);
            if (condition.contains("#status")) {
                put.expressionAttributeNames(Map.of("#status", "status"));
            }
        }).build());
        writes.addAll(copiesOf(updated));
        try {
            Transactions.write(tables.client(), write -> write.transactItems(writes));
            return true;
        } catch (TransactionCanceledException cancelled) {
            if (Transactions.reasonCodes(cancelled).contains("ConditionalCheckFailed")) {
                return false;
            }
            throw cancelled;
        }
    }

    private List<TransactWriteItem> copiesOf(WebhookSubscription subscription) {
        List<TransactWriteItem> copies = new ArrayList<>();
        Map<String, AttributeValue> item = toItem(subscription);
        for (int shard = 0; shard < logShards.count(); shard++) {
            Map<String, AttributeValue> copy = new HashMap<>(item);
            copy.putAll(Keys.webhookSubscriptionCopy(subscription.id(), shard));
            copies.add(TransactWriteItem.builder().put(put -> put.tableName(tables.tableName()).item(copy)).build());
        }
        return copies;
    }

    static Map<String, AttributeValue> toItem(WebhookSubscription subscription) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.webhookSubscription(subscription.id()));
        item.put("id", s(subscription.id()));
        item.put("url", s(subscription.url()));
        item.put("events", AttributeValue.fromL(subscription.events().stream().map(AttributeValue::fromS).toList()));
        putIfPresent(item, "description", subscription.description());
        item.put("status", s(subscription.status().name()));
        item.put("createdAt", instant(subscription.createdAt()));
        item.put("secret", s(subscription.secret()));
        putIfPresent(item, "previousSecret", subscription.previousSecret());
        if (subscription.previousSecretUntil() != null) {
            item.put("previousSecretUntil", instant(subscription.previousSecretUntil()));
        }
        return item;
    }

    static WebhookSubscription fromItem(Map<String, AttributeValue> item) {
        return new WebhookSubscription(
                string(item, "id"),
                string(item, "url"),
                item.get("events").l().stream().map(AttributeValue::s).toList(),
                string(item, "description"),
                SubscriptionStatus.valueOf(string(item, "status")),
                instantOrNull(item, "createdAt"),
                string(item, "secret"),
                string(item, "previousSecret"),
                instantOrNull(item, "previousSecretUntil"));
    }
}
