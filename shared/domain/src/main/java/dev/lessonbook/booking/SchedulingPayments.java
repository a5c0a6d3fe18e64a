package dev.lessonbook.booking;

import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The payment scheduler (every 5 minutes, docs/spec.md §6, docs/architecture.md "Payments"). Each run does the work
 * that fell due, found through the store's due index — never a scan:
 * <ul>
 *   <li>a saved card of a lesson starting within 24 h is authorized → AUTHORIZED; declined →
 *       booking PAYMENT_FAILED, payment FAILED, its time freed, BookingPaymentFailed; provider
 *       unreachable → tried again next run under the same idempotency key (so a lost answer is
 *       replayed, not authorized twice), until the lesson starts: then MANUAL_REVIEW;
 *   <li>the issuer asking the student to authenticate that authorization ({@code authentication_required})
 *       → payment REQUIRES_ACTION on the CONFIRMED booking, BookingPaymentActionRequired (the student is
 *       emailed a link); not authenticated by the {@link AuthenticationDeadline} → PAYMENT_FAILED
 *       ({@link DueWork#AUTHENTICATION_DEADLINE}, {@link OffSessionAuthentication});
 *   <li>a PENDING booking whose hold lapsed (a crash between hold and confirmation) → EXPIRED;
 *       on a lesson authorized when booked, payment MANUAL_REVIEW: whether Stripe authorized is
 *       unknown, which makes it the next kind of work;
 *   <li>a booking that holds no time but whose card may still carry its authorization (the
 *       above, a failed booking whose authorization answer was lost, a release that failed) →
 *       the authorization is found by its idempotency key if need be and released → RELEASED
 *       ({@link ReleasingAuthorizations});
 *   <li>a cancellation whose money move was never recorded (a crash after the cancelling
 *       transaction) is settled as its request would have settled it;
 *   <li>a confirmed lesson nobody completed is completed and captured as its instructor's
 *       completion would be, at its end + 24 h but always before its hold's {@code capture_before}
 *       ({@link AutoCompletion}, {@link CompletingABooking#completeDue}); a hold that lapsed is
 *       authorized again on the saved card, or goes to MANUAL_REVIEW.
 * </ul>
 * Each booking is read again before acting, because the index lags writes. A run stays inside
 * its function's timeout twice over: at most {@link #BATCH} bookings of each kind, and no new
 * booking once less than {@link #SAFETY_MARGIN} is left before the deadline it is given. What a
 * run leaves is still due and the next run (5 minutes later) takes it; every step is idempotent.
 */
public final class SchedulingPayments {
    public static final int BATCH = 25;
    /**
     * The longest one booking's work can take: two provider calls that a hung Stripe stretches to
     * 16.5 s each (an authorization, then its release when the booking was cancelled meanwhile),
     * plus the writes around them.
     */
    public static final Duration SAFETY_MARGIN = Duration.ofSeconds(35);

    private final BookingStore bookings;
    private final PaymentGateway payments;
    private final CancellationSettlement settlement;
    private final ReleasingAuthorizations releasing;
    private final CompletingABooking completing;
    private final PaymentIncidents incidents;
    private final OffSessionAuthentication offSession;
    private final Clock clock;

    public SchedulingPayments(BookingStore bookings, PaymentGateway payments, CancellationSettlement settlement,
            PaymentIncidents incidents, Clock clock) {
        this.bookings = bookings;
        this.payments = payments;
        this.settlement = settlement;
        this.releasing = new ReleasingAuthorizations(bookings, payments, incidents);
        this.completing = new CompletingABooking(bookings, payments, incidents, clock);
        this.incidents = incidents;
        this.offSession = new OffSessionAuthentication(bookings, payments, clock);
        this.clock = clock;
    }

    /**
     * What one run did; {@code deferred} counts authorizations left for the next run because the
     * provider did not answer, {@code released} the authorizations of bookings that hold no time
     * that it settled, {@code completed} the lessons it completed nobody had completed
     * ({@link DueWork#AUTO_COMPLETION}; {@code renewed} the lapsed holds it authorized again),
     * {@code outOfTime} says the run stopped early for its deadline.
     */
    public record Run(int authorized, int paymentFailed, int deferred, int expired, int released, int settled,
            int completed, int renewed, int actionRequired, int authenticationLapsed, boolean outOfTime) {}

    /**
     * Does the work due now, in the order authorizations, lapsed holds, settlements, each earliest
     * first, starting no booking once less than {@link #SAFETY_MARGIN} is left before {@code deadline}.
     */
    public Run run(Instant deadline) {
        Instant now = clock.instant();
        Tally tally = new Tally();
        for (DueWork kind : DueWork.values()) {
            for (Booking booking : due(kind, now)) {
                if (clock.instant().plus(SAFETY_MARGIN).isAfter(deadline)) {
                    return tally.run(true);
                }
                switch (kind) {
                    case SCHEDULED_AUTHORIZATION -> tally.count(authorize(booking, now));
                    case HOLD_EXPIRY -> tally.expired += expire(booking) ? 1 : 0;
                    case AUTHORIZATION_RELEASE -> tally.released += releasing.release(booking, clock.instant()) ? 1 : 0;
                    case CANCELLATION_SETTLEMENT -> {
                        settlement.settle(booking);
                        tally.settled++;
                    }
                    case AUTO_COMPLETION -> tally.count(completing.completeDue(booking, AutoCompletion.CONFIGURED));
                    case AUTHENTICATION_DEADLINE -> tally.authenticationLapsed += offSession.fail(booking) ? 1 : 0;
                }
            }
        }
        return tally.run(false);
    }

    private static final class Tally {
        int authorized;
        int paymentFailed;
        int deferred;
        int expired;
        int released;
        int settled;
        int completed;
        int renewed;
        int actionRequired;
        int authenticationLapsed;

        void count(CompletingABooking.Automatic completion) {
            switch (completion) {
                case COMPLETED -> completed++;
                case RENEWED -> renewed++;
                case DEFERRED -> deferred++;
                case DEADLINE_READ, REVIEW, SKIPPED -> { }
            }
        }

        void count(Authorization authorization) {
            switch (authorization) {
                case AUTHORIZED -> authorized++;
                case FAILED -> paymentFailed++;
                case DEFERRED -> deferred++;
                case ACTION_REQUIRED -> actionRequired++;
                case SKIPPED -> { }
            }
        }

        Run run(boolean outOfTime) {
            return new Run(authorized, paymentFailed, deferred, expired, released, settled, completed, renewed,
                    actionRequired, authenticationLapsed, outOfTime);
        }
    }

    /** Bookings whose {@code kind} of work is due by {@code now}, by their current state. */
    private List<Booking> due(DueWork kind, Instant now) {
        return bookings.findDue(kind, now, BATCH).stream()
                .filter(booking -> DueWork.of(booking)
                        .filter(due -> due.kind() == kind && !due.at().isAfter(now))
                        .isPresent())
                .toList();
    }

    private enum Authorization { AUTHORIZED, FAILED, DEFERRED, ACTION_REQUIRED, SKIPPED }

    private Authorization authorize(Booking booking, Instant now) {
        Payment saved = booking.payment();
        PaymentOutcome outcome = payments.authorizeSaved(booking.id(), booking.price(), saved.customerId(),
                saved.paymentMethodId());
        switch (outcome) {
            case PaymentOutcome.Authorized done -> {
                Booking authorized = booking.withPayment(saved.withAuthorization(done.amount(), done.paymentIntentId()));
                if (bookings.update(authorized, BookingStatus.CONFIRMED, List.of())) {
                    return Authorization.AUTHORIZED;
                }
                if (recordedOnMovedBooking(booking, done)) {
                    return Authorization.AUTHORIZED;
                }
                // Cancelled meanwhile: its cancellation dropped the scheduled payment (or charged
                // it on its own), so this authorization must not outlive it.
                payments.release(booking.id(), done.paymentIntentId());
                return Authorization.SKIPPED;
            }
            case PaymentOutcome.RequiresAction asked -> {
                // The issuer wants the student to authenticate (authentication_required): the
                // booking stays confirmed and they are asked to, by email (OffSessionAuthentication).
                // Conditional on the payment read: of two runs (same key, same answer) one writes
                // and announces it.
                Booking awaiting = booking.withPayment(Payment.awaitingAuthentication(booking.price().currency(),
                        asked.intentId(), saved.customerId(), saved.paymentMethodId()));
                return bookings.updatePayment(awaiting, booking,
                        List.of(BookingEvents.paymentActionRequired(awaiting, clock.instant())))
                        ? Authorization.ACTION_REQUIRED : Authorization.SKIPPED;
            }
            case PaymentOutcome.Declined declined -> {
                Booking failed = booking.withStatus(BookingStatus.PAYMENT_FAILED)
                        .withPayment(saved.withStatus(PaymentStatus.FAILED));
                boolean written = bookings.releaseTo(failed, BookingStatus.CONFIRMED,
                        List.of(BookingEvents.paymentFailed(failed, clock.instant())));
                return written ? Authorization.FAILED : Authorization.SKIPPED;
            }
            default -> {
                if (now.isBefore(booking.startsAt())) {
                    return Authorization.DEFERRED;
                }
                incidents.manualReview(booking.id(), "authorize-saved",
                        "still not authorized when the lesson started; last attempt: " + outcome.getClass().getSimpleName());
                bookings.update(booking.withPayment(saved.withStatus(PaymentStatus.MANUAL_REVIEW)),
                        BookingStatus.CONFIRMED, List.of());
                return Authorization.SKIPPED;
            }
        }
    }

    /**
     * The booking was moved between our read and our write (a move keeps a saved card saved). If
     * it is still waiting for this very authorization — confirmed, card saved, same price, its new
     * start within the authorization's life — the authorization is recorded on the moved booking:
     * released instead, a later run's authorization under the same idempotency key would be
     * answered with this (then cancelled) intent.
     */
    private boolean recordedOnMovedBooking(Booking read, PaymentOutcome.Authorized done) {
        return bookings.find(read.id())
                .filter(moved -> moved.rescheduleCount() != read.rescheduleCount())
                .filter(moved -> moved.status() == BookingStatus.CONFIRMED && moved.payment().status() == PaymentStatus.SCHEDULED)
                .filter(moved -> moved.price().equals(done.amount()))
                .filter(moved -> !moved.startsAt().isAfter(clock.instant().plus(BookingALesson.AUTHORIZATION_HORIZON)))
                .map(moved -> bookings.update(moved.withPayment(moved.payment().withAuthorization(done.amount(),
                        done.paymentIntentId())), BookingStatus.CONFIRMED, List.of()))
                .orElse(false);
    }

    /**
     * The hold lapsed, so its locks no longer block anyone (their condition reads the expiry);
     * this only records the end and deletes them. Nothing is released here: a PENDING booking
     * records no authorization, but on a lesson authorized when booked its request may have made
     * one before it died, so the payment says MANUAL_REVIEW (unknown) and the booking becomes
     * {@link DueWork#AUTHORIZATION_RELEASE} work. A create request still running finds the booking
     * no longer PENDING at its confirmation and releases its own authorization. A booking whose
     * card awaited its holder's authentication (payment REQUIRES_ACTION, its intent recorded) keeps
     * that payment: the release cancels the intent.
     */
    private boolean expire(Booking pending) {
        Payment payment = pending.payment();
        boolean maybeAuthorized = payment.paymentIntentId() == null && pending.price().amount() > 0
                && BookingALesson.authorizesWhenBooked(pending);
        return bookings.releaseTo(pending.withStatus(BookingStatus.EXPIRED)
                        .withPayment(maybeAuthorized ? payment.withStatus(PaymentStatus.MANUAL_REVIEW) : payment),
                BookingStatus.PENDING, List.of());
    }
}
