package dev.lessonbook.booking;

import dev.lessonbook.access.Caller;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.problem.Result;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * POST /v1/bookings/{id}/cancel (docs/spec.md §6). Two steps, in this order:
 * <ol>
 *   <li>one transaction marks the booking CANCELLED (with what the policy charges), frees its
 *       slot locks and records BookingCancelled — so the time is free whatever the provider does;
 *   <li>the money move the stored state calls for ({@link CancellationSettlement}), whose answer
 *       is then recorded: RELEASED, CAPTURED, REFUNDED, or MANUAL_REVIEW when the provider failed.
 * </ol>
 * Only the first step is conditional on the status read, so of two concurrent cancellations one
 * makes the move and the other answers the cancelled booking. A booking already CANCELLED is
 * answered as it is, with no side effects — also when its payment awaits manual review.
 *
 * <p>A cancelling write reported lost is read back: when the stored cancellation is the one this
 * request wrote (its write committed, and only its answer said otherwise — a retry of a committed
 * transaction), this request still makes the money move, rather than answering CANCELLED with the
 * authorization live and leaving the move to the scheduler.
 */
public final class CancellingABooking {
    /** Enough for a booking confirmed (or cancelled) between our read and our write. */
    private static final int ATTEMPTS = 3;

    private final BookingStore bookings;
    private final CancellationPolicy policy;
    private final CancellationSettlement settlement;
    private final Clock clock;

    public CancellingABooking(BookingStore bookings, CancellationPolicy policy, CancellationSettlement settlement,
            Clock clock) {
        this.bookings = bookings;
        this.policy = policy;
        this.settlement = settlement;
        this.clock = clock;
    }

    /** @param reason the caller's words, or null */
    public Result<Booking> cancel(Caller caller, String bookingId, String reason) {
        Cancellation written = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Booking> found = bookings.find(bookingId).filter(booking -> BookingParties.mayRead(caller, booking));
            if (found.isEmpty()) {
                return Result.rejected(ReadingABooking.notFound());
            }
            Booking booking = found.get();
            if (written != null && written.equals(booking.cancellation())) {
                return Result.ok(settlement.settle(booking));
            }
            Instant now = clock.instant();
            switch (policy.decide(booking, caller.role(), now)) {
                case Result.Rejected<CancellationDecision> rejected -> {
                    return Result.rejected(rejected.rejection());
                }
                case Result.Ok<CancellationDecision> ok when ok.value() instanceof CancellationDecision.Cancel decision -> {
                    Booking cancelled = cancelled(booking, decision, reason, now);
                    // On condition of the payment read too: a scheduler run recording the saved card's
                    // authorization meanwhile makes this cancellation read and decide again.
                    if (bookings.releaseToIfPaymentIs(cancelled, booking,
                            List.of(BookingEvents.cancelled(cancelled, now)))) {
                        return Result.ok(settlement.settle(cancelled));
                    }
                    written = cancelled.cancellation();
                }
                case Result.Ok<CancellationDecision> alreadyCancelled -> {
                    return Result.ok(booking);
                }
            }
        }
        throw new BookingChangedConcurrently("Booking " + bookingId + " kept changing while being cancelled");
    }

    private static Booking cancelled(Booking booking, CancellationDecision.Cancel decision, String reason, Instant now) {
        // Where no money was ever taken (a free lesson, a hold still paying) nothing can be charged.
        // A card still waiting for its holder's authentication holds nothing either: no tier
        // applies (0 %), as when the student lets the authentication lapse (docs/decisions.md,
        // "Transitions while authentication is awaited").
        boolean awaitingAuthentication = CancellationSettlement.awaitsAuthentication(booking.payment());
        Money charged = booking.payment().status() == PaymentStatus.NOT_REQUIRED || awaitingAuthentication
                ? Money.zero(booking.price().currency()) : decision.amountCharged();
        int percent = awaitingAuthentication ? 0 : decision.chargePercent();
        Cancellation details = new Cancellation(decision.by(), now, reason, percent, charged);
        return booking.cancelled(details, CancellationSettlement.paymentAtCancellation(booking.payment(), charged));
    }
}
