package dev.lessonbook.payment;

/** What the payment provider did. Declines are outcomes; so is the provider being unreachable. */
public sealed interface PaymentOutcome {

    record Authorized(String paymentIntentId, long amount) implements PaymentOutcome {}

    record CardSaved(String customerId, String paymentMethodId) implements PaymentOutcome {}

    record Captured(String paymentIntentId, long amount) implements PaymentOutcome {}

    record Released(String paymentIntentId) implements PaymentOutcome {}

    record Refunded(String paymentIntentId, long amount) implements PaymentOutcome {}

    record Declined(String message) implements PaymentOutcome {}

    /** Network failure, timeout or provider 5xx: nothing is known to have happened. */
    record ProviderUnavailable(String message) implements PaymentOutcome {}
}
