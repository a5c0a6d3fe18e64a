package dev.lessonbook.view;

import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.calendar.Occupancy;
import dev.lessonbook.event.AvailabilityWeekSaved;
import dev.lessonbook.event.BookingCancelled;
import dev.lessonbook.event.BookingCompleted;
import dev.lessonbook.event.BookingConfirmed;
import dev.lessonbook.event.BookingPaymentActionRequired;
import dev.lessonbook.event.BookingPaymentFailed;
import dev.lessonbook.event.BookingRescheduled;
import dev.lessonbook.event.BookingSnapshot;
import dev.lessonbook.event.DomainEvent;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which views an event makes stale, read from the event alone. The write transaction deletes
 * them (so the next read is fresh) and the cache worker re-warms them: both ask this class, so
 * they can never disagree.
 */
public final class InvalidatedViews {

    private InvalidatedViews() {}

    public static Set<ViewKey<?>> by(DomainEvent event) {
        return switch (event) {
            case AvailabilityWeekSaved saved -> new LinkedHashSet<>(List.of(
                    new ViewKey.WeekMap(saved.instructorId(), saved.weekStart()),
                    new ViewKey.Bookable(saved.instructorId(), saved.weekStart())));
            case BookingConfirmed confirmed -> byBooking(confirmed.booking());
            case BookingCancelled cancelled -> byBooking(cancelled.booking());
            case BookingCompleted completed -> byBooking(completed.booking());
            case BookingPaymentFailed failed -> byBooking(failed.booking());
            case BookingPaymentActionRequired asked -> byBooking(asked.booking());
            // The old weeks gain free time, the new ones lose it; the stats show the new start.
            case BookingRescheduled moved -> {
                Set<ViewKey<?>> views = byBooking(moved.previous());
                views.addAll(byBooking(moved.booking()));
                yield views;
            }
        };
    }

    /**
     * A booking's change moves the stats, the calendar feed (its time, status or SEQUENCE), and the
     * bookable view of every local week its instructor occupancy touches: a buffer may reach into
     * the week before or after the lesson.
     */
    private static Set<ViewKey<?>> byBooking(BookingSnapshot booking) {
        Set<ViewKey<?>> views = new LinkedHashSet<>();
        String instructorId = booking.instructorId();
        views.add(new ViewKey.Stats(instructorId));
        views.add(new ViewKey.Feed(instructorId));
        ZoneId zone = booking.timezone();
        Occupancy busy = booking.occupancy();
        LocalDate first = weekOf(busy.instructorFrom().atZone(zone).toLocalDate());
        LocalDate last = weekOf(busy.instructorUntil().minusNanos(1).atZone(zone).toLocalDate());
        for (LocalDate week = first; !week.isAfter(last); week = week.plusWeeks(1)) {
            views.add(new ViewKey.Bookable(instructorId, week));
        }
        return views;
    }

    /**
     * What recording a booking's payment makes stale when no event says so: the settlement of a
     * cancellation (RELEASED, CAPTURED, REFUNDED, MANUAL_REVIEW) is not a new booking state, so it
     * announces nothing (docs/spec.md §8 has five events), yet the stats sum what completed and cancelled
     * bookings kept. A payment of a booking in any other status feeds no view.
     */
    public static Set<ViewKey<?>> byPaymentOf(Booking booking) {
        return booking.status() == BookingStatus.CANCELLED || booking.status() == BookingStatus.COMPLETED
                ? Set.of(new ViewKey.Stats(booking.instructorId()))
                : Set.of();
    }

    public static LocalDate weekOf(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
