package dev.lessonbook.booking.rules;

import dev.lessonbook.booking.RequestRule;
import dev.lessonbook.booking.RequestedLesson;
import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.util.Optional;

/** docs/spec.md §5.4: lessons start on the quarter hour, so they fill whole 15-minute lock units. */
public final class StartsOnQuarterHour implements RequestRule {
    private static final int QUARTER_HOUR = 15;

    @Override
    public Optional<Rejection> check(RequestedLesson lesson) {
        if (lesson.request().startMinute() % QUARTER_HOUR == 0) {
            return Optional.empty();
        }
        return Optional.of(Rejection.of(ProblemCode.INVALID_START_TIME,
                "Lessons start on the quarter hour (:00, :15, :30, :45); got "
                        + TimeWindow.format(lesson.request().startMinute())));
    }
}
