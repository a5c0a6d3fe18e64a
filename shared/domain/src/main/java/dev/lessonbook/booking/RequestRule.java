package dev.lessonbook.booking;

import dev.lessonbook.problem.Rejection;
import java.util.Optional;

/** A rule of docs/spec.md §5.2–4: does the instructor offer this lesson at this local time at all. */
@FunctionalInterface
public interface RequestRule {

    Optional<Rejection> check(RequestedLesson lesson);
}
