package dev.lessonbook.payment;

import dev.lessonbook.money.Money;
import java.util.Objects;

/**
 * A dispute (chargeback) the cardholder's bank opened on a captured payment, as the provider
 * reported it: {@code OPEN} until the bank decides, then {@code WON} (the money stays) or
 * {@code LOST} (the disputed amount went back to the cardholder). A payment keeps the last
 * dispute it was told of, so a report about it that arrives late or twice changes nothing.
 */
public record Dispute(String id, Money amount, Outcome outcome) {

    public enum Outcome { OPEN, WON, LOST }

    public Dispute {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(outcome, "outcome");
    }

    public boolean isOpen() {
        return outcome == Outcome.OPEN;
    }
}
