package dev.lessonbook.payment;

import dev.lessonbook.money.Money;

/**
 * Port: the payment provider. Every call carries an idempotency key derived from the booking id
 * and the operation, so a retried call never moves money twice.
 */
public interface PaymentGateway {

    /**
     * Authorizes {@code amount} on the card now (manual capture), saving the card to the student's
     * customer for off-session use: the answer names the customer and the saved method.
     * {@code customerId} is the student's customer when known (stored with the student, or kept by
     * the booking); {@code null} finds or makes it under the student's own idempotency key
     * (docs/decisions.md "The student's Customer").
     */
    PaymentOutcome authorize(String bookingId, Money amount, String paymentMethodId, String studentId, String customerId);

    /** {@link #authorize(String, Money, String, String, String)} with the student's customer not known. */
    default PaymentOutcome authorize(String bookingId, Money amount, String paymentMethodId, String studentId) {
        return authorize(bookingId, amount, paymentMethodId, studentId, null);
    }

    /**
     * Saves the card for an authorization later (lessons more than 6 days ahead) to the student's
     * customer: {@code customerId} when known, else found or made as {@link #authorize} does.
     */
    PaymentOutcome saveCard(String bookingId, String paymentMethodId, String studentId, String customerId);

    /** {@link #saveCard(String, String, String, String)} with the student's customer not known. */
    default PaymentOutcome saveCard(String bookingId, String paymentMethodId, String studentId) {
        return saveCard(bookingId, paymentMethodId, studentId, null);
    }

    /** Authorizes a saved card off-session (the scheduler, 24 h before the lesson). */
    PaymentOutcome authorizeSaved(String bookingId, Money amount, String customerId, String paymentMethodId);

    /**
     * Authorizes {@code amount} on a saved card off-session for a move of the lesson that changes
     * its price: one authorization per move number and amount (its own idempotency key), next to
     * the lesson's current one until the move commits.
     */
    PaymentOutcome authorizeSavedForMove(String bookingId, int move, Money amount, String customerId,
            String paymentMethodId);

    /**
     * Cancels an intent the booking no longer uses, under a key of its own per intent, so it never
     * meets the booking's {@link #release}: an authorization replaced by a move's, or made for a
     * move that did not commit; or an intent (PaymentIntent or SetupIntent) still waiting for its
     * customer's authentication when the booking was cancelled.
     */
    PaymentOutcome releaseReplaced(String bookingId, String paymentIntentId);

    /** Charges a saved card off-session at once (a late cancellation of a booking never authorized). */
    PaymentOutcome chargeSaved(String bookingId, Money amount, String customerId, String paymentMethodId);

    /** Captures {@code amount} (all or part) of an authorization; the rest is released. */
    PaymentOutcome capture(String bookingId, String paymentIntentId, Money amount);

    /** Cancels an authorization: nothing is charged. */
    PaymentOutcome release(String bookingId, String paymentIntentId);

    /** Refunds {@code amount} of a captured payment. */
    PaymentOutcome refund(String bookingId, String paymentIntentId, Money amount);

    /**
     * What became of an intent that asked the customer to authenticate ({@link PaymentOutcome.RequiresAction}),
     * read from the provider: {@code Authorized} (a PaymentIntent holding {@code amount}),
     * {@code CardSaved} (a SetupIntent), {@code RequiresAction} (still waiting), {@code Declined}
     * (authentication failed), {@code Released} (cancelled) or {@code ProviderUnavailable}. A read:
     * it moves no money.
     */
    default PaymentOutcome afterAuthentication(String bookingId, String intentId, Money amount) {
        return new PaymentOutcome.ProviderUnavailable("This payment gateway cannot read an intent back");
    }

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
