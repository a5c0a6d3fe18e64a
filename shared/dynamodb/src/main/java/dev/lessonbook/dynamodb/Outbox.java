package dev.lessonbook.dynamodb;

import dev.lessonbook.event.DomainEvent;
import java.time.Instant;
import java.util.ArrayList;
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
     * a Query of each shard of the sparse {@code due} index ({@code OUTBOX#<n>}, and the unsharded
     * {@code OUTBOX} of items written before sharding), all at once, never a scan; then the items
     * themselves (the index holds keys only).
     */
    public List<DomainEvent> undeliveredBefore(Instant cutoff, int limit) {
        List<DomainEvent> events = new ArrayList<>();
        List<Map<String, AttributeValue>> keys = new DueIndex(tables).earliest(
                tables.dueShards().partitions(OutboxItems.DUE_PARTITION), cutoff.toString(), limit);
        for (Map<String, AttributeValue> key : keys) {
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
