package dev.lessonbook.availability;

import dev.lessonbook.availability.AvailabilityStore.VersionedWeek;
import dev.lessonbook.calendar.TimeWindow;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A week as the API shows it (docs/spec.md §3.1): the instructor's timezone, the version, and only the
 * days with at least one window, in date order, each as its merged windows in time order.
 */
public record WeekView(ZoneId timezone, VersionedWeek versioned) {

    public String instructorId() {
        return versioned.week().instructorId();
    }

    public LocalDate weekStart() {
        return versioned.week().weekStart();
    }

    public String version() {
        return versioned.version();
    }

    /** The {@code ETag} header. */
    public String etag() {
        return WeekVersion.quoted(version());
    }

    /** ISO date → merged windows; only open days, dates ascending. */
    public Map<String, List<TimeWindow>> days() {
        return days(versioned.week());
    }

    public static Map<String, List<TimeWindow>> days(WeekAvailability week) {
        Map<String, List<TimeWindow>> days = new LinkedHashMap<>();
        week.days().forEach((date, slots) -> days.put(date.toString(), slots.windows()));
        return days;
    }
}
