package dev.lessonbook.booking;

import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.event.EventType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Booking events with self-contained payloads (docs/spec.md §8): consumers — notifications in each
 * recipient's timezone, cache invalidation — never read the booking back. Absent values are
 * left out rather than null.
 */
public final class BookingEvents {

    private BookingEvents() {}

    public static DomainEvent of(EventType type, Booking booking, Instant occurredAt) {
        return DomainEvent.of(type, occurredAt, booking.instructorId(), payload(booking));
    }

    public static Map<String, Object> payload(Booking booking) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("bookingId", booking.id());
        payload.put("status", booking.status().name());
        payload.put("instructorId", booking.instructorId());
        payload.put("studentId", booking.studentId());
        payload.put("serviceId", booking.serviceId());
        payload.put("serviceName", booking.serviceName());
        payload.put("date", booking.date().toString());
        payload.put("start", TimeWindow.format(booking.startMinute()));
        payload.put("end", TimeWindow.format(booking.endMinute()));
        payload.put("timezone", booking.timezone().getId());
        payload.put("startsAt", booking.startsAt().toString());
        payload.put("endsAt", booking.endsAt().toString());
        payload.put("startsAtLocal", booking.startsAt().atZone(booking.timezone()).toOffsetDateTime().toString());
        payload.put("endsAtLocal", booking.endsAt().atZone(booking.timezone()).toOffsetDateTime().toString());
        // The instructor's busy time, buffers included: which weeks' bookable views the event changes.
        payload.put("occupancy", Map.of(
                "instructorFrom", booking.occupancy().instructorFrom().toString(),
                "instructorUntil", booking.occupancy().instructorUntil().toString()));
        payload.put("durationMinutes", booking.durationMinutes());
        payload.put("locationType", booking.locationType().wireName());
        payload.put("price", Map.of("amount", booking.price().amount(), "currency", booking.price().currency()));
        payload.put("payment", Map.of(
                "status", booking.payment().status().name(),
                "amountAuthorized", booking.payment().amountAuthorized().amount(),
                "amountCaptured", booking.payment().amountCaptured().amount(),
                "amountRefunded", booking.payment().amountRefunded().amount()));
        putIfPresent(payload, "note", booking.note());
        payload.put("createdAt", booking.createdAt().toString());
        putIfPresent(payload, "confirmedAt", booking.confirmedAt());
        if (booking.cancellation() != null) {
            Map<String, Object> cancellation = new LinkedHashMap<>();
            cancellation.put("by", booking.cancellation().by());
            cancellation.put("at", booking.cancellation().at().toString());
            putIfPresent(cancellation, "reason", booking.cancellation().reason());
            cancellation.put("chargePercent", booking.cancellation().chargePercent());
            cancellation.put("amountCharged", booking.cancellation().amountCharged().amount());
            payload.put("cancellation", cancellation);
        }
        return payload;
    }

    private static void putIfPresent(Map<String, Object> payload, String name, Object value) {
        if (value != null) {
            payload.put(name, value.toString());
        }
    }
}
