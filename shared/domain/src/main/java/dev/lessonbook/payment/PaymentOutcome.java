package dev.lessonbook.payment;

import dev.lessonbook.money.Money;

/** What the payment provider did. Declines are outcomes; so is the provider being unreachable. */
public sealed interface PaymentOutcome {

    /**
     * {@code amount} held under {@code paymentIntentId}. {@code customerId} and
     * {@code paymentMethodId} are the Customer the card is saved with and the saved method's own
     * id, for another authorization of the same lesson later (a test token such as
     * {@code pm_card_visa} becomes a method of its own); null when the card was not saved.
     */
    record Authorized(String paymentIntentId, Money amount, String customerId, String paymentMethodId)
            implements PaymentOutcome {
        public Authorized(String paymentIntentId, Money amount) {
            this(paymentIntentId, amount, null, null);
        }
    }

    record CardSaved(String customerId, String paymentMethodId) implements PaymentOutcome {}

    /**
     * The card asks its holder to authenticate (3-D Secure) on the intent {@code intentId} — a
     * PaymentIntent authorizing, or a SetupIntent saving the card for {@code customerId} (null for
     * a PaymentIntent). {@code clientSecret} is what the student's browser completes it with: it is
     * shown to that student only, never stored, never logged.
     */
    record RequiresAction(String intentId, String clientSecret, String customerId) implements PaymentOutcome {
        @Override
        public String toString() {
            return "RequiresAction[intentId=" + intentId + ", customerId=" + customerId + "]";
        }
    }

    record Captured(String paymentIntentId, Money amount) implements PaymentOutcome {}

    record Released(String paymentIntentId) implements PaymentOutcome {}

    record Refunded(String paymentIntentId, Money amount) implements PaymentOutcome {}

    /**
     * The provider said no, and repeating the request cannot change that. {@code declineCode} is the
     * card issuer's reason as Stripe reports it ({@code insufficient_funds},
     * {@code authentication_required}, …), or null when there is none (a request refused, not a card).
     */
    record Declined(String message, String declineCode) implements PaymentOutcome {
        public Declined(String message) {
            this(message, null);
        }
    }

    /** Network failure, timeout or provider 5xx: nothing is known to have happened. */
    record ProviderUnavailable(String message) implements PaymentOutcome {}
}
