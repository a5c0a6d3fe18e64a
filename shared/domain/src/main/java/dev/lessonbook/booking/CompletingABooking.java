package dev.lessonbook.booking;

import dev.lessonbook.access.Caller;
import dev.lessonbook.payment.AuthorizationHold;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Result;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * POST /v1/bookings/{id}/complete (docs/spec.md §3, §6): its instructor or an admin, after the lesson's
 * end, captures the full price and marks it COMPLETED.
 *
 * <p>The capture runs first and the booking is written once, with the event, when the answer is
 * known: so BookingCompleted always carries the captured amount. The provider unreachable → the
 * booking stays CONFIRMED and the answer is 502; a retry sends the same capture under the same
 * idempotency key, so it can never capture twice. The provider refusing (an authorization that
 * lapsed, a saved card declined) → COMPLETED with payment MANUAL_REVIEW, logged and counted: the
 * lesson took place, and only a person can collect now.
 *
 * <p>A capture refused because the hold lapsed (Stripe cancelled the intent at its
 * {@code capture_before}) renews it on the saved card and captures that ({@link RenewingLapsedHolds});
 * with no saved card it is MANUAL_REVIEW with an incident. The payment scheduler completes a
 * lesson nobody completed through this same use case ({@link #completeDue}).
 *
 * <p>A payment still SCHEDULED at completion (never authorized) is charged off-session in full.
 * Completing a COMPLETED booking answers it unchanged.
 */
public final class CompletingABooking {
    private final BookingStore bookings;
    private final PaymentGateway payments;
    private final PaymentIncidents incidents;
    private final RenewingLapsedHolds renewing;
    private final Clock clock;

    public CompletingABooking(BookingStore bookings, PaymentGateway payments, PaymentIncidents incidents, Clock clock) {
        this.bookings = bookings;
        this.payments = payments;
        this.renewing = new RenewingLapsedHolds(payments);
        this.incidents = incidents;
        this.clock = clock;
    }

    public Result<Booking> complete(Caller caller, String bookingId) {
        Optional<Booking> found = bookings.find(bookingId).filter(booking -> BookingParties.mayRead(caller, booking));
        if (found.isEmpty()) {
            return Result.rejected(ReadingABooking.notFound());
        }
        Booking booking = found.get();
        if (!BookingParties.mayComplete(caller, booking)) {
            return Result.rejected(ProblemCode.FORBIDDEN, "Only the booking's instructor or an admin can complete it");
        }
        switch (booking.status()) {
            case COMPLETED -> {
                return Result.ok(booking);
            }
            case CONFIRMED -> { }
            case PENDING, CANCELLED, PAYMENT_FAILED, EXPIRED -> {
                return Result.rejected(notCompletable(booking));
            }
        }
        Instant now = clock.instant();
        if (now.isBefore(booking.endsAt())) {
            return Result.rejected(ProblemCode.LESSON_NOT_ENDED,
                    "The lesson ends at " + booking.endsAt() + "; it can be completed after that");
        }
        if (OffSessionAuthentication.awaits(booking) || OffSessionAuthentication.failing(booking)) {
            // Nothing is held to capture, and completing would leave the intent waiting for an
            // authentication that could then hold money nobody captures: the payment scheduler
            // cancels it as PAYMENT_FAILED at its deadline (docs/spec.md §6, "3-D Secure off-session").
            return Result.rejected(ProblemCode.NOT_COMPLETABLE, "Booking cannot be completed - its payment awaits"
                    + " the student's authentication (payment " + booking.payment().status().name() + ")");
        }
        return finish(booking, now).result();
    }

    /** What the scheduler's completion of one lesson came to. */
    public enum Automatic {
        /** Completed and captured (or sent to MANUAL_REVIEW), with BookingCompleted. */
        COMPLETED,
        /** The hold's deadline was read and recorded: the lesson is due again at its real time. */
        DEADLINE_READ,
        /** The hold had lapsed and the saved card was authorized again; completion comes later. */
        RENEWED,
        /** The hold had lapsed and could not be renewed: MANUAL_REVIEW with an incident. */
        REVIEW,
        /** The provider could not be reached: still due, tried again next run under the same keys. */
        DEFERRED,
        /** Not due (any more): changed since the index was read, or completed by someone else. */
        SKIPPED
    }

    /**
     * The payment scheduler's completion ({@link DueWork#AUTO_COMPLETION}) of a lesson nobody
     * completed, exactly as its instructor's would be (the same capture, write and event, hence
     * the same emails and stats), at the time {@link AutoCompletion} sets. A hold whose deadline
     * was never read is read first (the lesson's end is its first due time): a deadline further off
     * is recorded and the lesson waits for it; a hold that lapsed is renewed on the saved card or
     * goes to MANUAL_REVIEW. Concurrent runs capture under one idempotency key and write
     * conditionally on CONFIRMED, so a lesson is captured and announced once.
     */
    public Automatic completeDue(Booking read, AutoCompletion completion) {
        Instant now = clock.instant();
        Optional<DueWork.Due> due = DueWork.of(read, completion)
                .filter(work -> work.kind() == DueWork.AUTO_COMPLETION && !work.at().isAfter(now));
        if (due.isEmpty()) {
            return Automatic.SKIPPED;
        }
        Booking booking = read;
        Payment payment = read.payment();
        if (payment.captureBefore() == null) {
            switch (payments.hold(read.id(), payment.paymentIntentId())) {
                case AuthorizationHold.Held held -> {
                    booking = read.withPayment(payment.withCaptureBefore(held.captureBefore()));
                    if (!bookings.updatePayment(booking, read, List.of())) {
                        return Automatic.SKIPPED;
                    }
                    if (completion.dueAt(booking.endsAt(), held.captureBefore()).isAfter(now)) {
                        return Automatic.DEADLINE_READ;
                    }
                }
                case AuthorizationHold.Lapsed lapsed when lapsed.byTheProvider() -> {
                    return renewAfterLapse(read);
                }
                case AuthorizationHold.Unknown unknown -> {
                    return Automatic.DEFERRED;
                }
                // Cancelled by someone, or no hold at all: completing would capture nothing.
                default -> { }
            }
        }
        Finished finished = finish(booking, now);
        if (finished.written()) {
            return Automatic.COMPLETED;
        }
        return finished.result() instanceof Result.Rejected<Booking> rejected
                && rejected.rejection().code() == ProblemCode.PAYMENT_PROVIDER_UNAVAILABLE ? Automatic.DEFERRED : Automatic.SKIPPED;
    }

    /** The hold lapsed before the lesson was completed: renewed on the saved card, or MANUAL_REVIEW. */
    private Automatic renewAfterLapse(Booking read) {
        RenewingLapsedHolds.Renewal renewal = renewing.renew(read);
        switch (renewal) {
            case RenewingLapsedHolds.Renewed renewed -> {
                return bookings.updatePayment(read.withPayment(renewed.payment()), read, List.of())
                        ? Automatic.RENEWED : Automatic.SKIPPED;
            }
            case RenewingLapsedHolds.Unavailable unavailable -> {
                return Automatic.DEFERRED;
            }
            default -> {
                if (bookings.updatePayment(read.withPayment(read.payment().withStatus(PaymentStatus.MANUAL_REVIEW)), read,
                        List.of())) {
                    incidents.manualReview(read.id(), "renew-hold", RenewingLapsedHolds.noRenewal(renewal));
                    return Automatic.REVIEW;
                }
                return Automatic.SKIPPED;
            }
        }
    }

    /** The answer to give, and whether this completion's write is the one that got in. */
    private record Finished(Result<Booking> result, boolean written) {}

    /** Captures, then writes COMPLETED with BookingCompleted, conditional on the booking still being CONFIRMED. */
    private Finished finish(Booking booking, Instant now) {
        String bookingId = booking.id();
        Optional<Payment> captured = captureInFull(booking);
        if (captured.isEmpty()) {
            return new Finished(Result.rejected(ProblemCode.PAYMENT_PROVIDER_UNAVAILABLE,
                    "The payment provider could not be reached; the lesson was not marked completed. Retry later"), false);
        }
        Booking completed = booking.withStatus(BookingStatus.COMPLETED).withPayment(captured.get());
        if (bookings.update(completed, BookingStatus.CONFIRMED,
                List.of(BookingEvents.completed(completed, now)))) {
            return new Finished(Result.ok(completed), true);
        }
        // Changed meanwhile: a twin completion (answered as done) or an admin's cancellation.
        Booking current = bookings.find(bookingId).orElseThrow();
        return new Finished(current.status() == BookingStatus.COMPLETED ? Result.ok(current)
                : Result.rejected(notCompletable(current)), false);
    }

    /** The payment after capturing the full price; empty when the provider could not be reached. */
    private Optional<Payment> captureInFull(Booking booking) {
        Payment payment = booking.payment();
        PaymentOutcome outcome = switch (payment.status()) {
            case AUTHORIZED -> capture(booking.id(), payment);
            case SCHEDULED -> payments.chargeSaved(booking.id(), booking.price(), payment.customerId(),
                    payment.paymentMethodId());
            // Nothing to collect (a free lesson), or a person is on it already (MANUAL_REVIEW).
            // REQUIRES_ACTION and FAILED: refused before (complete) or never due (the scheduler).
            case NOT_REQUIRED, REQUIRES_ACTION, CAPTURED, RELEASED, REFUNDED, FAILED, MANUAL_REVIEW, DISPUTED,
                    DISPUTE_LOST -> null;
        };
        return switch (outcome) {
            case null -> Optional.of(payment);
            case PaymentOutcome.Captured done -> Optional.of(payment.withCapture(done.amount(), done.paymentIntentId()));
            case PaymentOutcome.ProviderUnavailable unavailable -> Optional.empty();
            default -> payment.status() == PaymentStatus.AUTHORIZED
                    ? afterRefusedCapture(booking, outcome)
                    : Optional.of(review(booking, "complete", CancellationSettlement.describe(outcome)));
        };
    }

    /** A renewed hold is captured under a key naming its intent: the plain capture key may be spent on the lapsed one. */
    private PaymentOutcome capture(String bookingId, Payment payment) {
        return payment.renewedFrom() != null
                ? payments.captureRenewed(bookingId, payment.paymentIntentId(), payment.amountAuthorized())
                : payments.capture(bookingId, payment.paymentIntentId(), payment.amountAuthorized());
    }

    /**
     * Stripe refused the capture. If the hold lapsed (Stripe cancelled the intent at its
     * deadline), the saved card is authorized again and that authorization captured at once — the
     * lesson took place; without a saved card, or refused again, only a person can collect.
     */
    private Optional<Payment> afterRefusedCapture(Booking booking, PaymentOutcome refused) {
        Payment payment = booking.payment();
        AuthorizationHold hold = payments.hold(booking.id(), payment.paymentIntentId());
        if (hold instanceof AuthorizationHold.Unknown) {
            return Optional.empty();
        }
        if (!(hold instanceof AuthorizationHold.Lapsed lapsed) || !lapsed.byTheProvider()) {
            return Optional.of(review(booking, "complete", CancellationSettlement.describe(refused)));
        }
        RenewingLapsedHolds.Renewal renewal = renewing.renew(booking);
        if (renewal instanceof RenewingLapsedHolds.Unavailable) {
            return Optional.empty();
        }
        if (!(renewal instanceof RenewingLapsedHolds.Renewed renewed)) {
            return Optional.of(review(booking, "renew-hold", RenewingLapsedHolds.noRenewal(renewal)));
        }
        Payment renewedPayment = renewed.payment();
        PaymentOutcome outcome = capture(booking.id(), renewedPayment);
        return switch (outcome) {
            case PaymentOutcome.Captured done -> Optional.of(renewedPayment.withCapture(done.amount(), done.paymentIntentId()));
            case PaymentOutcome.ProviderUnavailable unavailable -> Optional.empty();
            default -> Optional.of(review(booking.withPayment(renewedPayment), "complete",
                    CancellationSettlement.describe(outcome)));
        };
    }

    private Payment review(Booking booking, String operation, String reason) {
        incidents.manualReview(booking.id(), operation, reason);
        return booking.payment().withStatus(PaymentStatus.MANUAL_REVIEW);
    }

    private static Rejection notCompletable(Booking booking) {
        return Rejection.of(ProblemCode.NOT_COMPLETABLE,
                "Booking cannot be completed - current status: " + booking.status().name());
    }
}
