package dev.lessonbook.view;

import dev.lessonbook.availability.AvailabilityStore.VersionedWeek;
import dev.lessonbook.availability.WeekAvailability;
import dev.lessonbook.stats.BookingStats;
import java.time.LocalDate;

/**
 * A shared view of one instructor (docs/spec.md §8): the week map, the bookable view of a week, the
 * stats. {@code V} is what the view holds.
 */
public sealed interface ViewKey<V> {
    String instructorId();

    /** The stored week as GET shows it. */
    record WeekMap(String instructorId, LocalDate weekStart) implements ViewKey<VersionedWeek> {}

    /** The stored week minus the time active bookings occupy (docs/spec.md §4.10). */
    record Bookable(String instructorId, LocalDate weekStart) implements ViewKey<WeekAvailability> {}

    /** docs/spec.md §7. */
    record Stats(String instructorId) implements ViewKey<BookingStats> {}
}
