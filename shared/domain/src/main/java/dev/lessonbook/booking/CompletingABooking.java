package dev.lessonbook.booking;

import dev.lessonbook.access.Caller;
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
 * <p>A payment still SCHEDULED at completion (never authorized) is charged off-session in full.
 * Completing a COMPLETED booking answers it unchanged.
 */
public final class CompletingABooking {
    private final BookingStore bookings;
    private final PaymentGateway payments;
    private final PaymentIncidents incidents;
    private final Clock clock;

    public CompletingABooking(BookingStore bookings, PaymentGateway payments, PaymentIncidents incidents, Clock clock) {
        this.bookings = bookings;
        this.payments = payments;
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
        Optional<Payment> captured = captureInFull(booking);
        if (captured.isEmpty()) {
            return Result.rejected(ProblemCode.PAYMENT_PROVIDER_UNAVAILABLE,
                    "The payment provider could not be reached; the lesson was not marked completed. Retry later");
        }
        Booking completed = booking.withStatus(BookingStatus.COMPLETED).withPayment(captured.get());
        if (bookings.update(completed, BookingStatus.CONFIRMED,
                List.of(BookingEvents.completed(completed, now)))) {
            return Result.ok(completed);
        }
        // Changed meanwhile: a twin completion (answered as done) or an admin's cancellation.
        Booking current = bookings.find(bookingId).orElseThrow();
        return current.status() == BookingStatus.COMPLETED ? Result.ok(current) : Result.rejected(notCompletable(current));
    }

    /** The payment after capturing the full price; empty when the provider could not be reached. */
    private Optional<Payment> captureInFull(Booking booking) {
        Payment payment = booking.payment();
        PaymentOutcome outcome = switch (payment.status()) {
            case AUTHORIZED -> payments.capture(booking.id(), payment.paymentIntentId(), payment.amountAuthorized());
            case SCHEDULED -> payments.chargeSaved(booking.id(), booking.price(), payment.customerId(),
                    payment.paymentMethodId());
            // Nothing to collect (a free lesson), or a person is on it already (MANUAL_REVIEW).
            // REQUIRES_ACTION only on a PENDING booking, which is never completed.
            case NOT_REQUIRED, REQUIRES_ACTION, CAPTURED, RELEASED, REFUNDED, FAILED, MANUAL_REVIEW, DISPUTED,
                    DISPUTE_LOST -> null;
        };
        return switch (outcome) {
            case null -> Optional.of(payment);
            case PaymentOutcome.Captured done -> Optional.of(payment.withCapture(done.amount(), done.paymentIntentId()));
            case PaymentOutcome.ProviderUnavailable unavailable -> Optional.empty();
            default -> {
                incidents.manualReview(booking.id(), "complete", CancellationSettlement.describe(outcome));
                yield Optional.of(payment.withStatus(PaymentStatus.MANUAL_REVIEW));
            }
        };
    }

    private static Rejection notCompletable(Booking booking) {
        return Rejection.of(ProblemCode.NOT_COMPLETABLE,
                "Booking cannot be completed - current status: " + booking.status().name());
    }
}
