package dev.lessonbook.event;

import java.time.Instant;
import java.util.Map;

/**
 * A state change, recorded in the same transaction as the change (outbox) and then fanned out.
 * The payload is self-contained (strings, numbers, booleans, nested maps and lists) so consumers
 * never read back the item that changed.
 */
public record DomainEvent(
        String eventId, EventType type, Instant occurredAt, String instructorId, Map<String, Object> payload) {

    public DomainEvent {
        payload = Map.copyOf(payload);
    }
}
