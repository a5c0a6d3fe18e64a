package dev.lessonbook.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.eventjson.EventJson;
import dev.lessonbook.json.JsonMappers;
import java.util.List;

/**
 * What a receiver is sent: {@code {"id","type","occurredAt","data":{…}}}. The data is the event
 * record itself as event JSON writes it, less the envelope members, so every record of the sealed
 * {@link DomainEvent} — including ones added later — is delivered with no code here. Less, too,
 * the email addresses a booking keeps for Lessonbook's own emails: receivers know people by id
 * (docs/decisions.md "Real recipients").
 */
public final class WebhookBody {
    private static final List<String> ENVELOPE = List.of("eventVersion", "type", "eventId", "occurredAt");
    /** A booking snapshot's member (BookingSnapshot#addresses), in the booking and, for a move, the booking before. */
    private static final String ADDRESSES = "addresses";

    private final EventJson events;
    private final ObjectMapper mapper;

    public WebhookBody(EventJson events, ObjectMapper mapper) {
        this.events = events;
        this.mapper = mapper;
    }

    public static WebhookBody standard() {
        return new WebhookBody(EventJson.standard(), JsonMappers.standard());
    }

    public String of(DomainEvent event) {
        try {
            ObjectNode data = (ObjectNode) mapper.readTree(events.write(event));
            data.remove(ENVELOPE);
            data.properties().forEach(member -> {
                if (member.getValue() instanceof ObjectNode snapshot) {
                    snapshot.remove(ADDRESSES);
                }
            });
            ObjectNode body = mapper.createObjectNode()
                    .put("id", event.eventId())
                    .put("type", event.type())
                    .put("occurredAt", event.occurredAt().toString());
            body.set("data", data);
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event JSON wrote what it cannot read back: " + event.type(), e);
        }
    }
}
