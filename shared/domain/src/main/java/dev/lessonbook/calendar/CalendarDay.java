package dev.lessonbook.calendar;

import java.time.LocalDate;

/**
 * One local date of an instructor's calendar as the booking transaction sees it: how many
 * lessons hold time on it (active bookings starting that date, counted by the database in the
 * transaction that books, cancels, expires or fails them).
 */
public record CalendarDay(LocalDate date, int lessons) {

    public static CalendarDay free(LocalDate date) {
        return new CalendarDay(date, 0);
    }
}
