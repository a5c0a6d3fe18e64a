package dev.lessonbook.view;

import dev.lessonbook.availability.AvailabilityStore.VersionedWeek;
import dev.lessonbook.availability.WeekAvailability;
import dev.lessonbook.feed.FeedEvent;
import dev.lessonbook.stats.BookingStats;
import java.time.LocalDate;
import java.util.List;

/**
 * A shared view of one instructor (docs/spec.md §8): the week map, the bookable view of a week, the
 * stats, the calendar feed's events. {@code V} is what the view holds.
 */
public sealed interface ViewKey<V> {
    String instructorId();

    /** The stored week as GET shows it. */
    record WeekMap(String instructorId, LocalDate weekStart) implements ViewKey<VersionedWeek> {}

    /** The stored week minus the time active bookings occupy (docs/spec.md §4.10). */
    record Bookable(String instructorId, LocalDate weekStart) implements ViewKey<WeekAvailability> {}

    /** docs/spec.md §7. */
    record Stats(String instructorId) implements ViewKey<BookingStats> {}

    /**
     * The calendar feed's events (issue 18), by start time, from a day more than the feed's 30 days
     * back onwards; the reader cuts them to the feed's window ({@link ReadingACalendarFeed}).
     */
    record Feed(String instructorId) implements ViewKey<List<FeedEvent>> {}
}
