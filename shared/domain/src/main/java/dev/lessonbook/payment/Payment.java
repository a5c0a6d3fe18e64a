package dev.lessonbook.payment;

import dev.lessonbook.money.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * The payment state of a booking: its status and what was authorized, captured and refunded, all
 * in the booking's currency. Provider references ({@code paymentIntentId}, {@code customerId},
 * {@code paymentMethodId}) are internal and never rendered to clients. {@code dispute} is the last
 * dispute the provider reported on the payment, or null. {@code captureBefore} is when the provider
 * lets the authorization lapse unless it is captured (read from the provider once the lesson has
 * ended; null until then), and {@code renewedFrom} the intent whose lapsed hold this authorization
 * replaced (null for the booking's first authorization) — docs/decisions.md "Holds never lapse".
 *
 * <p>A payment is made by the named constructors and moved on by the {@code with…} transitions,
 * each named for what the provider did; the canonical constructor is for mappers that read one back.
 */
public record Payment(
        PaymentStatus status,
        Money amountAuthorized,
        Money amountCaptured,
        Money amountRefunded,
        String paymentIntentId,
        String customerId,
        String paymentMethodId,
        Dispute dispute,
        Instant captureBefore,
        String renewedFrom) {

    public Payment {
        Objects.requireNonNull(status, "status");
        if (!amountAuthorized.sameCurrencyAs(amountCaptured) || !amountAuthorized.sameCurrencyAs(amountRefunded)) {
            throw new IllegalArgumentException("A payment's amounts share one currency: " + amountAuthorized + ", "
                    + amountCaptured + ", " + amountRefunded);
        }
    }

    /**
     * No money touched yet: a hold still paying, or a lesson that costs nothing. Its status is
     * {@code NOT_REQUIRED} until the provider answers; the card to pay with may already be known.
     */
    public static Payment untouched(String currency, String paymentMethodId) {
        Money none = Money.zero(currency);
        return new Payment(PaymentStatus.NOT_REQUIRED, none, none, none, null, null, paymentMethodId, null, null, null);
    }

    /** A lesson that costs nothing: there is nothing to pay. */
    public static Payment notRequired(String currency) {
        return untouched(currency, null);
    }

    /** {@code amount} authorized on the card now (manual capture), under {@code paymentIntentId}. */
    public static Payment authorized(Money amount, String paymentIntentId, String paymentMethodId) {
        return untouched(amount.currency(), paymentMethodId).withAuthorization(amount, paymentIntentId);
    }

    /**
     * {@code amount} authorized now with the card saved to {@code customerId} as
     * {@code paymentMethodId}, so the lesson can be authorized again off-session (a move that
     * changes its price).
     */
    public static Payment authorized(Money amount, String paymentIntentId, String customerId, String paymentMethodId) {
        Money none = Money.zero(amount.currency());
        return new Payment(PaymentStatus.NOT_REQUIRED, none, none, none, null, customerId, paymentMethodId, null, null, null)
                .withAuthorization(amount, paymentIntentId);
    }

    /** The card saved with its customer, for an authorization 24 h before the lesson. */
    public static Payment scheduled(String currency, String customerId, String paymentMethodId) {
        Money none = Money.zero(currency);
        return new Payment(PaymentStatus.SCHEDULED, none, none, none, null, customerId, paymentMethodId, null, null, null);
    }

    /**
     * The card asks its holder to authenticate on {@code intentId} (a PaymentIntent, or the
     * SetupIntent saving it for {@code customerId}): nothing held or saved yet.
     */
    public static Payment awaitingAuthentication(String currency, String intentId, String customerId,
            String paymentMethodId) {
        Money none = Money.zero(currency);
        return new Payment(PaymentStatus.REQUIRES_ACTION, none, none, none, intentId, customerId, paymentMethodId, null, null,
                null);
    }

    /** The same payment naming {@code newCustomerId} as the customer its card is (to be) saved to. */
    public Payment withCustomer(String newCustomerId) {
        return new Payment(status, amountAuthorized, amountCaptured, amountRefunded, paymentIntentId, newCustomerId,
                paymentMethodId, dispute, captureBefore, renewedFrom);
    }

    public Payment withStatus(PaymentStatus newStatus) {
        return new Payment(newStatus, amountAuthorized, amountCaptured, amountRefunded, paymentIntentId, customerId,
                paymentMethodId, dispute, captureBefore, renewedFrom);
    }

    /** The provider authorized {@code amount} (now, or off-session on the saved card): nothing captured yet. */
    public Payment withAuthorization(Money amount, String intentId) {
        Money none = Money.zero(amount.currency());
        return new Payment(PaymentStatus.AUTHORIZED, amount, none, none, intentId, customerId, paymentMethodId, null, null,
                null);
    }

    /**
     * The provider captured {@code amount} under {@code intentId}: of the authorization, or — for
     * a payment still SCHEDULED — by charging the saved card off-session, which authorizes and
     * captures the amount in one go.
     */
    public Payment withCapture(Money amount, String intentId) {
        Money authorizedNow = status == PaymentStatus.SCHEDULED ? amount : amountAuthorized;
        return new Payment(PaymentStatus.CAPTURED, authorizedNow, amount, amountRefunded, intentId, customerId,
                paymentMethodId, dispute, captureBefore, renewedFrom);
    }

    /** The provider refunded {@code amount} more: REFUNDED once all that was captured is back, else still CAPTURED. */
    public Payment withRefund(Money amount) {
        Money refundedNow = amountRefunded.plus(amount);
        PaymentStatus now = amountCaptured.exceeds(refundedNow) ? PaymentStatus.CAPTURED : PaymentStatus.REFUNDED;
        return new Payment(now, amountAuthorized, amountCaptured, refundedNow, paymentIntentId, customerId,
                paymentMethodId, dispute, captureBefore, renewedFrom);
    }

    /**
     * The provider reports that {@code total} has been refunded of this payment so far (refunds
     * made in its dashboard included). Refunds only grow, so a total at or below what is recorded
     * is an old report and changes nothing; a dispute's status is kept.
     */
    public Payment withRefundedTotal(Money total) {
        if (!total.exceeds(amountRefunded)) {
            return this;
        }
        Payment refunded = new Payment(status, amountAuthorized, amountCaptured, total, paymentIntentId, customerId,
                paymentMethodId, dispute, captureBefore, renewedFrom);
        return isDisputeStatus(status) ? refunded : refunded.withStatus(refunded.settledStatus());
    }

    /** The cardholder's bank disputes {@code amount} of this payment: DISPUTED until it decides. */
    public Payment withDisputeOpened(String disputeId, Money amount) {
        return new Payment(PaymentStatus.DISPUTED, amountAuthorized, amountCaptured, amountRefunded, paymentIntentId,
                customerId, paymentMethodId, new Dispute(disputeId, amount, Dispute.Outcome.OPEN), captureBefore, renewedFrom);
    }

    /**
     * The bank decided: a dispute won leaves the payment as it was before (CAPTURED, or REFUNDED
     * if everything was refunded); a lost one is DISPUTE_LOST, and what it keeps drops by the
     * disputed amount ({@link #kept}).
     */
    public Payment withDisputeClosed(String disputeId, Money amount, boolean won) {
        Payment closed = new Payment(status, amountAuthorized, amountCaptured, amountRefunded, paymentIntentId,
                customerId, paymentMethodId, new Dispute(disputeId, amount, won ? Dispute.Outcome.WON : Dispute.Outcome.LOST),
                captureBefore, renewedFrom);
        return closed.withStatus(won ? closed.settledStatus() : PaymentStatus.DISPUTE_LOST);
    }

    /** The provider lets this authorization lapse at {@code deadline} unless it is captured before. */
    public Payment withCaptureBefore(Instant deadline) {
        return new Payment(status, amountAuthorized, amountCaptured, amountRefunded, paymentIntentId, customerId,
                paymentMethodId, dispute, Objects.requireNonNull(deadline, "deadline"), renewedFrom);
    }

    /**
     * The hold of {@link #paymentIntentId} lapsed and the saved card was authorized again for
     * {@code amount} under {@code intentId}: AUTHORIZED anew, remembering the lapsed intent (whose
     * capture key is spent), its deadline to be read again.
     */
    public Payment withRenewal(Money amount, String intentId) {
        Money none = Money.zero(amount.currency());
        return new Payment(PaymentStatus.AUTHORIZED, amount, none, none, intentId, customerId, paymentMethodId, null, null,
                paymentIntentId);
    }

    /** A card saved with its customer, which the provider can charge or authorize off-session. */
    public boolean hasSavedCard() {
        return customerId != null && paymentMethodId != null;
    }

    private PaymentStatus settledStatus() {
        return amountCaptured.exceeds(amountRefunded) ? PaymentStatus.CAPTURED : PaymentStatus.REFUNDED;
    }

    private static boolean isDisputeStatus(PaymentStatus status) {
        return status == PaymentStatus.DISPUTED || status == PaymentStatus.DISPUTE_LOST;
    }

    /** Its status and amounts, as events and responses show them. */
    public PaymentSummary summary() {
        return new PaymentSummary(status, amountAuthorized, amountCaptured, amountRefunded);
    }

    /** What the payment keeps: captured minus refunded, minus the amount of a dispute it lost. */
    public Money kept() {
        Money kept = amountCaptured.minus(amountRefunded.min(amountCaptured));
        if (dispute != null && dispute.outcome() == Dispute.Outcome.LOST && dispute.amount().sameCurrencyAs(kept)) {
            return kept.minus(dispute.amount().min(kept));
        }
        return kept;
    }
}
