package dev.lessonbook.dynamodb;

import dev.lessonbook.event.DomainEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The outbox items after their transaction: deleted once delivered, found by age while not. */
public final class Outbox {
    private final Tables tables;

    public Outbox(Tables tables) {
        this.tables = tables;
    }

    /** The event was delivered to every queue; deleting an item that is gone already is fine. */
    public void delivered(String eventId) {
        tables.client().deleteItem(delete -> delete.tableName(tables.tableName()).key(Keys.outbox(eventId)));
    }

    /**
     * Undelivered events that occurred before {@code cutoff}, oldest first, at most {@code limit}:
     * one Query of the sparse {@code due} index (partition OUTBOX, sorted by time), never a scan,
     * then the items themselves (the index holds keys only).
     */
    public List<DomainEvent> undeliveredBefore(Instant cutoff, int limit) {
        List<DomainEvent> events = new ArrayList<>();
        Iterator<Map<String, AttributeValue>> keys = tables.client().queryPaginator(query -> query
                .tableName(tables.tableName())
                .indexName(Keys.DUE_INDEX)
                .keyConditionExpression("duepk = :outbox AND duesk < :cutoff")
                .expressionAttributeValues(Map.of(
                        ":outbox", AttributeValues.s(OutboxItems.DUE_PARTITION),
                        ":cutoff", AttributeValues.s(cutoff.toString())))
                .limit(limit)).items().iterator();
        while (keys.hasNext() && events.size() < limit) {
            Map<String, AttributeValue> key = keys.next();
            Map<String, AttributeValue> item = tables.client().getItem(get -> get
                    .tableName(tables.tableName())
                    .key(Map.of(Keys.PK, key.get(Keys.PK), Keys.SK, key.get(Keys.SK)))
                    .consistentRead(true)).item();
            // The index lags the table: an item delivered meanwhile is simply gone.
            if (item != null && !item.isEmpty()) {
                events.add(OutboxItems.toEvent(item));
            }
        }
        return events;
    }
}
