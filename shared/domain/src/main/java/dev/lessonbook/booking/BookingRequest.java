package dev.lessonbook.booking;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions.Booker;
import dev.lessonbook.profile.LocationType;
import java.time.LocalDate;

/**
 * POST /v1/bookings, parsed: well-formed but not yet checked against the rules of docs/spec.md §5,
 * from a student allowed to book ({@link dev.lessonbook.access.Permissions#toBook}).
 *
 * @param startMinute minute of the local day of {@code start} (HH:MM parsed)
 * @param paymentMethodId null when absent
 * @param note null when absent
 * @param idempotencyKey null when the header is absent
 */
public record BookingRequest(
        Booker booker,
        String instructorId,
        String serviceId,
        LocalDate date,
        int startMinute,
        int durationMinutes,
        LocationType locationType,
        String paymentMethodId,
        String note,
        String idempotencyKey) {

    public Caller caller() {
        return booker.caller();
    }
}
