package dev.lessonbook.booking;

import static dev.lessonbook.fixtures.Bookings.aBooking;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.event.BookingCompleted;
import dev.lessonbook.fixtures.InMemoryBookingStore;
import dev.lessonbook.fixtures.ScriptedPaymentGateway;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.AuthorizationHold;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler's completion of lessons nobody completed, and lapsed holds (docs/decisions.md "Holds never lapse"). */
class CompletingLessonsAutomaticallyTest {
    private static final Money PRICE = Money.of(6000, "usd");
    /** Held with a deadline far off: completion falls at end + 24 h. */
    private static final Duration LONG_HOLD = Duration.ofDays(5);

    private final InMemoryBookingStore bookings = new InMemoryBookingStore();
    private final ScriptedPaymentGateway payments = new ScriptedPaymentGateway();
    private final List<String> incidents = new ArrayList<>();
    private final Booking lesson = aBooking().id("bk_auto").build();
    private final Instant end = lesson.endsAt();

    private SchedulingPayments.Run runAt(Instant now) {
        PaymentIncidents recorded = (id, operation, reason) -> incidents.add(id + " " + operation);
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new SchedulingPayments(bookings, payments, new CancellationSettlement(bookings, payments, recorded), recorded,
                clock).run(now.plus(Duration.ofSeconds(120)));
    }

    private Booking stored() {
        return bookings.find(lesson.id()).orElseThrow();
    }

    private long completedEvents() {
        return bookings.events.stream().filter(BookingCompleted.class::isInstance).count();
    }

    @Test
    void atTheLessonsEndTheHoldsDeadlineIsReadAndRecordedNothingCaptured() {
        bookings.with(lesson);
        payments.holds(new AuthorizationHold.Held(end.plus(LONG_HOLD)));

        runAt(end);

        assertThat(payments.calls).containsExactly("hold bk_auto pi_1");
        assertThat(stored().payment().captureBefore()).isEqualTo(end.plus(LONG_HOLD));
        assertThat(stored().status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(DueWork.of(stored())).contains(new DueWork.Due(DueWork.AUTO_COMPLETION, end.plus(Duration.ofHours(24))));
    }

    @Test
    void aLessonNobodyCompletedIsCompletedAndCapturedADayAfterItsEndOnce() {
        bookings.with(lesson.withPayment(lesson.payment().withCaptureBefore(end.plus(LONG_HOLD))));

        assertThat(runAt(end.plus(Duration.ofHours(24)).minusSeconds(1)).completed()).as("a second early").isZero();
        SchedulingPayments.Run run = runAt(end.plus(Duration.ofHours(24)));
        runAt(end.plus(Duration.ofHours(25)));

        assertThat(run.completed()).isEqualTo(1);
        assertThat(payments.calls).containsExactly("capture bk_auto pi_1 6000");
        assertThat(stored().status()).isEqualTo(BookingStatus.COMPLETED);
        assertThat(stored().payment().status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(stored().payment().amountCaptured()).isEqualTo(PRICE);
        assertThat(completedEvents()).as("the instructor's completion's event: its emails and stats").isEqualTo(1);
        assertThat(DueWork.of(stored())).isEmpty();
    }

    @Test
    void aHoldLapsingBeforeEndPlusADayIsCapturedTheMarginBeforeItsDeadline() {
        Instant captureBefore = end.plus(Duration.ofHours(10));
        bookings.with(lesson);
        payments.holds(new AuthorizationHold.Held(captureBefore));

        runAt(end);
        assertThat(stored().status()).isEqualTo(BookingStatus.CONFIRMED);
        runAt(captureBefore.minus(Duration.ofHours(6)));

        assertThat(stored().status()).isEqualTo(BookingStatus.COMPLETED);
        assertThat(payments.calls).containsExactly("hold bk_auto pi_1", "capture bk_auto pi_1 6000");
    }

    @Test
    void aHoldLapsingWithinTheMarginIsCapturedAtTheEndInTheRunThatReadsIt() {
        bookings.with(lesson);
        payments.holds(new AuthorizationHold.Held(end.plus(Duration.ofHours(1))));

        runAt(end);

        assertThat(stored().status()).isEqualTo(BookingStatus.COMPLETED);
        assertThat(payments.calls).containsExactly("hold bk_auto pi_1", "capture bk_auto pi_1 6000");
    }

    @Test
    void disputedAndCompletedLessonsAreNotCompletedAutomatically() {
        Payment captured = lesson.payment().withCapture(PRICE, "pi_1");
        bookings.with(aBooking().id("bk_disputed").payment(captured.withDisputeOpened("dp_1", PRICE)).build());
        bookings.with(aBooking().id("bk_done").status(BookingStatus.COMPLETED).payment(captured).build());
        bookings.with(aBooking().id("bk_review").payment(lesson.payment().withStatus(PaymentStatus.MANUAL_REVIEW)).build());

        SchedulingPayments.Run run = runAt(end.plus(Duration.ofDays(3)));

        assertThat(run.completed()).isZero();
        assertThat(payments.calls).isEmpty();
        assertThat(bookings.find("bk_disputed").orElseThrow().status()).isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void aLapsedHoldFoundAtTheEndIsAuthorizedAgainOnTheSavedCard() {
        bookings.with(lesson.withPayment(Payment.scheduled("usd", "cus_1", "pm_saved").withAuthorization(PRICE, "pi_1")));
        payments.holds(new AuthorizationHold.Lapsed("automatic"));

        SchedulingPayments.Run run = runAt(end);

        assertThat(run.renewed()).isEqualTo(1);
        assertThat(payments.calls).containsExactly("hold bk_auto pi_1", "authorizeSavedAgain bk_auto 6000 pi_1");
        Payment renewed = stored().payment();
        assertThat(renewed.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(renewed.paymentIntentId()).isEqualTo("pi_renewed_pi_1");
        assertThat(renewed.renewedFrom()).isEqualTo("pi_1");
        assertThat(incidents).isEmpty();
    }

    @Test
    void aCaptureRefusedBecauseTheHoldLapsedRenewsItAndCapturesTheRenewal() {
        bookings.with(lesson.withPayment(Payment.scheduled("usd", "cus_1", "pm_saved").withAuthorization(PRICE, "pi_1")
                .withCaptureBefore(end.plus(LONG_HOLD))));
        payments.answering("capture", new PaymentOutcome.Declined("payment_intent_unexpected_state"))
                .holds(new AuthorizationHold.Lapsed("automatic"));

        runAt(end.plus(Duration.ofHours(24)));

        assertThat(payments.calls).containsExactly("capture bk_auto pi_1 6000", "hold bk_auto pi_1",
                "authorizeSavedAgain bk_auto 6000 pi_1", "captureRenewed bk_auto pi_renewed_pi_1 6000");
        assertThat(stored().status()).isEqualTo(BookingStatus.COMPLETED);
        assertThat(stored().payment().status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(stored().payment().paymentIntentId()).isEqualTo("pi_renewed_pi_1");
        assertThat(completedEvents()).isEqualTo(1);
    }

    @Test
    void aLapsedHoldWithoutASavedCardGoesToManualReviewWithAnIncident() {
        bookings.with(lesson);
        payments.holds(new AuthorizationHold.Lapsed("automatic"));

        runAt(end);

        assertThat(stored().payment().status()).isEqualTo(PaymentStatus.MANUAL_REVIEW);
        assertThat(incidents).containsExactly("bk_auto renew-hold");
        assertThat(payments.calls).doesNotContain("authorizeSavedAgain bk_auto 6000 pi_1");
        assertThat(DueWork.of(stored())).isEmpty();
    }

    @Test
    void aHoldCancelledBySomeoneIsNotRenewed() {
        bookings.with(lesson.withPayment(Payment.scheduled("usd", "cus_1", "pm_saved").withAuthorization(PRICE, "pi_1")));
        payments.holds(new AuthorizationHold.Lapsed("requested_by_customer"))
                .answering("capture", new PaymentOutcome.Declined("payment_intent_unexpected_state"));

        runAt(end);

        assertThat(payments.calls).noneMatch(call -> call.startsWith("authorizeSavedAgain"));
        assertThat(stored().payment().status()).isEqualTo(PaymentStatus.MANUAL_REVIEW);
        assertThat(incidents).containsExactly("bk_auto complete");
    }

    @Test
    void stripeUnreachableLeavesTheLessonDueForTheNextRun() {
        bookings.with(lesson);
        payments.holds(new AuthorizationHold.Unknown("down"));

        SchedulingPayments.Run run = runAt(end);

        assertThat(run.deferred()).isEqualTo(1);
        assertThat(stored()).isEqualTo(lesson);
    }
}
