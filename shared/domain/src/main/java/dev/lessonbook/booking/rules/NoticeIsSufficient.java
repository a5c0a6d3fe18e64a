package dev.lessonbook.booking.rules;

import dev.lessonbook.availability.DaySlots;
import dev.lessonbook.booking.ProposedLesson;
import dev.lessonbook.booking.SlotRule;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * docs/spec.md §5.6: the instructor's minimum notice for the lesson's location type (by default an
 * hour, three when the instructor has to travel to the student).
 */
public final class NoticeIsSufficient implements SlotRule {

    @Override
    public Optional<Rejection> check(ProposedLesson lesson, DaySlots day, Instant now) {
        Duration minimum = lesson.bookingLimits().minimumNotice(lesson.request().locationType());
        if (Duration.between(now, lesson.startsAt()).compareTo(minimum) >= 0) {
            return Optional.empty();
        }
        return Optional.of(Rejection.of(ProblemCode.INSUFFICIENT_NOTICE,
                "Lessons " + lesson.request().locationType().wireName() + " must be booked at least "
                        + minimum.toMinutes() + " minutes before they start"));
    }
}
