package dev.lessonbook.availability.rules;

import dev.lessonbook.availability.WeekExtras;
import dev.lessonbook.availability.WeekRule;
import dev.lessonbook.availability.WeekSaveCheck;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.util.Optional;

/** docs/spec.md §4.4: no window on a date the instructor's own calendar has already left behind. */
public final class NoPastDates implements WeekRule {

    @Override
    public Optional<Rejection> check(WeekSaveCheck save) {
        return save.command().windows().stream()
                .filter(window -> window.date().isBefore(save.localToday()))
                .findFirst()
                .map(window -> Rejection.of(ProblemCode.PAST_DATE,
                                "Date " + window.date() + " is in the past (today is " + save.localToday()
                                        + " in " + save.timezone().getId() + ")")
                        .with(new WeekExtras.OnDate(window.date())));
    }
}
