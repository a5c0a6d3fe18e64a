package dev.lessonbook.http.availability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.availability.AvailabilityStore.VersionedWeek;
import dev.lessonbook.availability.DaySlots;
import dev.lessonbook.availability.WeekAvailability;
import dev.lessonbook.http.ApiResponse;
import dev.lessonbook.http.Written;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeekJsonTest {
    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

    @Test
    void weekShowsOnlyOpenDaysSortedWithMergedWindows() {
        WeekAvailability week = new WeekAvailability("i1", MONDAY, Map.of(
                MONDAY.plusDays(2), DaySlots.empty().open(840, 1440),
                MONDAY, DaySlots.empty().open(540, 600).open(600, 720).open(780, 810),
                MONDAY.plusDays(1), DaySlots.empty()));

        VersionedWeek versioned = new VersionedWeek(week, "v123");
        String json = Written.json(WeekJson.week(versioned, ZoneId.of("Europe/Berlin")));

        assertThat(Written.body(WeekJson.response(versioned, ZoneId.of("Europe/Berlin")))).isEqualTo(json);
        assertThat(json).isEqualTo("{\"instructorId\":\"i1\",\"weekStart\":\"2026-12-07\",\"timezone\":\"Europe/Berlin\","
                + "\"version\":\"v123\",\"days\":{"
                + "\"2026-12-07\":[{\"start\":\"09:00\",\"end\":\"12:00\"},{\"start\":\"13:00\",\"end\":\"13:30\"}],"
                + "\"2026-12-09\":[{\"start\":\"14:00\",\"end\":\"24:00\"}]}}");
    }

    @Test
    void emptyWeekHasEmptyDays() {
        String json = Written.json(WeekJson.week(VersionedWeek.of(WeekAvailability.empty("i1", MONDAY)), ZoneId.of("UTC")));

        assertThat(json).contains("\"days\":{}");
    }

    @Test
    void responseCarriesTheVersionAsQuotedEtag() {
        ApiResponse.Document response = WeekJson.response(
                new VersionedWeek(WeekAvailability.empty("i1", MONDAY), "abc"), ZoneId.of("UTC"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("ETag", "\"abc\"");
    }
}
