package dev.lessonbook.calendar;

import java.time.LocalDate;
import java.util.Map;

/** Port: the instructor's calendar days (lessons per local date), as the booking transactions keep them. */
public interface CalendarDays {

    /**
     * The days from {@code from} to {@code to}, both included, that hold something; a date
     * missing from the map is {@link CalendarDay#free}. Read consistently: it is what the next
     * booking's transaction will see.
     */
    Map<LocalDate, CalendarDay> find(String instructorId, LocalDate from, LocalDate to);
}
