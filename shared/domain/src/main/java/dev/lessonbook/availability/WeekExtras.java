package dev.lessonbook.availability;

import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.problem.Rejection;
import java.time.LocalDate;

/**
 * What a refused week read or save names besides its detail (docs/spec.md §4): each record's
 * components are members of the problem document.
 */
public final class WeekExtras {

    private WeekExtras() {}

    /** {@code date}: the date a rule refused (in the past, outside the week). */
    public record OnDate(LocalDate date) implements Rejection.Extra {}

    /** {@code date} and {@code window}: a window off the grid or outside its day, as sent. */
    public record InvalidWindow(LocalDate date, Times window) implements Rejection.Extra {}

    /** {@code date}, {@code window} and {@code conflictsWith}: two windows of one date that overlap. */
    public record Overlap(LocalDate date, Times window, Times conflictsWith) implements Rejection.Extra {}

    /** {@code weekStart}: a week addressed by a day that is not a Monday. */
    public record GivenWeekStart(LocalDate weekStart) implements Rejection.Extra {}

    /** {@code currentVersion}: the version stored, for a save whose {@code If-Match} named another. */
    public record CurrentVersion(String currentVersion) implements Rejection.Extra {}

    /** A window's {@code start} and {@code end} as {@code HH:MM} ({@code 24:00} ends the day), even one that is invalid. */
    public record Times(String start, String end) {
        public static Times of(TimeWindow window) {
            return new Times(window.start(), window.end());
        }

        public static Times of(int startMinute, int endMinute) {
            return new Times(TimeWindow.format(startMinute), TimeWindow.format(endMinute));
        }
    }
}
