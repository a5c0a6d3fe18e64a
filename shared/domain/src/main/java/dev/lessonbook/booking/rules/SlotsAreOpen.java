package dev.lessonbook.booking.rules;

import dev.lessonbook.availability.DaySlots;
import dev.lessonbook.booking.ProposedLesson;
import dev.lessonbook.booking.SlotRule;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.time.Instant;
import java.util.Optional;

/**
 * docs/spec.md §5.5: every 5-minute slot of the lesson is open in the stored day. Buffers are not checked
 * against availability — they guard against other bookings, which the database's locks do.
 */
public final class SlotsAreOpen implements SlotRule {
    public static final String DETAIL = "Requested time is not available";

    @Override
    public Optional<Rejection> check(ProposedLesson lesson, DaySlots day, Instant now) {
        if (day.coversAll(lesson.request().startMinute(), lesson.endMinute())) {
            return Optional.empty();
        }
        return Optional.of(Rejection.of(ProblemCode.NOT_AVAILABLE, DETAIL));
    }
}
