package dev.lessonbook.http.stats;

import dev.lessonbook.http.ApiResponse;
import dev.lessonbook.http.JsonValues;
import dev.lessonbook.stats.BookingStats;
import java.util.LinkedHashMap;
import java.util.Map;

/** docs/spec.md §3.3: counts, earnings as money objects, rates as fractions between 0 and 1. */
public final class StatsJson {
    private StatsJson() {}

    public static ApiResponse.Document response(BookingStats stats) {
        return ApiResponse.ok(stats(stats));
    }

    public static Map<String, Object> stats(BookingStats stats) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("instructorId", stats.instructorId());
        json.put("totalBookings", stats.totalBookings());
        json.put("upcomingBookings", stats.upcomingBookings());
        json.put("completedBookings", stats.completedBookings());
        json.put("cancelledBookings", stats.cancelledBookings());
        json.put("totalEarnings", JsonValues.money(stats.totalEarnings()));
        json.put("thisMonthEarnings", JsonValues.money(stats.thisMonthEarnings()));
        json.put("completionRate", stats.completionRate());
        json.put("cancellationRate", stats.cancellationRate());
        return json;
    }
}
