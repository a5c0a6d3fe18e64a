package dev.lessonbook.dynamodb;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Which events each queue consumer has handled, so a redelivered message (SQS delivers at least
 * once; the relay may publish an event twice) is skipped. An event is marked only after it was
 * handled, so one that failed is handled again on its next receive.
 */
public final class ProcessedEvents {
    /** Longer than a message can live: 4 days in a queue plus 14 in its dead-letter queue, redriven. */
    public static final Duration REMEMBERED_FOR = Duration.ofDays(20);

    private final Tables tables;

    public ProcessedEvents(Tables tables) {
        this.tables = tables;
    }

    public boolean isDone(String consumer, String eventId) {
        Map<String, AttributeValue> item = tables.client().getItem(get -> get
                .tableName(tables.tableName())
                .key(Keys.processed(consumer, eventId))
                .consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }

    /** Marks the event handled; a concurrent twin that marked it first is fine. */
    public void markDone(String consumer, String eventId, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.processed(consumer, eventId));
        item.put(Keys.EXPIRES_AT, AttributeValues.n(now.plus(REMEMBERED_FOR).getEpochSecond()));
        try {
            tables.client().putItem(put -> put
                    .tableName(tables.tableName())
                    .item(item)
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException alreadyMarked) {
            // Both deliveries were handled; consumers are idempotent, so nothing is lost or doubled.
        }
    }
}
