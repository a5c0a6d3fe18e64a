package dev.lessonbook.http.stats;

import dev.lessonbook.http.ApiResponse;
import dev.lessonbook.money.Money;
import dev.lessonbook.stats.BookingStats;

/** docs/spec.md §3.3: counts, earnings as money objects, rates as fractions between 0 and 1. */
public final class StatsJson {
    private StatsJson() {}

    /** The stats' document; the API's own, so the domain's record may grow without changing it. */
    public record Stats(String instructorId, long totalBookings, long upcomingBookings, long completedBookings,
            long cancelledBookings, Money totalEarnings, Money thisMonthEarnings, double completionRate,
            double cancellationRate) {}

    public static ApiResponse.Document response(BookingStats stats) {
        return ApiResponse.ok(stats(stats));
    }

    public static Stats stats(BookingStats stats) {
        return new Stats(stats.instructorId(), stats.totalBookings(), stats.upcomingBookings(),
                stats.completedBookings(), stats.cancelledBookings(), stats.totalEarnings(),
                stats.thisMonthEarnings(), stats.completionRate(), stats.cancellationRate());
    }
}
