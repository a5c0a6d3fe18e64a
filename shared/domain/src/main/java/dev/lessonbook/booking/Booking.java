package dev.lessonbook.booking;

import dev.lessonbook.money.Money;
import dev.lessonbook.profile.LocationType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A booking: a snapshot that never refers back to availability. Local {@code date},
 * {@code startMinute} and {@code endMinute} (1440 = 24:00) are in the instructor's
 * {@code timezone}; {@code startsAt}/{@code endsAt} are the same instants in UTC.
 *
 * @param holdExpiresAt while PENDING, when the slot hold lapses; null otherwise
 * @param requestFingerprint hash of the create request, to tell an idempotent replay from a key reuse
 * @param cancellation null unless CANCELLED
 */
public record Booking(
        String id,
        BookingStatus status,
        String instructorId,
        String studentId,
        String serviceId,
        String serviceName,
        LocalDate date,
        int startMinute,
        int endMinute,
        ZoneId timezone,
        Instant startsAt,
        Instant endsAt,
        int durationMinutes,
        LocationType locationType,
        Money price,
        Payment payment,
        String note,
        Occupancy occupancy,
        Instant createdAt,
        Instant confirmedAt,
        Instant holdExpiresAt,
        Cancellation cancellation,
        String requestFingerprint) {

    /** Whether this booking keeps its people busy at {@code now} (docs/spec.md §5.4). */
    public boolean occupiesTimeAt(Instant now) {
        return switch (status) {
            case CONFIRMED, COMPLETED -> true;
            case PENDING -> holdExpiresAt != null && now.isBefore(holdExpiresAt);
            case CANCELLED, PAYMENT_FAILED, EXPIRED -> false;
        };
    }

    public Booking withStatus(BookingStatus newStatus) {
        return new Booking(id, newStatus, instructorId, studentId, serviceId, serviceName, date, startMinute, endMinute,
                timezone, startsAt, endsAt, durationMinutes, locationType, price, payment, note, occupancy, createdAt,
                confirmedAt, holdExpiresAt, cancellation, requestFingerprint);
    }

    public Booking confirmed(Instant at, Payment newPayment) {
        return new Booking(id, BookingStatus.CONFIRMED, instructorId, studentId, serviceId, serviceName, date,
                startMinute, endMinute, timezone, startsAt, endsAt, durationMinutes, locationType, price, newPayment,
                note, occupancy, createdAt, at, null, cancellation, requestFingerprint);
    }

    public Booking withPayment(Payment newPayment) {
        return new Booking(id, status, instructorId, studentId, serviceId, serviceName, date, startMinute, endMinute,
                timezone, startsAt, endsAt, durationMinutes, locationType, price, newPayment, note, occupancy,
                createdAt, confirmedAt, holdExpiresAt, cancellation, requestFingerprint);
    }

    public Booking cancelled(Cancellation details, Payment newPayment) {
        return new Booking(id, BookingStatus.CANCELLED, instructorId, studentId, serviceId, serviceName, date,
                startMinute, endMinute, timezone, startsAt, endsAt, durationMinutes, locationType, price, newPayment,
                note, occupancy, createdAt, confirmedAt, null, details, requestFingerprint);
    }
}
