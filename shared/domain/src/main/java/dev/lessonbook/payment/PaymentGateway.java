package dev.lessonbook.payment;

import dev.lessonbook.money.Money;

/**
 * Port: the payment provider. Every call carries an idempotency key derived from the booking id
 * and the operation, so a retried call never moves money twice.
 */
public interface PaymentGateway {

    /** Authorizes {@code amount} on the card now (manual capture). */
    PaymentOutcome authorize(String bookingId, Money amount, String paymentMethodId, String studentId);

    /** Saves the card for an authorization later (lessons more than 6 days ahead). */
    PaymentOutcome saveCard(String bookingId, String paymentMethodId, String studentId);

    /** Authorizes a saved card off-session (the scheduler, 24 h before the lesson). */
    PaymentOutcome authorizeSaved(String bookingId, Money amount, String customerId, String paymentMethodId);

    /** Charges a saved card off-session at once (a late cancellation of a booking never authorized). */
    PaymentOutcome chargeSaved(String bookingId, Money amount, String customerId, String paymentMethodId);

    /** Captures {@code amount} (all or part) of an authorization; the rest is released. */
    PaymentOutcome capture(String bookingId, String paymentIntentId, Money amount);

    /** Cancels an authorization: nothing is charged. */
    PaymentOutcome release(String bookingId, String paymentIntentId);

    /** Refunds {@code amount} of a captured payment. */
    PaymentOutcome refund(String bookingId, String paymentIntentId, Money amount);

    /**
     * What the provider says of the hold of {@code paymentIntentId} now: its deadline
     * ({@code capture_before}), or that it lapsed or is no hold. Reads only; no money moves.
     * A gateway that cannot tell answers {@link AuthorizationHold.Unknown}.
     */
    default AuthorizationHold hold(String bookingId, String paymentIntentId) {
        return new AuthorizationHold.Unknown("this gateway cannot read a hold");
    }

    /**
     * Authorizes the saved card off-session again because the hold of {@code lapsedIntentId}
     * lapsed: as {@link #authorizeSaved}, under an idempotency key of its own derived from the
     * lapsed intent — distinct from the first authorization's, and the same for every retry of
     * this renewal (docs/decisions.md "Holds never lapse").
     */
    default PaymentOutcome authorizeSavedAgain(String bookingId, Money amount, String customerId, String paymentMethodId,
            String lapsedIntentId) {
        return new PaymentOutcome.ProviderUnavailable("this gateway cannot renew an authorization");
    }

    /**
     * Captures {@code amount} of a renewed authorization ({@link #authorizeSavedAgain}), under an
     * idempotency key naming that intent: the booking's plain capture key may already be spent on
     * the intent that lapsed.
     */
    default PaymentOutcome captureRenewed(String bookingId, String paymentIntentId, Money amount) {
        return new PaymentOutcome.ProviderUnavailable("this gateway cannot capture a renewed authorization");
    }
}
