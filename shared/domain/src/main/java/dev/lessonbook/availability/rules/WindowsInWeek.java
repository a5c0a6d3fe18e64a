package dev.lessonbook.availability.rules;

import dev.lessonbook.availability.WeekExtras;
import dev.lessonbook.availability.WeekRule;
import dev.lessonbook.availability.WeekSaveCheck;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.util.Optional;

/** docs/spec.md §4.2: every window's date lies in the Monday–Sunday week being saved. */
public final class WindowsInWeek implements WeekRule {

    @Override
    public Optional<Rejection> check(WeekSaveCheck save) {
        return save.command().windows().stream()
                .filter(window -> window.date().isBefore(save.command().weekStart()) || window.date().isAfter(save.weekEnd()))
                .findFirst()
                .map(window -> Rejection.of(ProblemCode.DATE_OUTSIDE_WEEK,
                                "Date " + window.date() + " is outside the week " + save.command().weekStart()
                                        + " to " + save.weekEnd())
                        .with(new WeekExtras.OnDate(window.date())));
    }
}
