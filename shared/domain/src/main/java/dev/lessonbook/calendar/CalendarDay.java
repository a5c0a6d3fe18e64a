package dev.lessonbook.calendar;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One local date of an instructor's calendar as the booking transaction sees it: how many
 * lessons hold time on it (active bookings starting that date, counted by the database in the
 * transaction that books, cancels, expires or fails them), and whether the instructor took it off.
 */
public record CalendarDay(LocalDate date, int lessons, Optional<TimeOff> timeOff) {

    public CalendarDay(LocalDate date, int lessons) {
        this(date, lessons, Optional.empty());
    }

    public static CalendarDay free(LocalDate date) {
        return new CalendarDay(date, 0);
    }

    public boolean isOff() {
        return timeOff.isPresent();
    }
}
