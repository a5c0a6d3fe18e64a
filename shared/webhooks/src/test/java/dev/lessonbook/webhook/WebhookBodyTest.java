package dev.lessonbook.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lessonbook.access.Role;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingEvents;
import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.event.AvailabilityWeekSaved;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.fixtures.Bookings;
import dev.lessonbook.json.JsonMappers;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WebhookBodyTest {

    @Test
    void theBodyIsTheEnvelopeAndTheEventRecordAsData() throws Exception {
        AvailabilityWeekSaved event = new AvailabilityWeekSaved("e-1", Instant.parse("2026-12-04T10:15:30Z"), "inst_42",
                LocalDate.parse("2026-12-07"), ZoneId.of("Europe/Berlin"), "v1",
                new TreeMap<>(Map.of(LocalDate.parse("2026-12-08"), List.of(new TimeWindow(540, 630)))));

        JsonNode body = JsonMappers.standard().readTree(WebhookBody.standard().of(event));

        assertThat(body.get("id").asText()).isEqualTo("e-1");
        assertThat(body.get("type").asText()).isEqualTo("AvailabilityWeekSaved");
        assertThat(body.get("occurredAt").asText()).isEqualTo("2026-12-04T10:15:30Z");
        assertThat(body.get("data").get("instructorId").asText()).isEqualTo("inst_42");
        assertThat(body.get("data").get("weekStart").asText()).isEqualTo("2026-12-07");
        assertThat(body.get("data").has("days")).isTrue();
        assertThat(body.get("data").has("eventId")).isFalse();
        assertThat(body.get("data").has("eventVersion")).isFalse();
    }

    @Test
    void aBookingsEmailAddressesAreNotDelivered() throws Exception {
        Booking before = Bookings.aBooking().at("2026-12-07T09:00").addresses("stu@mail.test", "ins@mail.test").build();
        Booking after = Bookings.aBooking().id(before.id()).at("2026-12-08T09:00").addresses("stu@mail.test", "ins@mail.test")
                .build();

        for (DomainEvent event : List.of(BookingEvents.confirmed(before, Instant.now()),
                BookingEvents.rescheduled(before, after, Role.STUDENT, Instant.now()))) {
            String body = WebhookBody.standard().of(event);

            assertThat(body).doesNotContain("stu@mail.test", "ins@mail.test", "addresses");
            assertThat(JsonMappers.standard().readTree(body).get("data").get("booking").get("studentId").asText())
                    .isEqualTo(before.studentId());
        }
    }
}
