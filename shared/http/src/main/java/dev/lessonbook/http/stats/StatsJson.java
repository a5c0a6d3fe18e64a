package dev.lessonbook.http.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lessonbook.http.ApiResponse;
import dev.lessonbook.http.Json;
import dev.lessonbook.http.JsonValues;
import dev.lessonbook.stats.BookingStats;

/** SPEC §3.3: counts, earnings as money objects, rates as fractions between 0 and 1. */
public final class StatsJson {
    private StatsJson() {}

    public static ApiResponse.Document response(BookingStats stats) {
        return ApiResponse.ok(stats(stats));
    }

    public static ObjectNode stats(BookingStats stats) {
        ObjectNode json = Json.object();
        json.put("instructorId", stats.instructorId());
        json.put("totalBookings", stats.totalBookings());
        json.put("upcomingBookings", stats.upcomingBookings());
        json.put("completedBookings", stats.completedBookings());
        json.put("cancelledBookings", stats.cancelledBookings());
        json.set("totalEarnings", JsonValues.money(stats.totalEarnings()));
        json.set("thisMonthEarnings", JsonValues.money(stats.thisMonthEarnings()));
        json.put("completionRate", stats.completionRate());
        json.put("cancellationRate", stats.cancellationRate());
        return json;
    }
}
