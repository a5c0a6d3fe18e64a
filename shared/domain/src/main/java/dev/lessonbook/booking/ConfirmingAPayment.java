package dev.lessonbook.booking;

import dev.lessonbook.access.Caller;
import dev.lessonbook.payment.AuthorizationHold;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentReport;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Result;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * POST /v1/bookings/{id}/confirm-payment (docs/spec.md §6, "3-D Secure"): the student says the
 * card's authentication is done, and the booking follows what the provider says of its intent —
 * read from the provider, never taken from the request.
 *
 * <ul>
 *   <li>held (or the card saved) → CONFIRMED, AUTHORIZED (or SCHEDULED), BookingConfirmed;
 *   <li>still waiting → the PENDING booking again, with a fresh client secret (202);
 *   <li>authentication failed (or the intent cancelled) → PAYMENT_FAILED, payment FAILED, the
 *       slot freed at once, BookingPaymentFailed; the intent is cancelled so that it can hold
 *       nothing later (402);
 *   <li>provider unreachable → 502, nothing changes.
 * </ul>
 * Every write is conditional on the booking still being PENDING, which is also what the provider's
 * webhook writes under ({@link PaymentReconciliation}): of the two racing, one confirms (one
 * BookingConfirmed, one set of emails) and the other reads the result back. A booking no longer
 * awaiting authentication is answered as stored, so a repeated call answers the same; one that
 * ended while it awaited it has a late authorization recorded for release ({@link #afterItEnded}).
 */
public final class ConfirmingAPayment {
    private final BookingStore bookings;
    private final PaymentGateway payments;
    private final LostHolds lostHolds;
    private final OffSessionAuthentication offSession;
    private final Clock clock;

    public ConfirmingAPayment(BookingStore bookings, PaymentGateway payments, Clock clock) {
        this.bookings = bookings;
        this.payments = payments;
        this.lostHolds = new LostHolds(bookings, payments, clock);
        this.offSession = new OffSessionAuthentication(bookings, payments, clock);
        this.clock = clock;
    }

    public BookingOutcome confirm(Caller caller, String bookingId) {
        Optional<Booking> found = bookings.find(bookingId).filter(booking -> BookingParties.mayRead(caller, booking));
        if (found.isEmpty()) {
            return BookingOutcome.answered(Result.rejected(ReadingABooking.notFound()));
        }
        Booking booking = found.get();
        if (!BookingParties.isStudentOf(caller, booking)) {
            return BookingOutcome.answered(Result.rejected(ProblemCode.FORBIDDEN,
                    "Only the student who booked the lesson confirms its payment"));
        }
        if (OffSessionAuthentication.awaits(booking)) {
            return confirmOffSession(booking);
        }
        if (!awaitsAuthentication(booking)) {
            return PaymentReconciliation.mayBeAuthenticatedLate(booking) ? afterItEnded(booking) : asStored(booking);
        }
        Payment awaiting = booking.payment();
        PaymentOutcome outcome = payments.afterAuthentication(booking.id(), awaiting.paymentIntentId(), booking.price());
        return switch (outcome) {
            // The card the authorization saved to the student's Customer, so a later move to another
            // price can authorize it again (as for a booking authorized at once).
            case PaymentOutcome.Authorized held -> confirmed(booking, held.customerId() == null
                    ? Payment.authorized(held.amount(), held.paymentIntentId(), awaiting.paymentMethodId())
                    : Payment.authorized(held.amount(), held.paymentIntentId(), held.customerId(), held.paymentMethodId()));
            case PaymentOutcome.CardSaved saved -> confirmed(booking,
                    Payment.scheduled(booking.price().currency(), saved.customerId(), saved.paymentMethodId()));
            case PaymentOutcome.RequiresAction still -> BookingOutcome.awaitingAuthentication(booking, still.clientSecret());
            case PaymentOutcome.Declined declined -> failed(booking);
            case PaymentOutcome.Released cancelled -> failed(booking);
            case PaymentOutcome.ProviderUnavailable unavailable -> providerUnavailable();
            case PaymentOutcome.Captured unexpected -> throw unexpected(outcome);
            case PaymentOutcome.Refunded unexpected -> throw unexpected(outcome);
        };
    }

    /**
     * A confirmed lesson whose scheduled off-session authorization asked the student to
     * authenticate: reading the intent confirms it on session when it still waits for them
     * (Stripe then asks for 3-D Secure: 202 with the client secret); held → AUTHORIZED (200), on
     * condition that the payment is still the one read (the webhook writes under the same, so of
     * the two one records it); authentication failed → PAYMENT_FAILED (402).
     */
    private BookingOutcome confirmOffSession(Booking booking) {
        Payment awaiting = booking.payment();
        PaymentOutcome outcome = payments.afterAuthentication(booking.id(), awaiting.paymentIntentId(), booking.price());
        return switch (outcome) {
            case PaymentOutcome.Authorized held -> {
                if (held.amount().sameCurrencyAs(booking.price())
                        && offSession.authorized(booking, held.amount(), held.paymentIntentId())) {
                    yield BookingOutcome.answered(Result.ok(bookings.find(booking.id()).orElse(booking)));
                }
                yield asStoredNow(booking);
            }
            case PaymentOutcome.RequiresAction still -> BookingOutcome.awaitingAuthentication(booking, still.clientSecret());
            case PaymentOutcome.Declined declined -> offSessionFailed(booking);
            case PaymentOutcome.Released cancelled -> offSessionFailed(booking);
            case PaymentOutcome.ProviderUnavailable unavailable -> providerUnavailable();
            case PaymentOutcome.CardSaved unexpected -> throw unexpected(outcome);
            case PaymentOutcome.Captured unexpected -> throw unexpected(outcome);
            case PaymentOutcome.Refunded unexpected -> throw unexpected(outcome);
        };
    }

    /**
     * A booking that ended (cancelled, expired, failed) while its card awaited authentication,
     * whose student may have completed it since with the client secret they kept: when Stripe
     * holds the amount, the authorization is recorded exactly as the provider's webhook records it
     * ({@link PaymentReconciliation}; of the two, one writes it), which makes its release due work
     * for the scheduler. Only the hold is read (a GET): an intent still waiting is left as it is,
     * and Stripe unreachable changes nothing. The answer is the booking as stored, as before.
     */
    private BookingOutcome afterItEnded(Booking ended) {
        BookingOutcome answer = asStored(ended);
        String intentId = ended.payment().paymentIntentId();
        if (payments.hold(ended.id(), intentId) instanceof AuthorizationHold.Held
                && PaymentReconciliation.of(ended, new PaymentReport.AuthorizationHeld(ended.id(), intentId, ended.price()),
                        clock.instant()) instanceof PaymentReconciliation.NewPayment late
                && bookings.updatePayment(late.updated(), ended, List.of())) {
            return answer.result() instanceof Result.Rejected<Booking> ? answer : asStoredNow(ended);
        }
        return answer;
    }

    private BookingOutcome offSessionFailed(Booking booking) {
        offSession.fail(booking);
        return asStoredNow(booking);
    }

    /** A PENDING booking whose card asked its holder to authenticate, and whose intent is known. */
    static boolean awaitsAuthentication(Booking booking) {
        return booking.status() == BookingStatus.PENDING && booking.payment().status() == PaymentStatus.REQUIRES_ACTION
                && booking.payment().paymentIntentId() != null;
    }

    private BookingOutcome confirmed(Booking pending, Payment payment) {
        Booking confirmed = pending.confirmed(clock.instant(), payment);
        try {
            return BookingOutcome.answered(Result.ok(bookings.confirm(confirmed,
                    List.of(BookingEvents.confirmed(confirmed, confirmed.confirmedAt())))));
        } catch (BookingChangedConcurrently lost) {
            return BookingOutcome.answered(lostHolds.answer(pending, payment, lost));
        }
    }

    /**
     * Frees the slot conditional on PENDING (the webhook's failure report writes the same), then
     * cancels the intent: after a failed authentication it holds nothing, but its client secret
     * could still confirm it with another card.
     */
    private BookingOutcome failed(Booking pending) {
        Booking failed = pending.withStatus(BookingStatus.PAYMENT_FAILED)
                .withPayment(pending.payment().withStatus(PaymentStatus.FAILED));
        if (bookings.releaseTo(failed, BookingStatus.PENDING, List.of(BookingEvents.paymentFailed(failed, clock.instant())))) {
            payments.release(pending.id(), pending.payment().paymentIntentId());
            return BookingOutcome.answered(Result.rejected(declined()));
        }
        return asStoredNow(pending);
    }

    /** The booking as it is stored now (another writer got there first), or 404 if it is gone. */
    private BookingOutcome asStoredNow(Booking booking) {
        return bookings.find(booking.id()).map(ConfirmingAPayment::asStored)
                .orElseGet(() -> BookingOutcome.answered(Result.rejected(ReadingABooking.notFound())));
    }

    private static BookingOutcome providerUnavailable() {
        return BookingOutcome.answered(Result.rejected(ProblemCode.PAYMENT_PROVIDER_UNAVAILABLE,
                "The payment provider could not be reached; the booking is unchanged, try again"));
    }

    /**
     * A booking that no longer awaits authentication, as stored: one whose authentication failed
     * answers 402 each time, any other the booking itself (CONFIRMED, EXPIRED, ...).
     */
    private static BookingOutcome asStored(Booking booking) {
        if (booking.status() == BookingStatus.PAYMENT_FAILED && booking.payment().status() == PaymentStatus.FAILED) {
            return BookingOutcome.answered(Result.rejected(declined()));
        }
        return BookingOutcome.answered(Result.ok(booking));
    }

    private static Rejection declined() {
        return Rejection.of(ProblemCode.PAYMENT_DECLINED,
                "The card's authentication failed or was declined; the lesson was not booked");
    }

    private static IllegalStateException unexpected(PaymentOutcome outcome) {
        return new IllegalStateException("The payment provider answered an authentication with " + outcome);
    }
}
