package dev.lessonbook.messaging;

import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.event.EventType;
import dev.lessonbook.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event as a queue message body: {@code {eventId, type, occurredAt, instructorId, payload}}.
 * The payload is plain data (strings, numbers, booleans, maps, lists), written as it is; read back,
 * its whole numbers are {@code Long}s and its other numbers {@code BigDecimal}s.
 */
public final class EventJson {
    private static final Json READER = Json.reader();

    private EventJson() {}

    public static String write(DomainEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("eventId", event.eventId());
        json.put("type", event.type().name());
        json.put("occurredAt", event.occurredAt().toString());
        json.put("instructorId", event.instructorId());
        json.put("payload", event.payload());
        return Json.write(json);
    }

    /** @throws IllegalArgumentException when the body is not an event (a poison message) */
    public static DomainEvent read(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("Message body is not a JSON object");
        }
        try {
            Map<String, Object> json = Json.asObject(READER.read(body))
                    .orElseThrow(() -> new IllegalArgumentException("Message body is not a JSON object"));
            return new DomainEvent(
                    required(json, "eventId"),
                    EventType.valueOf(required(json, "type")),
                    Instant.parse(required(json, "occurredAt")),
                    required(json, "instructorId"),
                    Json.asObject(json.get("payload")).orElse(Map.of()));
        } catch (IOException | RuntimeException e) {
            throw e instanceof IllegalArgumentException illegal ? illegal
                    : new IllegalArgumentException("Message body is not an event: " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, Object> json, String name) {
        if (!(json.get(name) instanceof String value) || value.isBlank()) {
            throw new IllegalArgumentException("Event without " + name);
        }
        return value;
    }
}
