package dev.lessonbook.availability;

import java.time.LocalDate;

/**
 * One window of a week-save payload as sent: a date and {@code HH:MM} times already parsed to
 * minutes of the day (24:00 = 1440). Range and grid are checked by the week rules, not here.
 */
public record WindowOnDate(LocalDate date, int startMinute, int endMinute) {}
