package dev.lessonbook.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.event.EventType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventJsonTest {
    /** A message body as the databind-based writer put it on the queues (the outbox may still hold such events). */
    private static final String WRITTEN_BEFORE = "{\"eventId\":\"e-1\",\"type\":\"BookingCancelled\","
            + "\"occurredAt\":\"2026-12-09T14:30:00Z\",\"instructorId\":\"inst_42\",\"payload\":{\"studentId\":\"stud_7\","
            + "\"payment\":{\"amountCaptured\":0,\"amountRefunded\":0,\"status\":\"AUTHORIZED\",\"amountAuthorized\":6000},"
            + "\"durationMinutes\":60,\"timezone\":\"Europe/Berlin\",\"cancellation\":{\"by\":\"student\","
            + "\"at\":\"2026-12-09T13:30:00Z\",\"reason\":\"Sick \\\"\u2028 é\",\"chargePercent\":50,\"amountCharged\":3000}}}";

    @Test
    void anEventWrittenByThePreviousWriterReadsTheSame() {
        DomainEvent event = EventJson.read(WRITTEN_BEFORE);

        assertThat(event.eventId()).isEqualTo("e-1");
        assertThat(event.type()).isEqualTo(EventType.BookingCancelled);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-12-09T14:30:00Z"));
        assertThat(event.instructorId()).isEqualTo("inst_42");
        assertThat(event.payload()).containsEntry("studentId", "stud_7").containsEntry("durationMinutes", 60L)
                .containsEntry("payment", Map.of("amountCaptured", 0L, "amountRefunded", 0L, "status", "AUTHORIZED",
                        "amountAuthorized", 6000L))
                .containsEntry("cancellation", Map.of("by", "student", "at", "2026-12-09T13:30:00Z",
                        "reason", "Sick \"\u2028 é", "chargePercent", 50L, "amountCharged", 3000L));
    }

    @Test
    void whatIsWrittenReadsBackEqual() {
        Map<String, Object> cancellation = new LinkedHashMap<>();
        cancellation.put("reason", null);
        cancellation.put("amountCharged", 3000L);
        DomainEvent event = new DomainEvent("e-2", EventType.AvailabilityWeekSaved, Instant.parse("2026-12-01T10:00:00.120Z"),
                "inst_42", Map.of("weekStart", "2026-12-07", "version", 7L, "rate", new BigDecimal("0.50"), "open", true,
                        "days", Map.of("2026-12-07", List.of(Map.of("start", "09:00", "end", "10:00"))),
                        "cancellation", cancellation, "notes", Arrays.asList("a", null)));

        assertThat(EventJson.read(EventJson.write(event))).isEqualTo(event);
    }

    @Test
    void theEnvelopeComesFirstInItsOrder() {
        DomainEvent event = new DomainEvent("e-3", EventType.BookingCompleted, Instant.EPOCH, "i", Map.of());

        assertThat(EventJson.write(event)).isEqualTo("{\"eventId\":\"e-3\",\"type\":\"BookingCompleted\","
                + "\"occurredAt\":\"1970-01-01T00:00:00Z\",\"instructorId\":\"i\",\"payload\":{}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "\"p\"", "null"})
    void aPayloadThatIsNotAnObjectReadsAsEmpty(String payload) {
        DomainEvent event = EventJson.read("{\"eventId\":\"e\",\"type\":\"BookingCompleted\","
                + "\"occurredAt\":\"2026-12-01T10:00:00Z\",\"instructorId\":\"i\",\"payload\":" + payload + "}");

        assertThat(event.payload()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "null", "[]", "\"x\""})
    void aBodyThatIsNoJsonObjectIsPoison(String body) {
        assertThatThrownBy(() -> EventJson.read(body)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Message body is not a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"not\":\"an event\"}",
        "{\"eventId\":1,\"type\":\"BookingCompleted\",\"occurredAt\":\"2026-12-01T10:00:00Z\",\"instructorId\":\"i\"}",
        "{\"eventId\":\" \",\"type\":\"BookingCompleted\",\"occurredAt\":\"2026-12-01T10:00:00Z\",\"instructorId\":\"i\"}",
        "{\"eventId\":\"e\",\"type\":\"Nope\",\"occurredAt\":\"2026-12-01T10:00:00Z\",\"instructorId\":\"i\"}",
        "{\"eventId\":\"e\",\"type\":\"BookingCompleted\",\"occurredAt\":\"yesterday\",\"instructorId\":\"i\"}",
        "{\"eventId\":\"e\",\"type\":\"BookingCompleted\",\"occurredAt\":\"2026-12-01T10:00:00Z\"}",
        "{\"eventId\":\"e\",\"type\":\"BookingCompleted\",\"occurredAt\":\"2026-12-01T10:00:00Z\",\"instructorId\":\"i\",\"payload\":{\"a\":null}}",
        "{\"eventId\":\"e\",",
        "{\"eventId\":\"e\",\"eventId\":\"f\",\"type\":\"BookingCompleted\",\"occurredAt\":\"2026-12-01T10:00:00Z\",\"instructorId\":\"i\"}",
    })
    void aBodyThatIsNoEventIsPoison(String body) {
        assertThatThrownBy(() -> EventJson.read(body)).isInstanceOf(IllegalArgumentException.class);
    }
}
