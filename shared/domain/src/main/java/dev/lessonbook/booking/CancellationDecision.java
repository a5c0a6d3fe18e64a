package dev.lessonbook.booking;

import dev.lessonbook.money.Money;

/** What the cancellation policy decided for a booking that may be cancelled. */
public sealed interface CancellationDecision {

    /**
     * Cancel it, charging {@code chargePercent} of the price: {@code amountCharged}.
     *
     * @param by who cancels, as recorded: {@code student}, {@code instructor} or {@code admin}
     */
    record Cancel(String by, int chargePercent, Money amountCharged) implements CancellationDecision {}

    /** Already cancelled: answer it unchanged, with no side effects (docs/spec.md §6). */
    record AlreadyCancelled() implements CancellationDecision {}
}
