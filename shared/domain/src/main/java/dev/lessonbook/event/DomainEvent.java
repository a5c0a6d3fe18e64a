package dev.lessonbook.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

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

    /** A new event with a fresh random id; call it when the change happens, never at class init. */
    public static DomainEvent of(EventType type, Instant occurredAt, String instructorId, Map<String, Object> payload) {
        return new DomainEvent(UUID.randomUUID().toString(), type, occurredAt, instructorId, payload);
    }
}
