package dev.lessonbook.event;

import dev.lessonbook.calendar.Occupancy;
import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.contact.LessonAddresses;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.PaymentSummary;
import dev.lessonbook.profile.LocationType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A booking as its events publish it: the lesson (local date and time in the instructor's
 * zone, the same instants in UTC), whom it keeps busy when, its price and payment summary. Provider
 * references, the request fingerprint and the hold's expiry stay internal. The status is the
 * event's: confirmed, cancelled, completed, payment failed.
 *
 * @param time the local start and end ({@code 24:00} for a lesson ending at midnight)
 * @param occupancy the instructor's busy time (buffers included) and the student's, in UTC
 * @param note null when the student wrote none
 * @param confirmedAt null for a booking whose payment failed before it was ever confirmed
 * @param addresses where the parties' emails go (docs/spec.md §8); {@link LessonAddresses#NONE}
 *        in events written before addresses were kept. Queues carry them; webhook deliveries and
 *        API responses do not (docs/decisions.md "Real recipients").
 */
public record BookingSnapshot(
        String bookingId,
        String instructorId,
        String studentId,
        String serviceId,
        String serviceName,
        LocalDate date,
        TimeWindow time,
        ZoneId timezone,
        Instant startsAt,
        Instant endsAt,
        Occupancy occupancy,
        int durationMinutes,
        LocationType locationType,
        Money price,
        PaymentSummary payment,
        String note,
        Instant createdAt,
        Instant confirmedAt,
        LessonAddresses addresses) {

    public BookingSnapshot {
        addresses = addresses == null ? LessonAddresses.NONE : addresses;
    }
}
