package dev.lessonbook.availability;

import dev.lessonbook.problem.Rejection;
import java.util.Optional;

/** One rule of docs/spec.md §4 (1–5) that a week-save payload must pass before anything is read or written. */
@FunctionalInterface
public interface WeekRule {

    Optional<Rejection> check(WeekSaveCheck save);
}
