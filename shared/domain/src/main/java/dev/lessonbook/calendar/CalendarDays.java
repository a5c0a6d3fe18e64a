package dev.lessonbook.calendar;

import java.time.LocalDate;
import java.util.Map;

/**
 * Port: the instructor's calendar days (lessons per local date, time off), one item per date
 * that the booking transactions condition on.
 */
public interface CalendarDays {

    /**
     * The days from {@code from} to {@code to}, both included, that hold something; a date
     * missing from the map is {@link CalendarDay#free}. Read consistently: it is what the next
     * booking's transaction will see.
     */
    Map<LocalDate, CalendarDay> find(String instructorId, LocalDate from, LocalDate to);

    /**
     * Marks the date off (replacing an earlier reason) and answers how many lessons it holds at
     * that moment. From then on no booking can be counted on it, so every lesson of the date was
     * either counted here or is refused.
     */
    int takeOff(String instructorId, TimeOff timeOff);

    /** @return false when the date was not off */
    boolean removeTimeOff(String instructorId, LocalDate date);
}
