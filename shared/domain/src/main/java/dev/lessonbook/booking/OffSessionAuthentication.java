package dev.lessonbook.booking;

import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentStatus;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A confirmed lesson whose scheduled off-session authorization the card's issuer answered with
 * {@code authentication_required} (docs/spec.md §6, docs/decisions.md "3-D Secure off-session"):
 * the booking stays CONFIRMED with payment REQUIRES_ACTION on that intent until the student
 * authenticates on session (confirm-payment, or Stripe's webhook) → AUTHORIZED; a failed
 * authentication, or none by the {@link AuthenticationDeadline}, cancels it as PAYMENT_FAILED.
 *
 * <p>Failing is two conditional writes: the payment REQUIRES_ACTION → FAILED on condition that
 * the stored payment is still the one read (so an authorization recorded meanwhile wins, and of
 * two failing runs one marks it), then CONFIRMED → PAYMENT_FAILED with the slot freed and
 * BookingPaymentFailed (both parties told) on condition that it is still CONFIRMED (one of two
 * racing writers announces it). A CONFIRMED booking whose payment is FAILED is due at once
 * ({@link DueWork#AUTHENTICATION_DEADLINE}), so a crash between the two is finished by the next
 * scheduler run. The intent is then cancelled (it holds nothing, but its client secret could
 * still confirm it).
 */
final class OffSessionAuthentication {
    private final BookingStore bookings;
    private final PaymentGateway payments;
    private final Clock clock;

    OffSessionAuthentication(BookingStore bookings, PaymentGateway payments, Clock clock) {
        this.bookings = bookings;
        this.payments = payments;
        this.clock = clock;
    }

    /** A confirmed lesson waiting for its student to authenticate the scheduled authorization on this intent. */
    static boolean awaits(Booking booking) {
        return booking.status() == BookingStatus.CONFIRMED && booking.payment().status() == PaymentStatus.REQUIRES_ACTION
                && booking.payment().paymentIntentId() != null;
    }

    /** Half-failed: the payment marked FAILED, the booking still CONFIRMED. */
    static boolean failing(Booking booking) {
        return booking.status() == BookingStatus.CONFIRMED && booking.payment().status() == PaymentStatus.FAILED;
    }

    /** The student authenticated and Stripe holds {@code amount}: AUTHORIZED, if the payment is still the one read. */
    boolean authorized(Booking awaiting, Money amount, String intentId) {
        return bookings.updatePayment(awaiting.withPayment(awaiting.payment().withAuthorization(amount, intentId)),
                awaiting, List.of());
    }

    /**
     * Cancels {@code booking} (awaiting, or half-failed) as PAYMENT_FAILED; true when this call
     * announced it, false when the booking had changed (authorized, cancelled, failed by another).
     */
    boolean fail(Booking booking) {
        Booking marked = booking;
        if (awaits(booking)) {
            marked = booking.withPayment(booking.payment().withStatus(PaymentStatus.FAILED));
            if (!bookings.updatePayment(marked, booking, List.of())) {
                Optional<Booking> now = bookings.find(booking.id()).filter(OffSessionAuthentication::failing);
                if (now.isEmpty()) {
                    return false;
                }
                marked = now.get();
            }
        } else if (!failing(booking)) {
            return false;
        }
        Booking failed = marked.withStatus(BookingStatus.PAYMENT_FAILED);
        if (!bookings.releaseTo(failed, BookingStatus.CONFIRMED, List.of(BookingEvents.paymentFailed(failed, clock.instant())))) {
            return false;
        }
        Payment payment = failed.payment();
        if (payment.paymentIntentId() != null) {
            payments.release(failed.id(), payment.paymentIntentId());
        }
        return true;
    }
}
