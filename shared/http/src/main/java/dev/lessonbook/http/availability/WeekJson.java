package dev.lessonbook.http.availability;

import dev.lessonbook.availability.AvailabilityStore.VersionedWeek;
import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.http.ApiResponse;
import dev.lessonbook.http.WireFormats;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A week as docs/spec.md §3.1 shows it: {@code {instructorId, weekStart, timezone, version, days}}, with
 * only the days that have a window, in date order, each as its merged windows.
 */
public final class WeekJson {
    private WeekJson() {}

    /** The week's document. */
    public record Week(String instructorId, String weekStart, String timezone, String version,
            Map<String, List<Window>> days) {}

    /** One window: {@code HH:MM} to {@code HH:MM}, the end of the day {@code 24:00}. */
    public record Window(String start, String end) {
        static Window of(TimeWindow window) {
            return new Window(WireFormats.formatTime(window.startMinute()), WireFormats.formatTime(window.endMinute()));
        }
    }

    /** 200 with the week and {@code ETag: "<version>"}. */
    public static ApiResponse.Document response(VersionedWeek week, ZoneId timezone) {
        return ApiResponse.ok(week(week, timezone)).withHeader("ETag", etag(week.version()));
    }

    public static String etag(String version) {
        return '"' + version + '"';
    }

    public static Week week(VersionedWeek versioned, ZoneId timezone) {
        Map<String, List<Window>> days = new LinkedHashMap<>();
        // WeekAvailability keeps its days sorted and drops empty ones; windows() merges touching runs.
        versioned.week().days().forEach((date, slots) -> days.put(WireFormats.formatDate(date),
                slots.windows().stream().map(Window::of).toList()));
        return new Week(versioned.week().instructorId(), WireFormats.formatDate(versioned.week().weekStart()),
                timezone.getId(), versioned.version(), days);
    }

    /** The weeks a copy wrote: {@code {items:[week…]}}, in the order of the request's targets. */
    public record WeekList(List<Week> items) {}

    public static ApiResponse.Document list(List<dev.lessonbook.availability.WeekView> views) {
        return ApiResponse.ok(new WeekList(views.stream().map(view -> week(view.versioned(), view.timezone())).toList()));
    }
}
