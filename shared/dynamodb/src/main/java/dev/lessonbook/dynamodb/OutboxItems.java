package dev.lessonbook.dynamodb;

import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.eventjson.EventJson;
import dev.lessonbook.view.InvalidatedViews;
import dev.lessonbook.view.ViewKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The outbox: each event is an item written in the same transaction as the change it describes,
 * so it exists exactly when the change does. It is indexed under {@code duepk = OUTBOX#<n>}, the
 * event id's shard ({@link DueShards}), by time, so the relay finds undelivered events without a
 * scan and no index partition takes every event of the marketplace.
 */
public final class OutboxItems {
    /** The due index's base partition of outbox items; items are written to its shards. */
    public static final String DUE_PARTITION = "OUTBOX";
    static final String EVENT_VERSION = "eventVersion";
    static final String MESSAGE = "message";
    private static final EventJson JSON = EventJson.standard();

    private OutboxItems() {}

    /**
     * What a transaction writes for one event: its outbox item, and a delete of every cached view
     * the event makes stale — in the same transaction, so the next read after the commit misses
     * and reads the new data (docs/spec.md §8).
     */
    public static List<TransactWriteItem> writesFor(String tableName, DueShards shards, DomainEvent event) {
        return writesFor(tableName, shards, List.of(event));
    }

    /**
     * The writes of several events of one transaction. A transaction may not touch one item
     * twice, so a view two events invalidate is deleted once.
     */
    public static List<TransactWriteItem> writesFor(String tableName, DueShards shards, List<DomainEvent> events) {
        return writesFor(tableName, shards, events, Set.of());
    }

    /**
     * The writes of several events of one transaction, plus deletes of {@code alsoStale}: views
     * the transaction changes without an event saying so. A transaction may not touch one item
     * twice, so a view invalidated twice is deleted once.
     */
    public static List<TransactWriteItem> writesFor(String tableName, DueShards shards, List<DomainEvent> events,
            Set<ViewKey<?>> alsoStale) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Set<ViewKey<?>> views = new LinkedHashSet<>();
        for (DomainEvent event : events) {
            writes.add(put(tableName, shards, event));
            views.addAll(InvalidatedViews.by(event));
        }
        views.addAll(alsoStale);
        for (ViewKey<?> view : views) {
            writes.add(TransactWriteItem.builder()
                    .delete(Delete.builder().tableName(tableName).key(Keys.view(view)).build())
                    .build());
        }
        return writes;
    }

    /**
     * The event an outbox item holds. An item written by {@link #put} holds its message as the
     * queues carry it ({@code eventVersion} 2); one written before holds no {@code eventVersion}
     * and its payload as a DynamoDB map (version 1), and is read as such.
     */
    public static DomainEvent toEvent(Map<String, AttributeValue> item) {
        if (item.containsKey(EVENT_VERSION)) {
            return JSON.read(AttributeValues.string(item, MESSAGE));
        }
        Map<String, Object> version1 = new LinkedHashMap<>();
        version1.put("eventId", AttributeValues.string(item, "eventId"));
        version1.put("type", AttributeValues.string(item, "type"));
        version1.put("occurredAt", AttributeValues.string(item, "occurredAt"));
        version1.put("instructorId", AttributeValues.string(item, "instructorId"));
        version1.put("payload", item.containsKey("payload") ? AttributeValues.toPlain(item.get("payload")) : Map.of());
        return JSON.readVersion1(version1);
    }

    /**
     * The event's item: its message exactly as the queues will carry it, with the envelope as
     * attributes of their own for whoever reads the table.
     */
    public static TransactWriteItem put(String tableName, DueShards shards, DomainEvent event) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.outbox(event.eventId()));
        item.put("eventId", AttributeValues.s(event.eventId()));
        item.put("type", AttributeValues.s(event.type()));
        item.put("occurredAt", AttributeValues.instant(event.occurredAt()));
        item.put("instructorId", AttributeValues.s(event.instructorId()));
        item.put(EVENT_VERSION, AttributeValues.n(EventJson.VERSION));
        item.put(MESSAGE, AttributeValues.s(JSON.write(event)));
        item.put(DueIndex.PK, AttributeValues.s(shards.partition(DUE_PARTITION, event.eventId())));
        item.put(DueIndex.SK, AttributeValues.s(event.occurredAt() + "#" + event.eventId()));
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(tableName).item(item)
                        .conditionExpression("attribute_not_exists(pk)").build())
                .build();
    }
}
