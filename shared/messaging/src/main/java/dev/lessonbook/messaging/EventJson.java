package dev.lessonbook.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.event.EventType;
import java.time.Instant;
import java.util.Map;

/** An event as a queue message body: {@code {eventId, type, occurredAt, instructorId, payload}}. */
public final class EventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> PLAIN_MAP = new TypeReference<>() {};

    private EventJson() {}

    public static String write(DomainEvent event) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("eventId", event.eventId());
        json.put("type", event.type().name());
        json.put("occurredAt", event.occurredAt().toString());
        json.put("instructorId", event.instructorId());
        json.set("payload", MAPPER.valueToTree(event.payload()));
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A plain payload always serializes", e);
        }
    }

    /** @throws IllegalArgumentException when the body is not an event (a poison message) */
    public static DomainEvent read(String body) {
        try {
            JsonNode json = MAPPER.readTree(body == null ? "" : body);
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("Message body is not a JSON object");
            }
            return new DomainEvent(
                    required(json, "eventId"),
                    EventType.valueOf(required(json, "type")),
                    Instant.parse(required(json, "occurredAt")),
                    required(json, "instructorId"),
                    json.path("payload").isObject() ? MAPPER.convertValue(json.get("payload"), PLAIN_MAP) : Map.of());
        } catch (JsonProcessingException | RuntimeException e) {
            throw e instanceof IllegalArgumentException illegal ? illegal
                    : new IllegalArgumentException("Message body is not an event: " + e.getMessage(), e);
        }
    }

    private static String required(JsonNode json, String name) {
        JsonNode value = json.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("Event without " + name);
        }
        return value.asText();
    }
}
