package dev.lessonbook.booking;

import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Releasing the authorization of a booking that holds no time (PAYMENT_FAILED or EXPIRED), so no
 * hold outlives the booking it was made for. Two states call for it ({@link #mayHoldAnAuthorization}):
 * <ul>
 *   <li>payment AUTHORIZED with its intent: a release not yet made, or whose answer was lost;
 *   <li>payment MANUAL_REVIEW without an intent, on a priced lesson authorized when booked: Stripe's
 *       answer to the authorization never arrived, and Stripe may have made it (even minutes later,
 *       when it performs a request it had queued during an outage).
 * </ul>
 * The second is found by its idempotency key: the same authorization call, with the same key and
 * parameters, returns the intent Stripe made. Were Stripe never to have received the first call,
 * that call makes the authorization now, and it is released at once: the card sees a hold and its
 * cancellation, never a charge. Either way the booking ends RELEASED, meaning "nothing is held".
 * A replay more than {@link #KEY_RETENTION} after the booking may no longer find the first intent
 * (Stripe forgets keys after 24 hours): what it makes is released all the same, and the booking
 * is left in MANUAL_REVIEW with an incident, for a person to check the first.
 *
 * <p>Money moves only after the state that calls for it is committed: the booking is already
 * PAYMENT_FAILED or EXPIRED when this runs, and each outcome is recorded afterwards, conditional on
 * that status. Every call carries the booking's idempotency keys, so running this twice at once (a
 * request and the scheduler) moves nothing twice.
 */
public final class ReleasingAuthorizations {
    /** How long Stripe keeps an idempotency key and replays its first answer. */
    public static final Duration KEY_RETENTION = Duration.ofHours(24);

    private final BookingStore bookings;
    private final PaymentGateway payments;
    private final PaymentIncidents incidents;

    public ReleasingAuthorizations(BookingStore bookings, PaymentGateway payments, PaymentIncidents incidents) {
        this.bookings = bookings;
        this.payments = payments;
        this.incidents = incidents;
    }

    /** Whether {@code booking} holds no time yet its card may still carry its authorization. */
    public static boolean mayHoldAnAuthorization(Booking booking) {
        if (booking.status() != BookingStatus.PAYMENT_FAILED && booking.status() != BookingStatus.EXPIRED) {
            return false;
        }
        Payment payment = booking.payment();
        return switch (payment.status()) {
            case AUTHORIZED -> payment.paymentIntentId() != null;
            // An intent still awaiting the customer's authentication when its hold ended: cancelled,
            // so that an authentication completed late holds nothing.
            case REQUIRES_ACTION -> payment.paymentIntentId() != null;
            case MANUAL_REVIEW -> payment.paymentIntentId() == null && booking.price().amount() > 0
                    && BookingALesson.authorizesWhenBooked(booking);
            default -> false;
        };
    }

    /**
     * Releases what {@code booking} may hold and records it.
     *
     * @return true when the booking now says nothing is held (or a person has it); false when the
     *         provider gave no usable answer and the work stays due
     */
    public boolean release(Booking booking, Instant now) {
        if (!mayHoldAnAuthorization(booking)) {
            return false;
        }
        Payment payment = booking.payment();
        boolean found = payment.paymentIntentId() == null;
        Payment authorized = payment;
        if (found) {
            // The customer the booking's own request named (stored with the student when it was
            // made); a booking that kept none (the student's first, or made before customers were
            // stored) finds it under the student's key as that request did (docs/decisions.md).
            PaymentOutcome original = payments.authorize(booking.id(), booking.price(), payment.paymentMethodId(),
                    booking.studentId(), payment.customerId());
            switch (original) {
                case PaymentOutcome.Authorized made ->
                        authorized = payment.withAuthorization(made.amount(), made.paymentIntentId());
                // A card asking for 3-D Secure: the intent holds nothing yet; cancelled, it never will.
                case PaymentOutcome.RequiresAction waiting -> authorized = Payment.awaitingAuthentication(
                        booking.price().currency(), waiting.intentId(), waiting.customerId(), payment.paymentMethodId());
                case PaymentOutcome.Declined declined -> {
                    // Stripe refused the authorization: nothing was ever held.
                    return record(booking, payment.withStatus(PaymentStatus.RELEASED));
                }
                default -> {
                    return false;
                }
            }
        }
        if (!(payments.release(booking.id(), authorized.paymentIntentId()) instanceof PaymentOutcome.Released)) {
            // Stripe holds it, or may: the booking says so, and releasing it by id is due work.
            record(booking, authorized);
            return false;
        }
        if (found && !now.isBefore(booking.createdAt().plus(KEY_RETENTION))) {
            incidents.manualReview(booking.id(), "find-authorization",
                    "authorization looked up after Stripe's key retention: the one released may not be the first");
            return record(booking, authorized.withStatus(PaymentStatus.MANUAL_REVIEW));
        }
        return record(booking, authorized.withStatus(PaymentStatus.RELEASED));
    }

    private boolean record(Booking booking, Payment payment) {
        return bookings.update(booking.withPayment(payment), booking.status(), List.of());
    }
}
