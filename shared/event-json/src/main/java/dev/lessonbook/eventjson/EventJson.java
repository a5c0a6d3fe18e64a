package dev.lessonbook.eventjson;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.json.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A domain event as JSON: what an outbox item holds and what the queues carry. Written as
 * version 2 — {@code {"eventVersion":2,"type":"BookingConfirmed","eventId":…,"occurredAt":…,…}},
 * the event record's own members after its type — by a mapper built from {@link JsonMappers}
 * once, at class init. Read in either version, so that messages and outbox items written before a
 * deploy are handled after it:
 * <ul>
 *   <li>version 2: any record of {@link DomainEvent}, found by its type; a new event needs nothing
 *       here, its record's name is its type;
 *   <li>version 1 (no {@code eventVersion}): {@code {eventId, type, occurredAt, instructorId,
 *       payload}} with the payload as plain data, the five events it ever carried
 *       ({@link EventVersion1}).
 * </ul>
 * Anything else — not JSON, not an object, a version this code does not know, a member missing
 * or malformed — is {@link IllegalArgumentException}: a poison message, left to the dead-letter
 * queue.
 */
public final class EventJson {
    /** The version this code writes. */
    public static final int VERSION = 2;
    static final String VERSION_MEMBER = "eventVersion";

    private static final EventJson STANDARD = new EventJson(mapper());

    private final ObjectMapper mapper;

    private EventJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The one instance, its mapper built when this class is first used. */
    public static EventJson standard() {
        return STANDARD;
    }

    /** The type of each record is its simple name, written as the member {@code type} before the rest. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    private interface TypedByName {}

    private static ObjectMapper mapper() {
        List<NamedType> types = new ArrayList<>();
        collectRecords(DomainEvent.class, types);
        return JsonMappers.builder(StreamReadConstraints.defaults())
                .addMixIn(DomainEvent.class, TypedByName.class)
                .registerSubtypes(types.toArray(NamedType[]::new))
                .build();
    }

    /** Every record the sealed hierarchy permits, at any depth: adding an event adds its type. */
    private static void collectRecords(Class<?> type, List<NamedType> records) {
        for (Class<?> permitted : type.getPermittedSubclasses()) {
            if (permitted.isRecord()) {
                records.add(new NamedType(permitted, permitted.getSimpleName()));
            } else {
                collectRecords(permitted, records);
            }
        }
    }

    public String write(DomainEvent event) {
        ObjectNode json = mapper.createObjectNode().put(VERSION_MEMBER, VERSION);
        json.setAll((ObjectNode) mapper.valueToTree(event));
        try {
            return mapper.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event could not be written as JSON: " + event.type(), e);
        }
    }

    /**
     * The event of a queue message body or an outbox item's message, of either version.
     *
     * @throws IllegalArgumentException when the body is not an event (a poison message)
     */
    public DomainEvent read(String body) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonProcessingException malformed) {
            throw new IllegalArgumentException("Message body is not an event: " + malformed.getOriginalMessage(), malformed);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("Message body is not a JSON object");
        }
        return read(json);
    }

    /**
     * Canned events, one of each kind in {@code priming-events.json} (a week saved, a booking
     * confirmed, a booking cancelled; version 1, the oldest a reader meets): what a function primes
     * its event JSON with before a SnapStart snapshot. Never published anywhere.
     */
    public List<DomainEvent> primingSamples() {
        try (InputStream in = EventJson.class.getResourceAsStream("priming-events.json")) {
            List<DomainEvent> samples = new ArrayList<>();
            for (JsonNode event : mapper.readTree(in)) {
                samples.add(read(event));
            }
            return samples;
        } catch (IOException unreadable) {
            throw new UncheckedIOException("The priming events of event-json cannot be read", unreadable);
        }
    }

    /**
     * Writes each {@link #primingSamples sample} and reads it back: the serializers and
     * deserializers of the event records are built before the first real message needs them.
     */
    public void prime() {
        for (DomainEvent sample : primingSamples()) {
            read(write(sample));
        }
    }

    /**
     * The event of a version 1 outbox item: its envelope attributes and its payload as the plain
     * values DynamoDB held ({@code {eventId, type, occurredAt, instructorId, payload}}).
     */
    public DomainEvent readVersion1(Map<String, Object> message) {
        return EventVersion1.read(mapper.valueToTree(message));
    }

    private DomainEvent read(JsonNode json) {
        JsonNode version = json.get(VERSION_MEMBER);
        if (version == null) {
            return EventVersion1.read(json);
        }
        if (!version.isIntegralNumber() || version.intValue() != VERSION) {
            throw new IllegalArgumentException("Message body is an event of a version this code does not read: " + version);
        }
        try {
            DomainEvent event = mapper.treeToValue(json, DomainEvent.class);
            if (event == null || event.eventId() == null || event.eventId().isBlank() || event.occurredAt() == null) {
                throw new IllegalArgumentException("Message body is an event without its id or time");
            }
            return event;
        } catch (JsonProcessingException | RuntimeException e) {
            throw e instanceof IllegalArgumentException illegal ? illegal
                    : new IllegalArgumentException("Message body is not an event: " + e.getMessage(), e);
        }
    }
}
