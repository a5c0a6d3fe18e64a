package dev.lessonbook.booking.rules;

import dev.lessonbook.booking.RequestRule;
import dev.lessonbook.booking.RequestedLesson;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.util.Optional;

/** docs/spec.md §5.2: a service offers exactly the location types it has a rate for. */
public final class LocationIsOffered implements RequestRule {

    @Override
    public Optional<Rejection> check(RequestedLesson lesson) {
        if (lesson.service().hourlyRates().containsKey(lesson.request().locationType())) {
            return Optional.empty();
        }
        return Optional.of(Rejection.of(ProblemCode.LOCATION_NOT_OFFERED,
                "Service " + lesson.service().id() + " is not offered " + lesson.request().locationType().wireName()));
    }
}
