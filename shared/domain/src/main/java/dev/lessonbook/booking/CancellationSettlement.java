package dev.lessonbook.booking;

import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentStatus;
import java.util.List;

/**
 * The money side of a cancellation, done after the booking is already CANCELLED and its time
 * freed. Which provider call runs is decided by the stored booking alone ({@link #moveFor}): a
 * payment still AUTHORIZED, SCHEDULED with a charge due, or CAPTURED beyond what the policy
 * charged is a move not yet made; every other state is settled. Each call carries the idempotency
 * key of its booking and operation, so running a settlement twice (the request, then the
 * scheduler after a crash) makes Stripe replay the first answer instead of moving money again.
 */
public final class CancellationSettlement {
    private final BookingStore bookings;
    private final PaymentGateway payments;
    private final PaymentIncidents incidents;

    public CancellationSettlement(BookingStore bookings, PaymentGateway payments, PaymentIncidents incidents) {
        this.bookings = bookings;
        this.payments = payments;
        this.incidents = incidents;
    }

    /** The money move a cancelled booking still needs. */
    public sealed interface MoneyMove {
        default boolean needsProvider() {
            return !(this instanceof Nothing);
        }
    }

    /** Settled already, or nothing a provider could do (MANUAL_REVIEW, FAILED, no payment). */
    public record Nothing() implements MoneyMove {}

    /** Cancel the authorization: nothing is charged. */
    public record Release(String paymentIntentId) implements MoneyMove {}

    /** Capture {@code amount} of the authorization; Stripe releases the rest. */
    public record Capture(String paymentIntentId, Money amount) implements MoneyMove {}

    /**
     * Cancel an intent still waiting for its customer's authentication (3-D Secure on booking, or
     * off-session): nothing was held, nothing is charged, and a late authentication holds nothing
     * either. Under a key naming the intent ({@link PaymentGateway#releaseReplaced}).
     */
    public record ReleaseWaiting(String intentId) implements MoneyMove {}

    /** Charge the saved card off-session (a late cancellation of a lesson never authorized). */
    public record ChargeSaved(Money amount) implements MoneyMove {}

    /** Give back what was captured beyond the charge. */
    public record Refund(String paymentIntentId, Money amount) implements MoneyMove {}

    /**
     * The payment recorded in the cancelling transaction: unchanged (the move is still to be
     * made) except where no provider is needed — a scheduled authorization that is simply never
     * made is RELEASED at once, and nothing is charged where there is no payment.
     */
    static Payment paymentAtCancellation(Payment payment, Money amountCharged) {
        if (payment.status() == PaymentStatus.SCHEDULED && amountCharged.amount() == 0) {
            return payment.withStatus(PaymentStatus.RELEASED);
        }
        return payment;
    }

    /**
     * Whether {@code payment} waits for its card holder's authentication (REQUIRES_ACTION), or
     * failed it off-session (FAILED on a booking not yet cancelled for it), on an intent: no money
     * is held, so cancelling costs nothing (docs/spec.md §6, "Cancelling").
     */
    static boolean awaitsAuthentication(Payment payment) {
        return (payment.status() == PaymentStatus.REQUIRES_ACTION || payment.status() == PaymentStatus.FAILED)
                && payment.paymentIntentId() != null;
    }

    public static MoneyMove moveFor(Booking cancelled) {
        if (cancelled.status() != BookingStatus.CANCELLED || cancelled.cancellation() == null) {
            return new Nothing();
        }
        Payment payment = cancelled.payment();
        Money charge = cancelled.cancellation().amountCharged();
        return switch (payment.status()) {
            case AUTHORIZED -> charge.amount() == 0
                    ? new Release(payment.paymentIntentId())
                    : new Capture(payment.paymentIntentId(), charge.min(payment.amountAuthorized()));
            case SCHEDULED -> charge.amount() == 0 ? new Nothing() : new ChargeSaved(charge);
            // Cancelled while the card awaited its holder's authentication (a PENDING booking, or a
            // confirmed one whose off-session authorization asked for it, FAILED once that failed):
            // nothing is held yet, and the intent is cancelled so that a late authentication holds
            // nothing either.
            case REQUIRES_ACTION, FAILED -> payment.paymentIntentId() == null
                    ? new Nothing() : new ReleaseWaiting(payment.paymentIntentId());
            case CAPTURED -> payment.kept().exceeds(charge)
                    ? new Refund(payment.paymentIntentId(), payment.kept().minus(charge))
                    : new Nothing();
            case NOT_REQUIRED, RELEASED, REFUNDED, MANUAL_REVIEW, DISPUTED, DISPUTE_LOST -> new Nothing();
        };
    }

    /**
     * Makes the move {@code cancelled} still needs and records the provider's answer. Any failure
     * leaves the booking cancelled with payment MANUAL_REVIEW, logged and counted: the answer of
     * a failed call is unknown, so no code path retries it on its own.
     */
    public Booking settle(Booking cancelled) {
        MoneyMove move = moveFor(cancelled);
        if (!move.needsProvider()) {
            return cancelled;
        }
        Payment payment = cancelled.payment();
        String id = cancelled.id();
        PaymentOutcome outcome = switch (move) {
            case Release release -> payments.release(id, release.paymentIntentId());
            case ReleaseWaiting waiting -> payments.releaseReplaced(id, waiting.intentId());
            // A renewed hold's capture has a key of its own: the plain one may be spent on the lapsed intent.
            case Capture capture -> payment.renewedFrom() != null
                    ? payments.captureRenewed(id, capture.paymentIntentId(), capture.amount())
                    : payments.capture(id, capture.paymentIntentId(), capture.amount());
            case ChargeSaved charge -> payments.chargeSaved(id, charge.amount(), payment.customerId(),
                    payment.paymentMethodId());
            case Refund refund -> payments.refund(id, refund.paymentIntentId(), refund.amount());
            case Nothing nothing -> throw new IllegalStateException("unreachable");
        };
        Payment settled = switch (outcome) {
            case PaymentOutcome.Released released -> payment.withStatus(PaymentStatus.RELEASED);
            case PaymentOutcome.Captured captured -> payment.withCapture(captured.amount(), captured.paymentIntentId());
            case PaymentOutcome.Refunded refunded -> payment.withRefund(refunded.amount());
            default -> {
                incidents.manualReview(id, operationOf(move), describe(outcome));
                yield payment.withStatus(PaymentStatus.MANUAL_REVIEW);
            }
        };
        Booking recorded = cancelled.withPayment(settled);
        // Conditional on CANCELLED only: a concurrent settlement of the same booking made the same
        // provider call under the same idempotency key, so it records the same answer.
        return bookings.update(recorded, BookingStatus.CANCELLED, List.of())
                ? recorded
                : bookings.find(id).orElse(recorded);
    }

    private static String operationOf(MoneyMove move) {
        return switch (move) {
            case Release release -> "release";
            case ReleaseWaiting waiting -> "release-waiting";
            case Capture capture -> "capture";
            case ChargeSaved charge -> "charge-saved";
            case Refund refund -> "refund";
            case Nothing nothing -> "none";
        };
    }

    static String describe(PaymentOutcome outcome) {
        return switch (outcome) {
            case PaymentOutcome.Declined declined -> "declined: " + declined.message();
            case PaymentOutcome.ProviderUnavailable unavailable -> "provider unavailable: " + unavailable.message();
            default -> "unexpected answer " + outcome.getClass().getSimpleName();
        };
    }
}
