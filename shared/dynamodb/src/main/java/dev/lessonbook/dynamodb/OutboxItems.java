package dev.lessonbook.dynamodb;

import dev.lessonbook.event.DomainEvent;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The outbox: each event is an item written in the same transaction as the change it describes,
 * so it exists exactly when the change does. It is indexed under {@code duepk = OUTBOX} by time so
 * the relay finds undelivered events without a scan.
 */
public final class OutboxItems {
    public static final String DUE_PARTITION = "OUTBOX";

    private OutboxItems() {}

    /** What a transaction writes for one event: its outbox item (and, later, view invalidations). */
    public static java.util.List<TransactWriteItem> writesFor(String tableName, DomainEvent event) {
        return java.util.List.of(put(tableName, event));
    }

    public static TransactWriteItem put(String tableName, DomainEvent event) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.outbox(event.eventId()));
        item.put("eventId", AttributeValues.s(event.eventId()));
        item.put("type", AttributeValues.s(event.type().name()));
        item.put("occurredAt", AttributeValues.instant(event.occurredAt()));
        item.put("instructorId", AttributeValues.s(event.instructorId()));
        item.put("payload", AttributeValues.fromPlain(event.payload()));
        item.put("duepk", AttributeValues.s(DUE_PARTITION));
        item.put("duesk", AttributeValues.s(event.occurredAt() + "#" + event.eventId()));
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(tableName).item(item)
                        .conditionExpression("attribute_not_exists(pk)").build())
                .build();
    }
}
