package dev.lessonbook.dynamodb.notification;

import dev.lessonbook.dynamodb.AttributeValues;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.ProcessedEvents;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.notification.NotificationLedger;
import dev.lessonbook.notification.Recipient;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One item per (event, recipient) email, put on condition that it does not exist: DynamoDB lets
 * exactly one of any number of concurrent claims succeed.
 */
public final class DynamoNotificationLedger implements NotificationLedger {
    private final Tables tables;
    private final Clock clock;

    public DynamoNotificationLedger(Tables tables, Clock clock) {
        this.tables = tables;
        this.clock = clock;
    }

    @Override
    public boolean claim(String eventId, Recipient recipient) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.notified(eventId, name(recipient)));
        item.put(Keys.EXPIRES_AT, AttributeValues.n(clock.instant().plus(ProcessedEvents.REMEMBERED_FOR).getEpochSecond()));
        try {
            tables.client().putItem(put -> put
                    .tableName(tables.tableName())
                    .item(item)
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException claimedBefore) {
            return false;
        }
    }

    @Override
    public void release(String eventId, Recipient recipient) {
        tables.client().deleteItem(delete -> delete.tableName(tables.tableName()).key(Keys.notified(eventId, name(recipient))));
    }

    private static String name(Recipient recipient) {
        return recipient.party().name() + "#" + recipient.userId();
    }
}
