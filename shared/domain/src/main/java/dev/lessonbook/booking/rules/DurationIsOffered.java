package dev.lessonbook.booking.rules;

import dev.lessonbook.booking.RequestRule;
import dev.lessonbook.booking.RequestedLesson;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** docs/spec.md §5.3: only the durations the service lists. */
public final class DurationIsOffered implements RequestRule {

    @Override
    public Optional<Rejection> check(RequestedLesson lesson) {
        List<Integer> options = lesson.service().durationOptions();
        if (options.contains(lesson.request().durationMinutes())) {
            return Optional.empty();
        }
        String listed = options.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
        return Optional.of(Rejection.of(ProblemCode.INVALID_DURATION, "Duration must be one of " + listed + " minutes")
                .with(new Offered(options.stream().sorted().toList())));
    }

    /** {@code durationOptions}: the durations the service does offer, shortest first. */
    public record Offered(List<Integer> durationOptions) implements Rejection.Extra {
        public Offered {
            durationOptions = List.copyOf(durationOptions);
        }
    }
}
