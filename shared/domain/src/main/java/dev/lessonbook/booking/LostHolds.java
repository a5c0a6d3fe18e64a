package dev.lessonbook.booking;

import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.problem.Result;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A PENDING booking's confirmation that did not commit as asked, after the provider held (or
 * saved) the card: the booking was no longer PENDING, or its hold was taken by another booking
 * (the payment or the customer's authentication took longer than the hold, or the scheduler
 * expired it). Used by the booking request, by confirm-payment and by the provider's webhook.
 *
 * <p>EXPIRED is written first, conditional on PENDING, and the authorization released only once
 * that write won. When it lost, the booking is read back and answered as stored: a confirmation
 * may have committed after all (its answer lost, or a concurrent confirmation of the same
 * authentication), and then the lesson is booked; otherwise the stored booking holds no time and
 * is told of the authorization it does not know, which is then released.
 */
final class LostHolds {
    private final BookingStore bookings;
    private final ReleasingAuthorizations releasing;
    private final Clock clock;

    LostHolds(BookingStore bookings, PaymentGateway payments, Clock clock) {
        this.bookings = bookings;
        // Its incidents are never raised here: only authorizations known by id are released.
        this.releasing = new ReleasingAuthorizations(bookings, payments, (bookingId, operation, reason) -> { });
        this.clock = clock;
    }

    /** The answer to {@code pending}'s lost confirmation with {@code payment}: the stored booking, or the conflict. */
    Result<Booking> answer(Booking pending, Payment payment, BookingChangedConcurrently lost) {
        Instant now = clock.instant();
        Payment held = payment.status() == PaymentStatus.SCHEDULED ? payment.withStatus(PaymentStatus.RELEASED) : payment;
        Booking expired = pending.withStatus(BookingStatus.EXPIRED).withPayment(held);
        if (bookings.releaseTo(expired, BookingStatus.PENDING, List.of())) {
            releasing.release(expired, now);
            return conflict(lost);
        }
        Booking stored = bookings.find(pending.id()).orElseThrow(() -> lost);
        if (stored.status() == BookingStatus.CONFIRMED) {
            return Result.ok(stored);
        }
        if (payment.paymentIntentId() != null) {
            Booking known = stored.withPayment(payment);
            if (bookings.update(known, stored.status(), List.of())) {
                releasing.release(known, now);
            }
        }
        return conflict(lost);
    }

    private static Result<Booking> conflict(BookingChangedConcurrently lost) {
        ConflictScope scope = lost.takenBy().orElse(ConflictScope.INSTRUCTOR);
        return Result.rejected(scope.rejection());
    }
}
