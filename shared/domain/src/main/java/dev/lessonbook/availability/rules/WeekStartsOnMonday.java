package dev.lessonbook.availability.rules;

import dev.lessonbook.availability.WeekExtras;
import dev.lessonbook.availability.WeekRule;
import dev.lessonbook.availability.WeekSaveCheck;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;

/** docs/spec.md §4.1: weeks are addressed by their Monday. */
public final class WeekStartsOnMonday implements WeekRule {

    @Override
    public Optional<Rejection> check(WeekSaveCheck save) {
        return check(save.command().weekStart());
    }

    /** Also used by week reads, which address weeks the same way. */
    public static Optional<Rejection> check(LocalDate weekStart) {
        if (weekStart.getDayOfWeek() == DayOfWeek.MONDAY) {
            return Optional.empty();
        }
        return Optional.of(Rejection.of(ProblemCode.INVALID_WEEK_START,
                "Week start " + weekStart + " is a " + weekStart.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                        + "; weeks start on a Monday")
                .with(new WeekExtras.GivenWeekStart(weekStart)));
    }
}
