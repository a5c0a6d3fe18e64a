package dev.lessonbook.booking;

import dev.lessonbook.access.Role;
import dev.lessonbook.money.Money;

/** What the cancellation policy decided for a booking that may be cancelled. */
public sealed interface CancellationDecision {

    /**
     * Cancel it, charging {@code chargePercent} of the price: {@code amountCharged}.
     *
     * @param by who cancels: the student, the instructor or an admin
     */
    record Cancel(Role by, int chargePercent, Money amountCharged) implements CancellationDecision {}

    /** Already cancelled: answer it unchanged, with no side effects (docs/spec.md §6). */
    record AlreadyCancelled() implements CancellationDecision {}
}
