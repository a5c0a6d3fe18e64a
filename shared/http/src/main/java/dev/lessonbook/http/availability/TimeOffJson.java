package dev.lessonbook.http.availability;

import dev.lessonbook.availability.TakingTimeOff;
import dev.lessonbook.calendar.TimeOff;
import dev.lessonbook.http.ApiResponse;
import dev.lessonbook.http.WireFormats;
import java.util.List;

/** Time off as docs/spec.md §4.11 shows it; {@code reason} is null when none was given. */
public final class TimeOffJson {
    private TimeOffJson() {}

    public record Day(String date, String reason) {
        static Day of(TimeOff timeOff) {
            return new Day(WireFormats.formatDate(timeOff.date()), timeOff.reason().orElse(null));
        }
    }

    /** The PUT's answer: the day off and how many lessons the date holds. */
    public record Taken(String date, String reason, int confirmedBookings) {}

    public record DayList(List<Day> items) {}

    public static ApiResponse.Document taken(TakingTimeOff.Taken taken) {
        Day day = Day.of(taken.timeOff());
        return ApiResponse.ok(new Taken(day.date(), day.reason(), taken.confirmedBookings()));
    }

    /** 204: the day is bookable again as its windows say. */
    public static ApiResponse.Document ended(Object unused) {
        return ApiResponse.status(204, null);
    }

    public static ApiResponse.Document list(List<TimeOff> days) {
        return ApiResponse.ok(new DayList(days.stream().map(Day::of).toList()));
    }
}
