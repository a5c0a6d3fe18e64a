package dev.lessonbook.event;

import dev.lessonbook.calendar.TimeWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A week of availability was saved: the week as stored now, in the instructor's timezone.
 *
 * @param days the open days in date order, each as its merged windows in time order
 */
public record AvailabilityWeekSaved(
        String eventId,
        Instant occurredAt,
        String instructorId,
        LocalDate weekStart,
        ZoneId timezone,
        String version,
        SortedMap<LocalDate, List<TimeWindow>> days) implements DomainEvent {

    public AvailabilityWeekSaved {
        TreeMap<LocalDate, List<TimeWindow>> sorted = new TreeMap<>();
        days.forEach((date, windows) -> sorted.put(date, List.copyOf(windows)));
        days = Collections.unmodifiableSortedMap(sorted);
    }

    public static AvailabilityWeekSaved of(Instant occurredAt, String instructorId, LocalDate weekStart, ZoneId timezone,
            String version, Map<LocalDate, List<TimeWindow>> days) {
        return new AvailabilityWeekSaved(DomainEvent.newId(), occurredAt, instructorId, weekStart, timezone, version,
                new TreeMap<>(days));
    }
}
