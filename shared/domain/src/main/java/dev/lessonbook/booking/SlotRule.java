package dev.lessonbook.booking;

import dev.lessonbook.availability.DaySlots;
import dev.lessonbook.problem.Rejection;
import java.time.Instant;
import java.util.Optional;

/** A rule of docs/spec.md §5.5, 5.6 and 5.8: can this placed lesson be booked against the stored day, now. */
@FunctionalInterface
public interface SlotRule {

    Optional<Rejection> check(ProposedLesson lesson, DaySlots day, Instant now);
}
