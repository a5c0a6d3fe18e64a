package dev.lessonbook.booking.rules;

import dev.lessonbook.availability.DaySlots;
import dev.lessonbook.booking.ProposedLesson;
import dev.lessonbook.booking.SlotRule;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.time.Instant;
import java.util.Optional;

/** docs/spec.md §5.8: a lesson that costs something needs a card; a free one does not. */
public final class PaymentMethodGiven implements SlotRule {

    @Override
    public Optional<Rejection> check(ProposedLesson lesson, DaySlots day, Instant now) {
        String paymentMethodId = lesson.request().paymentMethodId();
        if (lesson.price().amount() == 0 || (paymentMethodId != null && !paymentMethodId.isBlank())) {
            return Optional.empty();
        }
        return Optional.of(Rejection.of(ProblemCode.PAYMENT_METHOD_REQUIRED,
                "This lesson costs " + lesson.price().amount() + " " + lesson.price().currency()
                        + " (minor units); a paymentMethodId is required"));
    }
}
