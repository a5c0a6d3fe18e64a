package dev.lessonbook.view;

import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.event.DomainEvent;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which views an event makes stale, read from its payload alone. The write transaction deletes
 * them (so the next read is fresh) and the cache worker re-warms them: both ask this class, so
 * they can never disagree.
 */
public final class InvalidatedViews {
    /**
     * Used only for a booking event without its occupancy: the longest buffers a profile may have
     * (ProfileRules) on either side cover any instructor occupancy.
     */
    private static final Duration LONGEST_BUFFER = Duration.ofMinutes(240);

    private InvalidatedViews() {}

    public static Set<ViewKey<?>> by(DomainEvent event) {
        Set<ViewKey<?>> views = new LinkedHashSet<>();
        String instructorId = event.instructorId();
        Map<String, Object> payload = event.payload();
        switch (event.type()) {
            case AvailabilityWeekSaved -> {
                LocalDate weekStart = LocalDate.parse(text(payload, "weekStart"));
                views.add(new ViewKey.WeekMap(instructorId, weekStart));
                views.add(new ViewKey.Bookable(instructorId, weekStart));
            }
            case BookingConfirmed, BookingCancelled, BookingCompleted, BookingPaymentFailed -> {
                views.add(new ViewKey.Stats(instructorId));
                ZoneId zone = ZoneId.of(text(payload, "timezone"));
                Instant busyFrom;
                Instant busyUntil;
                if (payload.get("occupancy") instanceof Map<?, ?> occupancy) {
                    busyFrom = Instant.parse(String.valueOf(occupancy.get("instructorFrom")));
                    busyUntil = Instant.parse(String.valueOf(occupancy.get("instructorUntil")));
                } else {
                    busyFrom = Instant.parse(text(payload, "startsAt")).minus(LONGEST_BUFFER);
                    busyUntil = Instant.parse(text(payload, "endsAt")).plus(LONGEST_BUFFER);
                }
                // The bookable view is per local week: a buffer may reach into the week before or after.
                LocalDate first = weekOf(busyFrom.atZone(zone).toLocalDate());
                LocalDate last = weekOf(busyUntil.minusNanos(1).atZone(zone).toLocalDate());
                for (LocalDate week = first; !week.isAfter(last); week = week.plusWeeks(1)) {
                    views.add(new ViewKey.Bookable(instructorId, week));
                }
            }
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

    private static String text(Map<String, Object> payload, String name) {
        Object value = payload.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Event payload has no " + name);
        }
        return value.toString();
    }
}
