package dev.lessonbook.booking.rules;

import dev.lessonbook.availability.DaySlots;
import dev.lessonbook.booking.ProposedLesson;
import dev.lessonbook.booking.SlotRule;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * docs/spec.md §5.6: a lesson's local date is at most {@code maxAdvanceDays} after the instructor's
 * local today. Counted in dates, so a DST change in between moves the boundary by no hour.
 */
public final class WithinBookingHorizon implements SlotRule {

    @Override
    public Optional<Rejection> check(ProposedLesson lesson, DaySlots day, Instant now) {
        LocalDate last = lesson.bookingLimits().lastBookableDate(now, lesson.timezone());
        if (!lesson.request().date().isAfter(last)) {
            return Optional.empty();
        }
        return Optional.of(Rejection.of(ProblemCode.BEYOND_BOOKING_HORIZON,
                "Lessons with this instructor can be booked at most " + lesson.bookingLimits().maxAdvanceDays()
                        + " days ahead, up to " + last));
    }
}
