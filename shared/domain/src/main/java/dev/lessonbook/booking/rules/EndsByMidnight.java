package dev.lessonbook.booking.rules;

import dev.lessonbook.booking.RequestRule;
import dev.lessonbook.booking.RequestedLesson;
import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.util.Optional;

/** docs/spec.md §5.4: a lesson lies within its local date; ending exactly at 24:00 is fine. */
public final class EndsByMidnight implements RequestRule {
    private static final int END_OF_DAY = 24 * 60;

    @Override
    public Optional<Rejection> check(RequestedLesson lesson) {
        if (lesson.endMinute() <= END_OF_DAY) {
            return Optional.empty();
        }
        return Optional.of(Rejection.of(ProblemCode.SPANS_MIDNIGHT,
                "A lesson must end by 24:00 of its date; " + TimeWindow.format(lesson.request().startMinute()) + " + "
                        + lesson.request().durationMinutes() + " minutes ends the next day"));
    }
}
