package dev.lessonbook.booking;

import dev.lessonbook.payment.AuthorizationHold;
import dev.lessonbook.payment.Dispute;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentReport;
import dev.lessonbook.payment.PaymentReport.AuthorizationCanceled;
import dev.lessonbook.payment.PaymentReport.AuthorizationFailed;
import dev.lessonbook.payment.PaymentReport.AuthorizationHeld;
import dev.lessonbook.payment.PaymentReport.CardSetUp;
import dev.lessonbook.payment.PaymentReport.DisputeClosed;
import dev.lessonbook.payment.PaymentReport.DisputeOpened;
import dev.lessonbook.payment.PaymentReport.Refunded;
import dev.lessonbook.payment.PaymentStatus;
import java.util.Objects;

/**
 * What a provider's report does to a stored booking (docs/spec.md §6, "Stripe webhooks"), as a pure
 * function of the two. A report only ever moves a payment forward: a report the booking already
 * reflects, one older than its state, or one about another intent than the booking's is
 * {@link Unchanged}. So a report applied twice, or two reports in either order, end in the same
 * state — the webhook needs no ordering, only a write conditional on the state it read.
 *
 * <ul>
 *   <li>On a PENDING booking whose card awaits its holder's authentication (3-D Secure) on the
 *       reported intent: {@code AuthorizationHeld} / {@code CardSetUp} → {@link Confirmed}
 *       (AUTHORIZED / SCHEDULED), {@code AuthorizationFailed} → {@link AuthenticationFailed}
 *       (PAYMENT_FAILED, time freed). An authorization reported for such an intent after its
 *       booking ended (EXPIRED, or PAYMENT_FAILED) is recorded AUTHORIZED, which makes its release
 *       due work for the scheduler.
 *   <li>{@code AuthorizationHeld}: a confirmed booking whose card was only saved (SCHEDULED) is
 *       AUTHORIZED with that intent (the scheduler's answer, reported by the provider).
 *   <li>{@code AuthorizationFailed}: that same authorization declined → the booking PAYMENT_FAILED,
 *       payment FAILED, its time freed, BookingPaymentFailed — as the scheduler does.
 *   <li>{@code AuthorizationCanceled} of the booking's AUTHORIZED intent: on a booking that holds no
 *       time, or a cancellation that charges nothing, it is the release → RELEASED; on a CONFIRMED
 *       booking whose hold Stripe let lapse ({@code automatic}) with a saved card → {@link HoldLapsed}
 *       (authorized again); cancelled outside Lessonbook, or no card saved → MANUAL_REVIEW.
 *   <li>{@code Refunded}: a settled payment (not one whose cancellation still awaits its move)
 *       records the provider's refunded total → REFUNDED when all is back, else CAPTURED.
 *   <li>{@code DisputeOpened}/{@code DisputeClosed}: a captured payment is DISPUTED, then CAPTURED
 *       (won) or DISPUTE_LOST; a dispute already decided is never reopened by a late report.
 * </ul>
 */
public final class PaymentReconciliation {

    private PaymentReconciliation() {}

    /** What to write for a report. */
    public sealed interface Change {}

    /** Nothing moves: the booking already reflects the report, or the report is not about its payment. */
    public record Unchanged(String why) implements Change {}

    /** The payment moves on; the booking's status stays. */
    public record NewPayment(Booking updated) implements Change {}

    /** The payment moves to MANUAL_REVIEW: a person must look ({@code reason} for the incident). */
    public record NeedsReview(Booking updated, String reason) implements Change {}

    /** A confirmed lesson's hold lapsed uncaptured and its card is saved: it is to be authorized again. */
    public record HoldLapsed(Booking booking) implements Change {}

    /** The booking's authorization failed: it ends PAYMENT_FAILED and frees its time. */
    public record PaymentFailed(Booking failed) implements Change {}

    /** The customer's authentication succeeded: the PENDING booking is confirmed (conditional on PENDING). */
    public record Confirmed(Booking pending, Booking confirmed) implements Change {}

    /** The customer's authentication failed: the PENDING booking ends PAYMENT_FAILED and frees its time. */
    public record AuthenticationFailed(Booking failed) implements Change {}

    /** A dispute opened or closed: recorded, and an administrator is told ({@code stage}). */
    public record DisputeChanged(Booking updated, String disputeId, String stage) implements Change {}

    private static final String AUTHENTICATION_REQUIRED = "authentication_required";

    public static Change of(Booking booking, PaymentReport report, java.time.Instant now) {
        Objects.requireNonNull(booking, "booking");
        Payment payment = booking.payment();
        if (ConfirmingAPayment.awaitsAuthentication(booking) && isThisBookingsIntent(payment, report)) {
            return switch (report) {
                case AuthorizationHeld held -> held.amount().sameCurrencyAs(booking.price())
                        ? new Confirmed(booking, booking.confirmed(now, Payment.authorized(held.amount(),
                                held.paymentIntentId(), payment.paymentMethodId())))
                        : new Unchanged("an authorization in another currency");
                case CardSetUp setUp -> new Confirmed(booking, booking.confirmed(now,
                        Payment.scheduled(booking.price().currency(), setUp.customerId(), setUp.paymentMethodId())));
                case AuthorizationFailed failed -> new AuthenticationFailed(booking.withStatus(BookingStatus.PAYMENT_FAILED)
                        .withPayment(payment.withStatus(PaymentStatus.FAILED)));
                default -> new Unchanged("the intent still awaits its customer's authentication");
            };
        }
        if (OffSessionAuthentication.awaits(booking) && isThisBookingsIntent(payment, report)) {
            // The student authenticates the scheduled authorization on session (docs/decisions.md
            // "3-D Secure off-session"): held → AUTHORIZED; the off-session refusal itself (Stripe
            // reports it too) changes nothing; a failed authentication → payment FAILED, which the
            // scheduler finishes at once (PAYMENT_FAILED, slot freed, both told, intent cancelled).
            return switch (report) {
                case AuthorizationHeld held -> held.amount().sameCurrencyAs(booking.price())
                        ? new NewPayment(booking.withPayment(payment.withAuthorization(held.amount(), held.paymentIntentId())))
                        : new Unchanged("an authorization in another currency");
                case AuthorizationFailed failed when AUTHENTICATION_REQUIRED.equals(failed.declineCode()) ->
                        new Unchanged("the off-session refusal that asked the student to authenticate");
                case AuthorizationFailed failed -> new NewPayment(booking.withPayment(payment.withStatus(PaymentStatus.FAILED)));
                default -> new Unchanged("the intent still awaits its customer's authentication");
            };
        }
        return switch (report) {
            case CardSetUp setUp -> new Unchanged("no card setup awaited on this intent");
            case AuthorizationHeld held when lateAuthentication(booking, held) -> new NewPayment(booking.withPayment(
                    payment.withAuthorization(held.amount(), held.paymentIntentId())));
            case AuthorizationHeld held -> {
                if (booking.status() == BookingStatus.CONFIRMED && payment.status() == PaymentStatus.SCHEDULED
                        && held.amount().sameCurrencyAs(booking.price())) {
                    yield new NewPayment(booking.withPayment(payment.withAuthorization(held.amount(), held.paymentIntentId())));
                }
                yield new Unchanged("no saved card awaiting this authorization");
            }
            // Off-session, the issuer asked for authentication: the scheduler records REQUIRES_ACTION
            // from the same answer and asks the student; it is not a decline.
            case AuthorizationFailed failed when AUTHENTICATION_REQUIRED.equals(failed.declineCode()) ->
                    new Unchanged("authentication asked of the student; the scheduler records it");
            case AuthorizationFailed failed -> {
                if (booking.status() == BookingStatus.CONFIRMED && payment.status() == PaymentStatus.SCHEDULED) {
                    yield new PaymentFailed(booking.withStatus(BookingStatus.PAYMENT_FAILED)
                            .withPayment(payment.withStatus(PaymentStatus.FAILED)));
                }
                yield new Unchanged("no authorization of this booking is awaited");
            }
            case AuthorizationCanceled canceled -> {
                if (payment.status() != PaymentStatus.AUTHORIZED || !isThisBookingsIntent(payment, canceled)) {
                    yield new Unchanged("not the booking's live authorization");
                }
                yield switch (booking.status()) {
                    case PAYMENT_FAILED, EXPIRED -> new NewPayment(booking.withPayment(payment.withStatus(PaymentStatus.RELEASED)));
                    case CANCELLED -> CancellationSettlement.moveFor(booking) instanceof CancellationSettlement.Release
                            ? new NewPayment(booking.withPayment(payment.withStatus(PaymentStatus.RELEASED)))
                            // A capture is still due: the settlement meets the cancelled intent and records MANUAL_REVIEW.
                            : new Unchanged("the cancellation's capture is still to be made");
                    // Stripe let the hold lapse and the card is saved: authorize it again (docs/decisions.md
                    // "Holds never lapse"); cancelled by a person, or nothing saved: a person decides.
                    case CONFIRMED -> AuthorizationHold.Lapsed.LAPSE_REASON.equals(canceled.reason()) && payment.hasSavedCard()
                            ? new HoldLapsed(booking)
                            : new NeedsReview(booking.withPayment(payment.withStatus(PaymentStatus.MANUAL_REVIEW)),
                                    "the authorization was cancelled before capture (" + canceled.reason() + ")");
                    case PENDING, COMPLETED -> new Unchanged("not a state an authorization is cancelled in");
                };
            }
            case Refunded refunded -> {
                if (!isThisBookingsIntent(payment, refunded) || !isSettled(booking)
                        || !refunded.totalRefunded().sameCurrencyAs(payment.amountCaptured())) {
                    yield new Unchanged("not a settled capture of this booking");
                }
                Payment next = payment.withRefundedTotal(refunded.totalRefunded());
                yield next.equals(payment) ? new Unchanged("refund already recorded")
                        : new NewPayment(booking.withPayment(next));
            }
            case DisputeOpened opened -> {
                if (!isThisBookingsIntent(payment, opened) || !isSettled(booking) || payment.dispute() != null
                        || !opened.amount().sameCurrencyAs(payment.amountCaptured())) {
                    yield new Unchanged("no undisputed settled capture of this booking");
                }
                yield new DisputeChanged(booking.withPayment(payment.withDisputeOpened(opened.disputeId(), opened.amount())),
                        opened.disputeId(), "opened");
            }
            case DisputeClosed closed -> {
                Dispute known = payment.dispute();
                boolean undecided = known == null ? isSettled(booking) : known.id().equals(closed.disputeId()) && known.isOpen();
                if (!isThisBookingsIntent(payment, closed) || !undecided
                        || !closed.amount().sameCurrencyAs(payment.amountCaptured())) {
                    yield new Unchanged("no open dispute of this booking to close");
                }
                yield new DisputeChanged(booking.withPayment(
                        payment.withDisputeClosed(closed.disputeId(), closed.amount(), closed.won())),
                        closed.disputeId(), closed.won() ? "won" : "lost");
            }
        };
    }

    /**
     * An authentication completed after its booking ended (the hold expired, it failed and the
     * customer tried again with the same client secret, or the booking was cancelled while it was
     * awaited): Stripe holds money no booking wants. Recorded AUTHORIZED, which makes releasing it
     * due work ({@link DueWork#AUTHORIZATION_RELEASE}, {@link DueWork#CANCELLATION_SETTLEMENT}).
     */
    private static boolean lateAuthentication(Booking booking, AuthorizationHeld held) {
        return mayBeAuthenticatedLate(booking) && isThisBookingsIntent(booking.payment(), held)
                && held.amount().sameCurrencyAs(booking.price());
    }

    /**
     * Whether {@code booking} holds no time yet the intent it records may still be authenticated
     * by its customer (who keeps the client secret) and then hold money:
     * <ul>
     *   <li>EXPIRED or PAYMENT_FAILED with the intent still awaiting authentication, or failed
     *       (its cancellation may not have been made);
     *   <li>CANCELLED charging nothing with the intent awaiting authentication (the cancellation's
     *       release not made yet), failed, or MANUAL_REVIEW with nothing captured (its release
     *       failed): the cancellation's money move was that release, so releasing what arrives is
     *       what it asked for.
     * </ul>
     */
    static boolean mayBeAuthenticatedLate(Booking booking) {
        Payment payment = booking.payment();
        if (payment.paymentIntentId() == null) {
            return false;
        }
        PaymentStatus status = payment.status();
        boolean waitingOrFailed = status == PaymentStatus.REQUIRES_ACTION || status == PaymentStatus.FAILED;
        return switch (booking.status()) {
            case EXPIRED, PAYMENT_FAILED -> waitingOrFailed;
            case CANCELLED -> booking.cancellation() != null && booking.cancellation().amountCharged().amount() == 0
                    && (waitingOrFailed || (status == PaymentStatus.MANUAL_REVIEW && payment.amountCaptured().amount() == 0));
            case PENDING, CONFIRMED, COMPLETED -> false;
        };
    }

    private static boolean isThisBookingsIntent(Payment payment, PaymentReport report) {
        return report.paymentIntentId().equals(payment.paymentIntentId());
    }

    /**
     * Money was captured and no move of ours is pending on it: a completed lesson, or a
     * cancellation whose settlement is recorded. A refund reported while our own move is still
     * to be recorded is that move's, which records it itself.
     */
    private static boolean isSettled(Booking booking) {
        PaymentStatus status = booking.payment().status();
        boolean captured = status == PaymentStatus.CAPTURED || status == PaymentStatus.REFUNDED
                || status == PaymentStatus.DISPUTED || status == PaymentStatus.DISPUTE_LOST;
        return captured && switch (booking.status()) {
            case COMPLETED -> true;
            case CANCELLED -> !CancellationSettlement.moveFor(booking).needsProvider();
            default -> false;
        };
    }
}
