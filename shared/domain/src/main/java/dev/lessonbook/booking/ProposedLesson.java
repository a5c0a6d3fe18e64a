package dev.lessonbook.booking;

import dev.lessonbook.calendar.Occupancy;
import dev.lessonbook.money.Money;
import dev.lessonbook.profile.BookingLimits;
import dev.lessonbook.profile.LessonService;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A request that passed the request rules, placed in time: the instants it covers, what it costs
 * and whom it keeps busy. What the slot rules (docs/spec.md §5.5, 5.6, 5.8) judge and what is booked.
 *
 * <p>{@code endsAt} is {@code startsAt} plus the duration (real time: what is paid for), while
 * {@code endMinute} is the local wall-clock end the availability was checked against. They differ
 * only for a lesson that crosses a DST change in the small hours.
 *
 * <p>{@code bookingLimits} are the instructor's own rules (notice, horizon, daily limit) it is judged by;
 * {@code instructorEmail} is their profile's address (null when it has none), kept with the booking.
 */
public record ProposedLesson(
        BookingRequest request,
        LessonService service,
        ZoneId timezone,
        int endMinute,
        Instant startsAt,
        Instant endsAt,
        Money price,
        Occupancy occupancy,
        BookingLimits bookingLimits,
        String instructorEmail) {

    public ProposedLesson {
        bookingLimits = bookingLimits == null ? BookingLimits.DEFAULT : bookingLimits;
    }

    /** A lesson of an instructor without an address. */
    public ProposedLesson(BookingRequest request, LessonService service, ZoneId timezone, int endMinute, Instant startsAt,
            Instant endsAt, Money price, Occupancy occupancy, BookingLimits bookingLimits) {
        this(request, service, timezone, endMinute, startsAt, endsAt, price, occupancy, bookingLimits, null);
    }

    /** A lesson judged by the default booking rules. */
    public ProposedLesson(BookingRequest request, LessonService service, ZoneId timezone, int endMinute, Instant startsAt,
            Instant endsAt, Money price, Occupancy occupancy) {
        this(request, service, timezone, endMinute, startsAt, endsAt, price, occupancy, BookingLimits.DEFAULT);
    }
}
