package dev.lessonbook.booking.rules;

import dev.lessonbook.booking.RequestRule;
import dev.lessonbook.booking.RequestedLesson;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.profile.LessonPrice;
import java.util.Optional;

/**
 * A lesson costs at most what one payment can hold ({@link LessonPrice#maxAmount}). Profiles are
 * bounded when saved; this catches one stored before they were, whose price would otherwise be
 * a failed authorization (or an overflow) on every booking.
 */
public final class PriceIsChargeable implements RequestRule {

    @Override
    public Optional<Rejection> check(RequestedLesson lesson) {
        var request = lesson.request();
        var service = lesson.service();
        if (LessonPrice.of(service, request.locationType(), request.durationMinutes()).isPresent()) {
            return Optional.empty();
        }
        String currency = service.currency();
        return Optional.of(Rejection.of(ProblemCode.PRICE_TOO_HIGH, "A " + request.durationMinutes() + "-minute "
                + service.id() + " lesson (" + request.locationType().wireName() + ") would cost more than "
                + LessonPrice.maxAmount(currency) + " " + currency
                + " in its smallest unit, the most one payment can be; choose a shorter lesson"));
    }
}
