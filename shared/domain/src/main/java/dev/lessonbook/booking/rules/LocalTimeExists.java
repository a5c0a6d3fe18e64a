package dev.lessonbook.booking.rules;

import dev.lessonbook.booking.RequestRule;
import dev.lessonbook.booking.RequestedLesson;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.util.Optional;

/**
 * docs/spec.md §5.4: a start the clocks skip (spring-forward gap) is refused rather than silently moved.
 * An ambiguous start (fall-back) is not refused; {@code BookingRules} places it at the earlier offset.
 */
public final class LocalTimeExists implements RequestRule {

    @Override
    public Optional<Rejection> check(RequestedLesson lesson) {
        var offsets = lesson.profile().timezone().getRules().getValidOffsets(lesson.localStart());
        if (!offsets.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Rejection.of(ProblemCode.NONEXISTENT_LOCAL_TIME,
                lesson.localStart().toLocalDate() + " " + lesson.localStart().toLocalTime() + " does not exist in "
                        + lesson.profile().timezone().getId() + " (the clocks skip it)"));
    }
}
