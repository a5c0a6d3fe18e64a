package dev.lessonbook.http.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.http.ApiResponse;
import dev.lessonbook.http.Written;
import dev.lessonbook.money.Money;
import dev.lessonbook.stats.BookingStats;
import org.junit.jupiter.api.Test;

class StatsJsonTest {

    @Test
    void statsHaveExactlyTheFieldsOfSpecSection3_3() {
        BookingStats stats = new BookingStats("ins-1", 4, 1, 2, 1,
                new Money(9000, "usd"), new Money(3000, "usd"), 0.5, 0.25);

        ApiResponse.Document response = StatsJson.response(stats);

        assertThat(response.status()).isEqualTo(200);
        assertThat(Written.body(response)).isEqualTo(Written.json(StatsJson.stats(stats)));
        assertThat(Written.json(StatsJson.stats(stats))).isEqualTo("{\"instructorId\":\"ins-1\",\"totalBookings\":4,"
                + "\"upcomingBookings\":1,\"completedBookings\":2,\"cancelledBookings\":1,"
                + "\"totalEarnings\":{\"amount\":9000,\"currency\":\"usd\"},"
                + "\"thisMonthEarnings\":{\"amount\":3000,\"currency\":\"usd\"},"
                + "\"completionRate\":0.5,\"cancellationRate\":0.25}");
    }

    @Test
    void ratesAreWrittenAsTheShortestDecimalThatReadsBackTheSame() {
        BookingStats stats = new BookingStats("ins-1", 3, 0, 2, 1, new Money(0, "usd"), new Money(0, "usd"), 2.0 / 3, 1.0 / 3);

        assertThat(Written.body(StatsJson.response(stats))).isEqualTo(Written.json(StatsJson.stats(stats)))
                .contains("\"completionRate\":0.6666666666666666,\"cancellationRate\":0.3333333333333333}");
    }
}
