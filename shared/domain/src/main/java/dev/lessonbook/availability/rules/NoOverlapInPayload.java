package dev.lessonbook.availability.rules;

import dev.lessonbook.availability.AvailabilityOverlap;
import dev.lessonbook.availability.WeekRule;
import dev.lessonbook.availability.WeekSaveCheck;
import dev.lessonbook.problem.Rejection;
import java.util.Optional;

/** docs/spec.md §4.5: two windows of one payload on the same date must not overlap (touching is fine). */
public final class NoOverlapInPayload implements WeekRule {

    @Override
    public Optional<Rejection> check(WeekSaveCheck save) {
        return AvailabilityOverlap.firstWithin(save.command().windows()).map(AvailabilityOverlap::rejection);
    }
}
