package dev.lessonbook.availability;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * One instructor's stored availability for the Monday–Sunday week starting {@code weekStart}:
 * the open slots of each of its seven local dates (a date without an entry is closed).
 */
public record WeekAvailability(String instructorId, LocalDate weekStart, Map<LocalDate, DaySlots> days) {

    public WeekAvailability {
        TreeMap<LocalDate, DaySlots> sorted = new TreeMap<>();
        days.forEach((date, slots) -> {
            if (date.isBefore(weekStart) || date.isAfter(weekStart.plusDays(6))) {
                throw new IllegalArgumentException(date + " is not in the week of " + weekStart);
            }
            if (!slots.isEmpty()) {
                sorted.put(date, slots);
            }
        });
        days = java.util.Collections.unmodifiableSortedMap(sorted);
    }

    public static WeekAvailability empty(String instructorId, LocalDate weekStart) {
        return new WeekAvailability(instructorId, weekStart, Map.of());
    }

    public DaySlots day(LocalDate date) {
        return days.getOrDefault(date, DaySlots.empty());
    }
}
