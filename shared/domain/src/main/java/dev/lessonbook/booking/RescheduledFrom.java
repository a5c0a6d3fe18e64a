package dev.lessonbook.booking;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Where a lesson was before its last move: its local date, start and end (minutes of the day in
 * the booking's timezone, 1440 = 24:00) and its UTC start.
 */
public record RescheduledFrom(LocalDate date, int startMinute, int endMinute, Instant startsAt) {

    public static RescheduledFrom of(Booking booking) {
        return new RescheduledFrom(booking.date(), booking.startMinute(), booking.endMinute(), booking.startsAt());
    }
}
