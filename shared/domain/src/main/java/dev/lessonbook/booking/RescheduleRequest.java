package dev.lessonbook.booking;

import dev.lessonbook.access.Caller;
import java.time.LocalDate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * POST /v1/bookings/{bookingId}/reschedule, parsed: the new local date and start, well-formed but
 * not yet checked against any rule.
 *
 * @param startMinute minute of the local day of {@code start} (HH:MM parsed)
 * @param durationMinutes null to keep the booking's duration
 * @param idempotencyKey null when the header is absent
 */
public record RescheduleRequest(
        Caller caller,
        String bookingId,
        LocalDate date,
        int startMinute,
        Integer durationMinutes,
        String idempotencyKey) {

    /** The duration the lesson will have: the one asked for, or {@code booking}'s own. */
    public int durationFor(Booking booking) {
        return durationMinutes == null ? booking.durationMinutes() : durationMinutes;
    }

    /** Whom and which key a retry must repeat to be a replay; null without a key. */
    String requestKey() {
        // User ids cannot contain a newline, so the joined string is unambiguous.
        return idempotencyKey == null ? null
                : BookingId.sha256Hex(caller.userId() + "\n" + caller.role().claimValue() + "\n" + idempotencyKey);
    }

    /** What the request asks for; a retry under the same key with another fingerprint is a key reuse. */
    String fingerprint() {
        return BookingId.sha256Hex(Stream.of(bookingId, date.toString(), String.valueOf(startMinute),
                        durationMinutes == null ? null : String.valueOf(durationMinutes))
                .map(field -> field == null ? "-" : field.length() + ":" + field)
                .collect(Collectors.joining("\n")));
    }
}
