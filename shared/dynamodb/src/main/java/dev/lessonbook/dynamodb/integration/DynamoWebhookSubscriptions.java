package dev.lessonbook.dynamodb.integration;

import static dev.lessonbook.dynamodb.AttributeValues.instant;
import static dev.lessonbook.dynamodb.AttributeValues.instantOrNull;
import static dev.lessonbook.dynamodb.AttributeValues.putIfPresent;
import static dev.lessonbook.dynamodb.AttributeValues.s;
import static dev.lessonbook.dynamodb.AttributeValues.string;

import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
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
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Subscriptions as items {@code WEBHOOKS / SUBSCRIPTION#<id>} (docs/data-model.md), mapped by hand.
 * The signing secrets are attributes of the item: a signature needs them in the clear, and the
 * table is encrypted at rest; no read route ever shows them.
 */
public final class DynamoWebhookSubscriptions implements WebhookSubscriptions {
    private final Tables tables;

    public DynamoWebhookSubscriptions(Tables tables) {
        this.tables = tables;
    }

    @Override
    public void create(WebhookSubscription subscription) {
        tables.client().putItem(put -> put.tableName(tables.tableName())
                .item(toItem(subscription))
                .conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Optional<WebhookSubscription> find(String id) {
        Map<String, AttributeValue> item = tables.client().getItem(get -> get.tableName(tables.tableName())
                .key(Keys.webhookSubscription(id))
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

    @Override
    public boolean delete(String id) {
        Map<String, AttributeValue> old = tables.client().deleteItem(delete -> delete.tableName(tables.tableName())
                .key(Keys.webhookSubscription(id))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        return old != null && !old.isEmpty();
    }

    @Override
    public boolean replaceIfSecretIs(WebhookSubscription updated, String expectedSecret) {
        try {
            tables.client().putItem(put -> put.tableName(tables.tableName())
                    .item(toItem(updated))
                    .conditionExpression("secret = :expected")
                    .expressionAttributeValues(Map.of(":expected", s(expectedSecret))));
            return true;
        } catch (ConditionalCheckFailedException changedOrGone) {
            return false;
        }
    }

    @Override
    public void markStatus(String id, SubscriptionStatus status) {
        try {
            tables.client().updateItem(update -> update.tableName(tables.tableName())
                    .key(Keys.webhookSubscription(id))
                    .updateExpression("SET #status = :status")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":status", s(status.name()))));
        } catch (ConditionalCheckFailedException deleted) {
            // Deleted meanwhile: nothing to mark.
        }
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
