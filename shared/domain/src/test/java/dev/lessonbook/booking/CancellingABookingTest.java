package dev.lessonbook.booking;

import static dev.lessonbook.fixtures.Bookings.aBooking;
import static dev.lessonbook.fixtures.Results.rejectionOf;
import static dev.lessonbook.fixtures.Results.valueOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Role;
import dev.lessonbook.event.BookingCancelled;
import dev.lessonbook.fixtures.InMemoryBookingStore;
import dev.lessonbook.fixtures.ScriptedPaymentGateway;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancellingABookingTest {
    private static final Caller STUDENT = new Caller("stu-1", Role.STUDENT);
    private static final Caller INSTRUCTOR = new Caller("ins-1", Role.INSTRUCTOR);
    private static final Caller ADMIN = new Caller("root", Role.ADMIN);
    private static final Payment SCHEDULED = Payment.scheduled("usd", "cus_1", "pm_saved");

    private final InMemoryBookingStore bookings = new InMemoryBookingStore();
    private final ScriptedPaymentGateway payments = new ScriptedPaymentGateway();
    private final List<String> incidents = new ArrayList<>();
    /** 2026-12-07 09:00 New York (14:00 UTC), 60.00 usd authorized as pi_1. */
    private final Booking lesson = aBooking().id("bk_lesson").build();

    private CancellingABooking cancellingAt(Instant now) {
        CancellationSettlement settlement = new CancellationSettlement(bookings, payments,
                (bookingId, operation, reason) -> incidents.add(bookingId + " " + operation));
        return new CancellingABooking(bookings, CancellationPolicy.defaults(), settlement, Clock.fixed(now, ZoneOffset.UTC));
    }

    private Booking cancel(Booking booking, Caller caller, Duration beforeStart) {
        bookings.with(booking);
        return valueOf(cancellingAt(booking.startsAt().minus(beforeStart)).cancel(caller, booking.id(), "Sick"));
    }

    private Rejection refusal(Booking booking, Caller caller, Duration beforeStart) {
        bookings.with(booking);
        return rejectionOf(cancellingAt(booking.startsAt().minus(beforeStart)).cancel(caller, booking.id(), null));
    }

    @Test
    void studentCancellingExactlyTwentyFourHoursAheadPaysNothingAndTheAuthorizationIsReleased() {
        Booking cancelled = cancel(lesson, STUDENT, Duration.ofHours(24));

        assertThat(cancelled.status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(cancelled.cancellation()).isEqualTo(
                new Cancellation(Role.STUDENT, lesson.startsAt().minus(Duration.ofHours(24)), "Sick", 0, Money.of(0, "usd")));
        assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.RELEASED);
        assertThat(payments.calls).containsExactly("release bk_lesson pi_1");
    }

    @Test
    void studentCancellingTwentyThreeHoursFiftyNineMinutesAheadPaysHalf() {
        Booking cancelled = cancel(lesson, STUDENT, Duration.ofHours(23).plusMinutes(59));

        assertThat(cancelled.cancellation().chargePercent()).isEqualTo(50);
        assertThat(cancelled.cancellation().amountCharged()).isEqualTo(Money.of(3000, "usd"));
        assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(cancelled.payment().amountCaptured()).isEqualTo(Money.of(3000, "usd"));
        assertThat(payments.calls).containsExactly("capture bk_lesson pi_1 3000");
    }

    @Test
    void studentCancellingExactlyTwelveHoursAheadPaysHalf() {
        Booking cancelled = cancel(lesson, STUDENT, Duration.ofHours(12));

        assertThat(cancelled.cancellation().chargePercent()).isEqualTo(50);
        assertThat(payments.calls).containsExactly("capture bk_lesson pi_1 3000");
    }

    @Test
    void studentCancellingElevenHoursFiftyNineMinutesAheadPaysEverything() {
        Booking cancelled = cancel(lesson, STUDENT, Duration.ofHours(11).plusMinutes(59));

        assertThat(cancelled.cancellation().chargePercent()).isEqualTo(100);
        assertThat(cancelled.payment().amountCaptured()).isEqualTo(Money.of(6000, "usd"));
        assertThat(payments.calls).containsExactly("capture bk_lesson pi_1 6000");
    }

    @Test
    void studentCancellingAfterTheStartIsRefusedAsBookingStarted() {
        Rejection refused = refusal(lesson, STUDENT, Duration.ofMinutes(-1));

        assertThat(refused.code()).isEqualTo(ProblemCode.BOOKING_STARTED);
        assertThat(bookings.find(lesson.id()).orElseThrow()).isEqualTo(lesson);
        assertThat(payments.calls).isEmpty();
    }

    @Test
    void instructorCancellingAtTheStartInstantIsRefusedAsBookingStarted() {
        assertThat(refusal(lesson, INSTRUCTOR, Duration.ZERO).code()).isEqualTo(ProblemCode.BOOKING_STARTED);
    }

    @Test
    void adminMayCancelAfterTheStartAndChargesNothing() {
        Booking cancelled = cancel(lesson, ADMIN, Duration.ofMinutes(-30));

        assertThat(cancelled.cancellation().by()).isEqualTo(Role.ADMIN);
        assertThat(cancelled.cancellation().chargePercent()).isZero();
        assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.RELEASED);
    }

    @Test
    void instructorCancellingAtTheLastMinuteChargesTheStudentNothing() {
        Booking cancelled = cancel(lesson, INSTRUCTOR, Duration.ofMinutes(1));

        assertThat(cancelled.cancellation().by()).isEqualTo(Role.INSTRUCTOR);
        assertThat(cancelled.cancellation().amountCharged()).isEqualTo(Money.of(0, "usd"));
        assertThat(payments.calls).containsExactly("release bk_lesson pi_1");
    }

    @Test
    void instructorCancellingAnAlreadyCapturedPaymentRefundsItInFull() {
        Booking cancelled = cancel(aBooking().id("bk_paid").captured(6000, 0).build(), INSTRUCTOR, Duration.ofHours(2));

        assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(cancelled.payment().amountRefunded()).isEqualTo(Money.of(6000, "usd"));
        assertThat(payments.calls).containsExactly("refund bk_paid pi_1 6000");
    }

    @Test
    void anotherStudentIsToldTheBookingDoesNotExist() {
        Rejection refused = refusal(lesson, new Caller("stu-2", Role.STUDENT), Duration.ofHours(48));
        Rejection missing = rejectionOf(cancellingAt(Instant.EPOCH).cancel(STUDENT, "bk_missing", null));

        assertThat(refused.code()).isEqualTo(ProblemCode.NOT_FOUND);
        assertThat(refused.detail()).isEqualTo("Booking not found");
        assertThat(missing.detail()).isEqualTo("Booking not found");
    }

    @Test
    void anotherInstructorIsToldTheBookingDoesNotExist() {
        assertThat(refusal(lesson, new Caller("ins-2", Role.INSTRUCTOR), Duration.ofHours(48)).code())
                .isEqualTo(ProblemCode.NOT_FOUND);
    }

    @Test
    void cancellingRecordsOneBookingCancelledEventAndStopsOccupyingTime() {
        cancel(lesson, STUDENT, Duration.ofHours(48));

        Booking stored = bookings.find(lesson.id()).orElseThrow();
        assertThat(stored.occupiesTimeAt(lesson.startsAt())).isFalse();
        assertThat(bookings.events).hasExactlyElementsOfTypes(BookingCancelled.class);
    }

    @Test
    void cancellingACancelledBookingAnswersItUnchangedWithNoSideEffects() {
        Booking cancelled = cancel(lesson, STUDENT, Duration.ofHours(13));
        int callsBefore = payments.calls.size();
        int eventsBefore = bookings.events.size();

        Booking again = valueOf(cancellingAt(lesson.startsAt().minusSeconds(60)).cancel(STUDENT, lesson.id(), "Again"));

        assertThat(again).isEqualTo(cancelled);
        assertThat(payments.calls).hasSize(callsBefore);
        assertThat(bookings.events).hasSize(eventsBefore);
    }

    @Test
    void cancellingACompletedBookingIsNotCancellable() {
        Rejection refused = refusal(aBooking().status(BookingStatus.COMPLETED).build(), STUDENT, Duration.ofHours(48));

        assertThat(refused.code()).isEqualTo(ProblemCode.NOT_CANCELLABLE);
        assertThat(refused.detail()).isEqualTo("Booking cannot be cancelled - current status: COMPLETED");
    }

    @Test
    void providerFailureStillCancelsAndLeavesThePaymentForManualReview() {
        payments.answering("capture", new PaymentOutcome.ProviderUnavailable("timeout"));

        Booking cancelled = cancel(lesson, STUDENT, Duration.ofHours(6));

        assertThat(cancelled.status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.MANUAL_REVIEW);
        assertThat(bookings.find(lesson.id()).orElseThrow()).isEqualTo(cancelled);
        assertThat(incidents).containsExactly("bk_lesson capture");
    }

    @Test
    void cancellingAgainAfterManualReviewMovesNoMoney() {
        payments.answering("release", new PaymentOutcome.ProviderUnavailable("timeout"));
        Booking cancelled = cancel(lesson, STUDENT, Duration.ofHours(48));

        Booking again = valueOf(cancellingAt(lesson.startsAt().minusSeconds(3600)).cancel(ADMIN, lesson.id(), null));

        assertThat(again).isEqualTo(cancelled);
        assertThat(payments.calls).containsExactly("release bk_lesson pi_1");
        assertThat(DueWork.of(again)).isEmpty();
    }

    @Test
    void scheduledPaymentCancelledEarlyIsDroppedWithoutCallingTheProvider() {
        Booking cancelled = cancel(aBooking().payment(SCHEDULED).build(), STUDENT, Duration.ofDays(3));

        assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.RELEASED);
        assertThat(payments.calls).isEmpty();
    }

    @Test
    void aCancellationMeetingAnAuthorizationRecordedMeanwhileDecidesAgainOnIt() {
        // The scheduler authorizes the saved card between the cancellation's read and its write:
        // charging the saved card for the fee would leave the new hold on the card beside it.
        Booking scheduled = aBooking().id("bk_sched").payment(SCHEDULED).build();
        bookings.with(scheduled);
        bookings.changeBeforeNextUpdate(scheduled.withPayment(SCHEDULED.withAuthorization(Money.of(6000, "usd"), "pi_meanwhile")));

        Booking cancelled = valueOf(cancellingAt(scheduled.startsAt().minus(Duration.ofHours(20))).cancel(STUDENT, "bk_sched", "Sick"));

        assertThat(payments.calls).noneMatch(call -> call.startsWith("chargeSaved"));
        assertThat(payments.calls).anyMatch(call -> call.contains("pi_meanwhile"));
        assertThat(cancelled.payment().paymentIntentId()).isEqualTo("pi_meanwhile");
        assertThat(cancelled.cancellation().chargePercent()).isEqualTo(50);
    }

    @Test
    void scheduledPaymentCancelledLateByTheStudentIsChargedOffSessionForTheDueShare() {
        Booking cancelled = cancel(aBooking().id("bk_sched").payment(SCHEDULED).build(), STUDENT, Duration.ofHours(20));

        assertThat(payments.calls).containsExactly("chargeSaved bk_sched 3000");
        assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(cancelled.payment().amountCaptured()).isEqualTo(Money.of(3000, "usd"));
    }

    @Test
    void aCancellationWhoseAnswerWasNeverRecordedIsDueForSettlementAfterTheGrace() {
        Instant at = lesson.startsAt().minus(Duration.ofHours(6));
        Booking crashed = lesson.cancelled(new Cancellation(Role.STUDENT, at, null, 100, Money.of(6000, "usd")), lesson.payment());

        assertThat(DueWork.of(crashed)).contains(
                new DueWork.Due(DueWork.CANCELLATION_SETTLEMENT, at.plus(DueWork.SETTLEMENT_GRACE)));
        assertThat(CancellationSettlement.moveFor(crashed)).isEqualTo(new CancellationSettlement.Capture("pi_1", Money.of(6000, "usd")));
    }

    @Test
    void aCancellationWhoseOwnCommittedWriteWasReportedLostStillMakesItsMoneyMove() {
        bookings.commitButReportLostOnNextRelease();

        Booking cancelled = cancel(lesson, STUDENT, Duration.ofHours(48));

        assertThat(payments.calls).containsExactly("release bk_lesson pi_1");
        assertThat(cancelled.status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.RELEASED);
        assertThat(bookings.find("bk_lesson")).contains(cancelled);
    }

    @Test
    void theSchedulerSettlesACancellationLeftUnsettledOneMinuteAfterIt() {
        assertThat(DueWork.SETTLEMENT_GRACE).isEqualTo(Duration.ofMinutes(1));
    }
}
