package dev.lessonbook.http.availability;

import dev.lessonbook.availability.AvailabilityStore.VersionedWeek;
import dev.lessonbook.http.ApiResponse;
import dev.lessonbook.http.JsonValues;
import dev.lessonbook.http.WireFormats;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A week as docs/spec.md §3.1 shows it: {@code {instructorId, weekStart, timezone, version, days}}, with
 * only the days that have a window, in date order, each as its merged windows.
 */
public final class WeekJson {
    private WeekJson() {}

    /** 200 with the week and {@code ETag: "<version>"}. */
    public static ApiResponse.Document response(VersionedWeek week, ZoneId timezone) {
        return ApiResponse.ok(week(week, timezone)).withHeader("ETag", etag(week.version()));
    }

    public static String etag(String version) {
        return '"' + version + '"';
    }

    public static Map<String, Object> week(VersionedWeek versioned, ZoneId timezone) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("instructorId", versioned.week().instructorId());
        json.put("weekStart", WireFormats.formatDate(versioned.week().weekStart()));
        json.put("timezone", timezone.getId());
        json.put("version", versioned.version());
        Map<String, Object> days = new LinkedHashMap<>();
        // WeekAvailability keeps its days sorted and drops empty ones; windows() merges touching runs.
        versioned.week().days().forEach((date, slots) -> days.put(WireFormats.formatDate(date),
                slots.windows().stream().map(JsonValues::timeWindow).toList()));
        json.put("days", days);
        return json;
    }
}
