package dev.lessonbook.booking;

import static dev.lessonbook.fixtures.Bookings.aBooking;
import static dev.lessonbook.fixtures.Results.rejectionOf;
import static dev.lessonbook.fixtures.Results.valueOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Role;
import dev.lessonbook.booking.FollowingPaymentReports.Handled;
import dev.lessonbook.booking.FollowingPaymentReports.ProviderEvent;
import dev.lessonbook.event.BookingCancelled;
import dev.lessonbook.fixtures.InMemoryBookingStore;
import dev.lessonbook.fixtures.MovableClock;
import dev.lessonbook.fixtures.ScriptedPaymentGateway;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.AuthorizationHold;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentReport;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.payment.ProviderEventLog;
import dev.lessonbook.problem.ProblemCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every transition of a booking whose card awaits its holder's authentication (docs/spec.md §6,
 * docs/decisions.md "Transitions while authentication is awaited"): a PENDING booking whose card
 * asked for 3-D Secure when booked, and a CONFIRMED one whose off-session authorization asked for
 * it. No money is held on either, so no step may charge, capture or leave a hold behind.
 */
class AwaitingAuthenticationTransitionsTest {
    private static final Caller STUDENT = new Caller("stu-1", Role.STUDENT);
    private static final Caller INSTRUCTOR = new Caller("ins-1", Role.INSTRUCTOR);
    private static final Money LESSON = Money.of(6000, "usd");

    private final InMemoryBookingStore bookings = new InMemoryBookingStore();
    private final ScriptedPaymentGateway payments = new ScriptedPaymentGateway();
    private final List<String> incidents = new ArrayList<>();
    private final AtomicInteger eventIds = new AtomicInteger();
    private final MemoryLog log = new MemoryLog();

    /** 3-D Secure on booking: PENDING, its slot held, the intent waiting (2026-12-07 09:00 New York). */
    private final Booking pending = aBooking().id("bk_pending")
            .pendingUntil(Instant.parse("2026-12-07T13:50:00Z"))
            .payment(Payment.awaitingAuthentication("usd", "pi_3ds", "cus_1", "pm_card_visa")).build();
    /** 3-D Secure off-session: CONFIRMED, the scheduled authorization waiting for the student. */
    private final Booking confirmed = aBooking().id("bk_offsession")
            .payment(Payment.awaitingAuthentication("usd", "pi_off", "cus_1", "pm_saved")).build();

    private final MovableClock clock = new MovableClock(confirmed.startsAt().minus(Duration.ofHours(5)));

    @Test
    void studentCancellingAPendingBookingAwaitingAuthenticationPaysNoTierAndItsIntentIsCancelledUnderItsOwnKey() {
        Booking cancelled = cancel(pending, STUDENT);

        assertThat(cancelled.status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(cancelled.cancellation().chargePercent()).as("5 h ahead would be 100 %").isZero();
        assertThat(cancelled.cancellation().amountCharged()).isEqualTo(Money.zero("usd"));
        assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.RELEASED);
        assertThat(payments.calls).containsExactly("releaseReplaced bk_pending pi_3ds");
        assertThat(bookings.events).singleElement().isInstanceOfSatisfying(BookingCancelled.class,
                event -> assertThat(event.amountCharged()).isEqualTo(Money.zero("usd")));
    }

    @Test
    void studentCancellingAConfirmedLessonWhoseOffSessionAuthorizationAwaitsThemPaysNothingAndTheIntentIsCancelled() {
        Booking cancelled = cancel(confirmed, STUDENT);

        assertThat(cancelled.cancellation().chargePercent()).isZero();
        assertThat(cancelled.cancellation().amountCharged()).isEqualTo(Money.zero("usd"));
        assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.RELEASED);
        assertThat(payments.calls).as("no off-session charge of the fee either").containsExactly("releaseReplaced bk_offsession pi_off");
        assertThat(DueWork.of(bookings.find(confirmed.id()).orElseThrow())).isEmpty();
    }

    @Test
    void cancellingALessonWhoseOffSessionAuthenticationFailedCancelsTheIntentTheSchedulerWouldHaveCancelled() {
        Booking failing = confirmed.withPayment(confirmed.payment().withStatus(PaymentStatus.FAILED));

        Booking cancelled = cancel(failing, INSTRUCTOR);

        assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.RELEASED);
        assertThat(payments.calls).containsExactly("releaseReplaced bk_offsession pi_off");
    }

    @Test
    void anAuthenticationCompletedAfterACancellationWhoseReleaseFailedIsRecordedOnceAndReleasedBySchedulerOnce() {
        payments.answering("releaseReplaced", new PaymentOutcome.ProviderUnavailable("timeout"));
        Booking cancelled = cancel(pending, STUDENT);
        assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.MANUAL_REVIEW);
        assertThat(DueWork.of(cancelled)).as("nothing known to be held").isEmpty();

        PaymentReport held = new PaymentReport.AuthorizationHeld(pending.id(), "pi_3ds", LESSON);
        assertThat(receive(held)).isEqualTo(Handled.APPLIED);
        assertThat(receive(held)).as("a second delivery of the news").isEqualTo(Handled.UNCHANGED);

        Booking recorded = bookings.find(pending.id()).orElseThrow();
        assertThat(recorded.payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(recorded.payment().amountAuthorized()).isEqualTo(LESSON);
        assertThat(DueWork.of(recorded).map(DueWork.Due::kind)).contains(DueWork.CANCELLATION_SETTLEMENT);

        clock.set(recorded.cancellation().at().plus(DueWork.SETTLEMENT_GRACE));
        payments.calls.clear();
        assertThat(scheduler().run(clock.instant().plus(Duration.ofMinutes(5))).settled()).isEqualTo(1);
        assertThat(scheduler().run(clock.instant().plus(Duration.ofMinutes(5))).settled()).as("recorded once").isZero();

        assertThat(payments.calls).containsExactly("release bk_pending pi_3ds");
        assertThat(bookings.find(pending.id()).orElseThrow().payment().status()).isEqualTo(PaymentStatus.RELEASED);
        assertThat(receive(held)).as("news of it after the release").isEqualTo(Handled.UNCHANGED);
    }

    @Test
    void confirmPaymentOnACancelledBookingWhoseStudentAuthenticatedLateRecordsTheHoldForRelease() {
        payments.answering("releaseReplaced", new PaymentOutcome.ProviderUnavailable("timeout"));
        cancel(pending, STUDENT);
        payments.holds(new AuthorizationHold.Held(Instant.parse("2026-12-13T14:00:00Z")));

        BookingOutcome answer = new ConfirmingAPayment(bookings, payments, clock).confirm(STUDENT, pending.id());

        Booking answered = valueOf(answer.result());
        assertThat(answered.status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(answered.payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(DueWork.of(answered).map(DueWork.Due::kind)).contains(DueWork.CANCELLATION_SETTLEMENT);
        assertThat(payments.calls).as("a read, never a confirmation").noneMatch(call -> call.startsWith("afterAuthentication"));

        payments.calls.clear();
        assertThat(valueOf(new ConfirmingAPayment(bookings, payments, clock).confirm(STUDENT, pending.id()).result()))
                .isEqualTo(answered);
        assertThat(payments.calls).as("recorded: nothing read again").isEmpty();
    }

    @Test
    void confirmPaymentOnACancelledBookingWhoseIntentNeverHeldChangesNothing() {
        payments.answering("releaseReplaced", new PaymentOutcome.ProviderUnavailable("timeout"));
        Booking cancelled = cancel(pending, STUDENT);
        payments.holds(new AuthorizationHold.NotHeld("requires_action"));

        assertThat(valueOf(new ConfirmingAPayment(bookings, payments, clock).confirm(STUDENT, pending.id()).result()))
                .isEqualTo(cancelled);
    }

    @Test
    void aLateAuthorizationNeverUndoesACancellationFeeAPersonIsCollecting() {
        Booking charged = aBooking().id("bk_fee").status(BookingStatus.CANCELLED)
                .cancelled(new Cancellation(Role.STUDENT, Instant.parse("2026-12-07T08:00:00Z"), null, 100, LESSON))
                .payment(Payment.authorized(LESSON, "pi_1", "pm_card_visa").withStatus(PaymentStatus.MANUAL_REVIEW))
                .build();

        assertThat(PaymentReconciliation.of(charged, new PaymentReport.AuthorizationHeld(charged.id(), "pi_1", LESSON),
                clock.instant())).isInstanceOf(PaymentReconciliation.Unchanged.class);
    }

    @Test
    void completingALessonWhosePaymentAwaitsTheStudentIsRefusedAndMovesNoMoney() {
        bookings.with(confirmed);
        clock.set(confirmed.endsAt().plus(Duration.ofMinutes(1)));

        var result = new CompletingABooking(bookings, payments, (bookingId, operation, reason) -> incidents.add(bookingId),
                clock).complete(INSTRUCTOR, confirmed.id());

        assertThat(rejectionOf(result).code()).isEqualTo(ProblemCode.NOT_COMPLETABLE);
        assertThat(rejectionOf(result).detail()).contains("authentication");
        assertThat(bookings.find(confirmed.id())).contains(confirmed);
        assertThat(payments.calls).isEmpty();
        assertThat(incidents).isEmpty();
    }

    @Test
    void movingALessonWhosePaymentAwaitsTheStudentIsRefused() {
        ReschedulePolicy policy = ReschedulePolicy.defaults();
        Instant dayBefore = confirmed.startsAt().minus(Duration.ofDays(1));

        assertThat(policy.check(confirmed, INSTRUCTOR, dayBefore)).hasValueSatisfying(
                refusal -> assertThat(refusal.code()).isEqualTo(ProblemCode.NOT_RESCHEDULABLE));
        assertThat(policy.check(pending, new Caller("root", Role.ADMIN), pending.createdAt())).hasValueSatisfying(
                refusal -> assertThat(refusal.code()).isEqualTo(ProblemCode.NOT_RESCHEDULABLE));
        assertThat(policy.check(aBooking().build(), INSTRUCTOR, dayBefore)).as("an authorized lesson still moves").isEmpty();
    }

    @Test
    void refundsDisputesAndCancellationsReportedForAnIntentAwaitingAuthenticationChangeNothing() {
        for (Booking awaiting : List.of(pending, confirmed)) {
            String intent = awaiting.payment().paymentIntentId();
            for (PaymentReport report : List.of(
                    new PaymentReport.Refunded(awaiting.id(), intent, LESSON),
                    new PaymentReport.DisputeOpened(awaiting.id(), intent, "dp_1", LESSON),
                    new PaymentReport.DisputeClosed(awaiting.id(), intent, "dp_1", LESSON, false),
                    new PaymentReport.AuthorizationCanceled(awaiting.id(), intent, "automatic"))) {
                assertThat(PaymentReconciliation.of(awaiting, report, clock.instant())).as(report.toString())
                        .isInstanceOf(PaymentReconciliation.Unchanged.class);
            }
        }
    }

    @Test
    void neitherKindIsEverCompletedAutomatically() {
        assertThat(DueWork.of(pending).map(DueWork.Due::kind)).contains(DueWork.HOLD_EXPIRY);
        assertThat(DueWork.of(confirmed).map(DueWork.Due::kind)).contains(DueWork.AUTHENTICATION_DEADLINE);
    }

    // --- fixtures -----------------------------------------------------------------------------

    private Booking cancel(Booking booking, Caller caller) {
        bookings.with(booking);
        CancellationSettlement settlement = new CancellationSettlement(bookings, payments,
                (bookingId, operation, reason) -> incidents.add(bookingId + " " + operation));
        return valueOf(new CancellingABooking(bookings, CancellationPolicy.defaults(), settlement, clock)
                .cancel(caller, booking.id(), null));
    }

    private SchedulingPayments scheduler() {
        return new SchedulingPayments(bookings, payments, new CancellationSettlement(bookings, payments,
                (bookingId, operation, reason) -> incidents.add(bookingId + " " + operation)),
                (bookingId, operation, reason) -> incidents.add(bookingId + " " + operation), clock);
    }

    private Handled receive(PaymentReport report) {
        return new FollowingPaymentReports(log, bookings, (bookingId, operation, reason) -> incidents.add(bookingId),
                (bookingId, disputeId, stage) -> { }, clock)
                .receive(new ProviderEvent("evt_" + eventIds.incrementAndGet(), "payment_intent.amount_capturable_updated",
                        Optional.of(report)));
    }

    private static final class MemoryLog implements ProviderEventLog {
        private final Map<String, Boolean> events = new HashMap<>();

        @Override
        public Receipt record(String eventId, String type, Instant now) {
            Boolean done = events.putIfAbsent(eventId, false);
            return done == null ? Receipt.NEW : done ? Receipt.PROCESSED : Receipt.UNFINISHED;
        }

        @Override
        public void markProcessed(String eventId, Instant now) {
            events.put(eventId, true);
        }
    }
}
