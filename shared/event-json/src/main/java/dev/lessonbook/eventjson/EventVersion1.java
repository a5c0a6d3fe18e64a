package dev.lessonbook.eventjson;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lessonbook.access.Role;
import dev.lessonbook.calendar.Occupancy;
import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.contact.LessonAddresses;
import dev.lessonbook.event.AvailabilityWeekSaved;
import dev.lessonbook.event.BookingCancelled;
import dev.lessonbook.event.BookingCompleted;
import dev.lessonbook.event.BookingConfirmed;
import dev.lessonbook.event.BookingPaymentFailed;
import dev.lessonbook.event.BookingSnapshot;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.payment.PaymentSummary;
import dev.lessonbook.profile.LocationType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Events as version 1 wrote them, before events were records: {@code {eventId, type,
 * occurredAt, instructorId, payload}}, the payload a flat map of strings and numbers — the saved
 * week, or the booking as it was. Only ever read, for the messages and outbox items in flight
 * when version 2 was deployed; the five types below are all version 1 ever wrote.
 */
final class EventVersion1 {
    /**
     * For a booking event written before its payload carried the occupancy: the longest buffers a
     * profile could have then, on either side, cover any instructor occupancy. That limit was 240
     * minutes; today's shorter one (ProfileRules.MAX_BUFFER_MINUTES) would not cover old bookings.
     */
    private static final Duration LONGEST_BUFFER = Duration.ofMinutes(240);

    private EventVersion1() {}

    static DomainEvent read(JsonNode message) {
        try {
            String eventId = text(message, "eventId");
            String type = text(message, "type");
            Instant occurredAt = Instant.parse(text(message, "occurredAt"));
            String instructorId = text(message, "instructorId");
            JsonNode payload = message.path("payload");
            return switch (type) {
                case "AvailabilityWeekSaved" -> new AvailabilityWeekSaved(eventId, occurredAt, instructorId,
                        LocalDate.parse(text(payload, "weekStart")), ZoneId.of(text(payload, "timezone")),
                        text(payload, "version"), days(payload.path("days")));
                case "BookingConfirmed" -> new BookingConfirmed(eventId, occurredAt, booking(payload));
                case "BookingCompleted" -> new BookingCompleted(eventId, occurredAt, booking(payload));
                case "BookingPaymentFailed" -> new BookingPaymentFailed(eventId, occurredAt, booking(payload));
                case "BookingCancelled" -> cancelled(eventId, occurredAt, payload);
                default -> throw new IllegalArgumentException("Event of unknown type " + type);
            };
        } catch (RuntimeException e) {
            throw e instanceof IllegalArgumentException illegal ? illegal
                    : new IllegalArgumentException("Message body is not an event: " + e.getMessage(), e);
        }
    }

    private static BookingCancelled cancelled(String eventId, Instant occurredAt, JsonNode payload) {
        BookingSnapshot booking = booking(payload);
        JsonNode cancellation = payload.path("cancellation");
        Role by = Role.fromClaim(text(cancellation, "by"))
                .orElseThrow(() -> new IllegalArgumentException("A cancellation by nobody known: " + cancellation.get("by")));
        return new BookingCancelled(eventId, occurredAt, booking, by, optionalText(cancellation, "reason"),
                whole(cancellation, "chargePercent").intValue(),
                Money.of(whole(cancellation, "amountCharged"), booking.price().currency()));
    }

    private static BookingSnapshot booking(JsonNode payload) {
        Instant startsAt = Instant.parse(text(payload, "startsAt"));
        Instant endsAt = Instant.parse(text(payload, "endsAt"));
        JsonNode price = payload.path("price");
        String currency = text(price, "currency");
        JsonNode payment = payload.path("payment");
        return new BookingSnapshot(
                text(payload, "bookingId"),
                text(payload, "instructorId"),
                text(payload, "studentId"),
                text(payload, "serviceId"),
                text(payload, "serviceName"),
                LocalDate.parse(text(payload, "date")),
                new TimeWindow(minuteOfDay(text(payload, "start")), minuteOfDay(text(payload, "end"))),
                ZoneId.of(text(payload, "timezone")),
                startsAt,
                endsAt,
                occupancy(payload.path("occupancy"), startsAt, endsAt),
                whole(payload, "durationMinutes").intValue(),
                LocationType.fromWireName(text(payload, "locationType"))
                        .orElseThrow(() -> new IllegalArgumentException("No location type " + payload.get("locationType"))),
                Money.of(whole(price, "amount"), currency),
                new PaymentSummary(PaymentStatus.valueOf(text(payment, "status")),
                        Money.of(whole(payment, "amountAuthorized"), currency),
                        Money.of(whole(payment, "amountCaptured"), currency),
                        Money.of(whole(payment, "amountRefunded"), currency)),
                optionalText(payload, "note"),
                Instant.parse(text(payload, "createdAt")),
                optionalText(payload, "confirmedAt") == null ? null : Instant.parse(text(payload, "confirmedAt")),
                // Version 1 was written before addresses were kept with bookings.
                LessonAddresses.NONE);
    }

    /** Version 1 published the instructor's busy time only; the student's is the lesson itself. */
    private static Occupancy occupancy(JsonNode occupancy, Instant startsAt, Instant endsAt) {
        if (occupancy.isMissingNode()) {
            return new Occupancy(startsAt.minus(LONGEST_BUFFER), endsAt.plus(LONGEST_BUFFER), startsAt, endsAt);
        }
        return new Occupancy(Instant.parse(text(occupancy, "instructorFrom")),
                Instant.parse(text(occupancy, "instructorUntil")), startsAt, endsAt);
    }

    private static SortedMap<LocalDate, List<TimeWindow>> days(JsonNode days) {
        SortedMap<LocalDate, List<TimeWindow>> windows = new TreeMap<>();
        days.properties().forEach(day -> {
            List<TimeWindow> ofDay = new ArrayList<>();
            day.getValue().forEach(window -> ofDay.add(
                    new TimeWindow(minuteOfDay(text(window, "start")), minuteOfDay(text(window, "end")))));
            windows.put(LocalDate.parse(day.getKey()), ofDay);
        });
        return windows;
    }

    /** {@code HH:MM} as version 1 wrote it ({@code 24:00} the end of the day). */
    private static int minuteOfDay(String time) {
        if (time.length() != 5 || time.charAt(2) != ':') {
            throw new IllegalArgumentException("Not a time HH:MM: " + time);
        }
        return Integer.parseInt(time, 0, 2, 10) * 60 + Integer.parseInt(time, 3, 5, 10);
    }

    private static String text(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException("Event without " + name);
        }
        return value.textValue();
    }

    private static String optionalText(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("Event with a " + name + " that is not text");
        }
        return value.textValue();
    }

    private static Long whole(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("Event without a whole number " + name);
        }
        return value.longValue();
    }
}
