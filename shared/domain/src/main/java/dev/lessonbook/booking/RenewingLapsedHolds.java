package dev.lessonbook.booking;

import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentOutcome;

/**
 * A confirmed lesson's authorization lapsed before it was captured (the provider cancelled it at
 * its {@code capture_before}, docs/decisions.md "Holds never lapse"): the saved card is authorized
 * again off-session for the price, under an idempotency key derived from the lapsed intent. Every
 * path that meets the lapse — the completion's refused capture, the scheduler reading the hold at
 * the lesson's end, Stripe's {@code payment_intent.canceled} — asks for the same renewal, so
 * whichever comes first makes it and the others are answered the same intent by Stripe.
 *
 * <p>Without a saved card (a lesson authorized on-session with a card that was not kept) nothing
 * can be authorized again: the caller sends the payment to MANUAL_REVIEW with an incident.
 */
public final class RenewingLapsedHolds {
    private final PaymentGateway payments;

    public RenewingLapsedHolds(PaymentGateway payments) {
        this.payments = payments;
    }

    /** What a renewal came to. */
    public sealed interface Renewal {}

    /** Authorized again: {@code payment} is AUTHORIZED under the new intent, remembering the lapsed one. */
    public record Renewed(Payment payment) implements Renewal {}

    /** No card saved with a customer: nothing to authorize off-session. */
    public record NoSavedCard() implements Renewal {}

    /** The provider refused (declined, authentication required): only a person can collect now. */
    public record Refused(String reason) implements Renewal {}

    /** The provider could not be reached: try again later, under the same key. */
    public record Unavailable() implements Renewal {}

    /** Renews the hold of {@code booking}'s AUTHORIZED payment, whose intent lapsed. */
    public Renewal renew(Booking booking) {
        Payment lapsed = booking.payment();
        if (!lapsed.hasSavedCard()) {
            return new NoSavedCard();
        }
        PaymentOutcome outcome = payments.authorizeSavedAgain(booking.id(), lapsed.amountAuthorized(), lapsed.customerId(),
                lapsed.paymentMethodId(), lapsed.paymentIntentId());
        return switch (outcome) {
            case PaymentOutcome.Authorized done -> new Renewed(lapsed.withRenewal(done.amount(), done.paymentIntentId()));
            case PaymentOutcome.ProviderUnavailable unavailable -> new Unavailable();
            default -> new Refused(CancellationSettlement.describe(outcome));
        };
    }

    /** The incident text for a lapsed hold that could not be renewed. */
    public static String noRenewal(Renewal renewal) {
        return switch (renewal) {
            case NoSavedCard none -> "the authorization lapsed before capture and no card is saved to authorize again";
            case Refused refused -> "the authorization lapsed before capture and authorizing the saved card again failed: "
                    + refused.reason();
            case Unavailable unavailable -> "the authorization lapsed before capture; the provider could not be reached";
            case Renewed renewed -> "renewed";
        };
    }
}
