package dev.lessonbook.dynamodb.payment;

import static dev.lessonbook.dynamodb.AttributeValues.instant;
import static dev.lessonbook.dynamodb.AttributeValues.n;
import static dev.lessonbook.dynamodb.AttributeValues.s;

import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.payment.ProviderEventLog;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The provider's events as received, one item per event id ({@code PROVIDER_EVENT#<id>}): written
 * on condition that none exists (so concurrent deliveries of one event record it once), then
 * rewritten with {@code processedAt} once its change is written. The item holds the id, the type
 * and the times, never the payload (which may exceed an item's 400 KB, and which the provider
 * sends again with each delivery).
 */
public final class DynamoProviderEventLog implements ProviderEventLog {
    /** Longer than the provider retries a delivery (Stripe: up to 3 days) with room for a redelivery by hand. */
    public static final Duration REMEMBERED_FOR = Duration.ofDays(30);

    private final Tables tables;

    public DynamoProviderEventLog(Tables tables) {
        this.tables = tables;
    }

    @Override
    public Receipt record(String eventId, String type, Instant now) {
        try {
            tables.client().putItem(put -> put
                    .tableName(tables.tableName())
                    .item(item(eventId, type, now, null))
                    .conditionExpression("attribute_not_exists(pk)"));
            return Receipt.NEW;
        } catch (ConditionalCheckFailedException seenBefore) {
            Map<String, AttributeValue> stored = tables.client().getItem(get -> get
                    .tableName(tables.tableName())
                    .key(Keys.providerEvent(eventId))
                    .consistentRead(true)).item();
            return stored != null && stored.containsKey("processedAt") ? Receipt.PROCESSED : Receipt.UNFINISHED;
        }
    }

    @Override
    public void markProcessed(String eventId, Instant now) {
        Map<String, AttributeValue> stored = tables.client().getItem(get -> get
                .tableName(tables.tableName())
                .key(Keys.providerEvent(eventId))
                .consistentRead(true)).item();
        String type = stored != null && stored.containsKey("type") ? stored.get("type").s() : "unknown";
        Instant received = stored != null && stored.containsKey("receivedAt")
                ? Instant.parse(stored.get("receivedAt").s()) : now;
        tables.client().putItem(put -> put
                .tableName(tables.tableName())
                .item(item(eventId, type, received, now)));
    }

    private static Map<String, AttributeValue> item(String eventId, String type, Instant receivedAt, Instant processedAt) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.providerEvent(eventId));
        item.put("eventId", s(eventId));
        item.put("type", s(type));
        item.put("receivedAt", instant(receivedAt));
        if (processedAt != null) {
            item.put("processedAt", instant(processedAt));
        }
        item.put(Keys.EXPIRES_AT, n(receivedAt.plus(REMEMBERED_FOR).getEpochSecond()));
        return item;
    }
}
