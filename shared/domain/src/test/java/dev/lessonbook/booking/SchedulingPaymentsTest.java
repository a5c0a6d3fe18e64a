package dev.lessonbook.booking;

import static dev.lessonbook.fixtures.Bookings.aBooking;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Role;
import dev.lessonbook.event.BookingPaymentFailed;
import dev.lessonbook.fixtures.InMemoryBookingStore;
import dev.lessonbook.fixtures.MovableClock;
import dev.lessonbook.fixtures.Profiles;
import dev.lessonbook.fixtures.ScriptedPaymentGateway;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SchedulingPaymentsTest {
    private static final Payment SCHEDULED = Payment.scheduled("usd", "cus_1", "pm_saved");

    private final InMemoryBookingStore bookings = new InMemoryBookingStore();
    private final ScriptedPaymentGateway payments = new ScriptedPaymentGateway();
    private final Booking scheduled = aBooking().id("bk_sched").payment(SCHEDULED).build();

    /** The function's Timeout in template.yaml. */
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** What one provider call takes when Stripe hangs: three attempts of the 5 s read timeout, plus back-off. */
    private static final Duration HUNG_CALL = Duration.ofMillis(16_500);

    private SchedulingPayments.Run runAt(Instant now) {
        return scheduler(Clock.fixed(now, ZoneOffset.UTC)).run(now.plus(TIMEOUT));
    }

    private SchedulingPayments scheduler(Clock clock) {
        PaymentIncidents ignore = (id, operation, reason) -> { };
        return new SchedulingPayments(bookings, payments, new CancellationSettlement(bookings, payments, ignore), ignore, clock);
    }

    /** {@code count} saved cards whose authorization fell due at {@code due}, a quarter of an hour apart. */
    private void scheduledCardsDueAt(Instant due, int count) {
        for (int i = 0; i < count; i++) {
            Instant startsAt = due.plus(DueWork.AUTHORIZATION_LEAD).plus(Duration.ofMinutes(15L * i));
            bookings.with(aBooking().id("bk_due" + i).payment(SCHEDULED)
                    .at(LocalDateTime.ofInstant(startsAt, Profiles.NEW_YORK).toString()).build());
        }
    }

    private Booking stored(String id) {
        return bookings.find(id).orElseThrow();
    }

    @Test
    void scheduledPaymentIsAuthorizedTwentyFourHoursBeforeTheLesson() {
        bookings.with(scheduled);

        SchedulingPayments.Run run = runAt(scheduled.startsAt().minus(Duration.ofHours(24)));

        assertThat(run.authorized()).isEqualTo(1);
        assertThat(payments.calls).containsExactly("authorizeSaved bk_sched 6000");
        assertThat(stored("bk_sched").payment())
                .isEqualTo(Payment.scheduled("usd", "cus_1", "pm_saved").withAuthorization(Money.of(6000, "usd"), "pi_saved_bk_sched"));
        assertThat(DueWork.of(stored("bk_sched"))).as("next: completion, its hold's deadline read at the lesson's end")
                .contains(new DueWork.Due(DueWork.AUTO_COMPLETION, scheduled.endsAt()));
    }

    @Test
    void anAuthorizationOfABookingMovedMeanwhileIsRecordedOnTheMovedBooking() {
        bookings.with(scheduled);
        Booking moved = aBooking().id("bk_sched").payment(SCHEDULED).at("2026-12-07T10:00").rescheduled(new Rescheduled(
                RescheduledFrom.of(scheduled), 1, 1, null, null)).build();
        bookings.changeBeforeNextUpdate(moved);

        SchedulingPayments.Run run = runAt(scheduled.startsAt().minus(Duration.ofHours(24)));

        assertThat(run.authorized()).isEqualTo(1);
        assertThat(payments.calls).containsExactly("authorizeSaved bk_sched 6000");
        assertThat(stored("bk_sched").startsAt()).isEqualTo(moved.startsAt());
        assertThat(stored("bk_sched").payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(stored("bk_sched").payment().paymentIntentId()).isEqualTo("pi_saved_bk_sched");
    }

    @Test
    void anIntentAskingForAuthenticationOfABookingCancelledMeanwhileIsCancelled() {
        bookings.with(scheduled);
        bookings.changeBeforeNextUpdate(scheduled.withStatus(BookingStatus.CANCELLED));
        payments.answering("authorizeSaved", new PaymentOutcome.RequiresAction("pi_off", null, null));

        SchedulingPayments.Run run = runAt(scheduled.startsAt().minus(Duration.ofHours(24)));

        assertThat(run.actionRequired()).isZero();
        assertThat(payments.calls).containsExactly("authorizeSaved bk_sched 6000", "releaseReplaced bk_sched pi_off");
        assertThat(bookings.events).isEmpty();
    }

    @Test
    void anIntentAskingForAuthenticationThatAnotherRunRecordedIsLeftForTheStudent() {
        bookings.with(scheduled);
        Payment saved = scheduled.payment();
        bookings.changeBeforeNextUpdate(scheduled.withPayment(Payment.awaitingAuthentication(scheduled.price().currency(),
                "pi_off", saved.customerId(), saved.paymentMethodId())));
        payments.answering("authorizeSaved", new PaymentOutcome.RequiresAction("pi_off", null, null));

        runAt(scheduled.startsAt().minus(Duration.ofHours(24)));

        assertThat(payments.calls).containsExactly("authorizeSaved bk_sched 6000");
        assertThat(stored("bk_sched").payment().status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);
    }

    @Test
    void anAuthorizationOfABookingMovedFarAwayMeanwhileIsReleased() {
        bookings.with(scheduled);
        Booking moved = aBooking().id("bk_sched").payment(SCHEDULED).at("2026-12-20T10:00").rescheduled(new Rescheduled(
                RescheduledFrom.of(scheduled), 1, 1, null, null)).build();
        bookings.changeBeforeNextUpdate(moved);

        runAt(scheduled.startsAt().minus(Duration.ofHours(24)));

        assertThat(payments.calls).containsExactly("authorizeSaved bk_sched 6000", "release bk_sched pi_saved_bk_sched");
        assertThat(stored("bk_sched")).isEqualTo(moved);
    }

    @Test
    void scheduledPaymentIsLeftAloneUntilTwentyFourHoursBeforeTheLesson() {
        bookings.with(scheduled);

        runAt(scheduled.startsAt().minus(Duration.ofHours(24)).minusSeconds(1));

        assertThat(payments.calls).isEmpty();
        assertThat(stored("bk_sched")).isEqualTo(scheduled);
    }

    @Test
    void declinedScheduledAuthorizationFailsTheBookingAndFreesItsTime() {
        bookings.with(scheduled);
        payments.answering("authorizeSaved", new PaymentOutcome.Declined("Your card was declined."));

        SchedulingPayments.Run run = runAt(scheduled.startsAt().minus(Duration.ofHours(3)));

        assertThat(run.paymentFailed()).isEqualTo(1);
        Booking failed = stored("bk_sched");
        assertThat(failed.status()).isEqualTo(BookingStatus.PAYMENT_FAILED);
        assertThat(failed.payment().status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(failed.occupiesTimeAt(failed.startsAt())).isFalse();
        assertThat(bookings.events).hasExactlyElementsOfTypes(BookingPaymentFailed.class);
    }

    @Test
    void unreachableProviderIsTriedAgainNextRunUnderTheSameBooking() {
        bookings.with(scheduled);
        payments.answering("authorizeSaved", new PaymentOutcome.ProviderUnavailable("timeout"));

        SchedulingPayments.Run run = runAt(scheduled.startsAt().minus(Duration.ofHours(20)));

        assertThat(run.deferred()).isEqualTo(1);
        assertThat(stored("bk_sched")).isEqualTo(scheduled);
        payments.answering("authorizeSaved", new PaymentOutcome.Authorized("pi_late", Money.of(6000, "usd")));
        assertThat(runAt(scheduled.startsAt().minus(Duration.ofHours(19))).authorized()).isEqualTo(1);
    }

    @Test
    void anAuthorizationAnOverlappingRunRecordedIsNotOverwrittenByManualReview() {
        // Runs overlap (every minute, 90 s): at the lesson's start this run's request meets Stripe's
        // 409 for the identical request in flight, while the other run records its answer.
        bookings.with(scheduled);
        Booking recorded = scheduled.withPayment(SCHEDULED.withAuthorization(Money.of(6000, "usd"), "pi_other_run"));
        bookings.changeBeforeNextUpdate(recorded);
        payments.answering("authorizeSaved", new PaymentOutcome.ProviderUnavailable("idempotency_key_in_use"));

        runAt(scheduled.startsAt());

        assertThat(stored("bk_sched").payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(stored("bk_sched").payment().paymentIntentId()).isEqualTo("pi_other_run");
    }

    @Test
    void lapsedHoldIsMarkedExpired() {
        Instant expiry = Instant.parse("2026-12-01T12:10:00Z");
        bookings.with(aBooking().id("bk_hold").pendingUntil(expiry)
                .payment(Payment.notRequired("usd")).build());

        SchedulingPayments.Run run = runAt(expiry);

        assertThat(run.expired()).isEqualTo(1);
        assertThat(stored("bk_hold").status()).isEqualTo(BookingStatus.EXPIRED);
        assertThat(payments.calls).isEmpty();
    }

    @Test
    void liveHoldIsLeftAlone() {
        Instant expiry = Instant.parse("2026-12-01T12:10:00Z");
        bookings.with(aBooking().id("bk_hold").pendingUntil(expiry).build());

        assertThat(runAt(expiry.minusSeconds(1)).expired()).isZero();
        assertThat(stored("bk_hold").status()).isEqualTo(BookingStatus.PENDING);
    }

    @Test
    void lapsedHoldWithARecordedAuthorizationReleasesIt() {
        Instant expiry = Instant.parse("2026-12-01T12:10:00Z");
        bookings.with(aBooking().id("bk_hold").pendingUntil(expiry).build());

        runAt(expiry.plusSeconds(60));

        assertThat(payments.calls).containsExactly("release bk_hold pi_1");
        assertThat(stored("bk_hold").payment().status()).isEqualTo(PaymentStatus.RELEASED);
    }

    @Test
    void cancellationLeftUnsettledByACrashIsSettledAfterTheGrace() {
        Booking lesson = aBooking().id("bk_crash").build();
        Instant at = lesson.startsAt().minus(Duration.ofHours(18));
        bookings.with(lesson.cancelled(new Cancellation(Role.STUDENT, at, null, 50, Money.of(3000, "usd")), lesson.payment()));

        assertThat(runAt(at.plus(DueWork.SETTLEMENT_GRACE).minusSeconds(1)).settled()).isZero();
        assertThat(runAt(at.plus(DueWork.SETTLEMENT_GRACE)).settled()).isEqualTo(1);

        assertThat(payments.calls).containsExactly("capture bk_crash pi_1 3000");
        assertThat(stored("bk_crash").payment().amountCaptured()).isEqualTo(Money.of(3000, "usd"));
        assertThat(DueWork.of(stored("bk_crash"))).isEmpty();
    }

    // --- authorizations on bookings that hold no time ------------------------------------------

    /** Booked 2026-12-01 12:00 UTC for 2026-12-03 09:00 New York: authorized when booked. */
    private Booking failedWhileAuthorizing() {
        return aBooking().id("bk_lost").at("2026-12-03T09:00").status(BookingStatus.PAYMENT_FAILED)
                .payment(Payment.untouched("usd", "pm_card_visa").withStatus(PaymentStatus.MANUAL_REVIEW)).build();
    }

    @Test
    void theLookUpByKeyNamesTheCustomerTheBookingKeptSoNoCustomerIsAskedFor() {
        Booking failed = failedWhileAuthorizing();
        failed = failed.withPayment(failed.payment().withCustomer("cus_kept"));
        bookings.with(failed);

        runAt(failed.createdAt().plusSeconds(60));

        assertThat(payments.calls).containsExactly("authorize bk_lost 6000 cus_kept", "release bk_lost pi_bk_lost");
    }

    @Test
    void anAuthorizationWhoseAnswerWasLostIsFoundByItsKeyAndReleased() {
        Booking failed = failedWhileAuthorizing();
        bookings.with(failed);

        SchedulingPayments.Run run = runAt(failed.createdAt().plusSeconds(60));

        assertThat(run.released()).isEqualTo(1);
        assertThat(payments.calls).containsExactly("authorize bk_lost 6000", "release bk_lost pi_bk_lost");
        Payment payment = stored("bk_lost").payment();
        assertThat(payment.status()).isEqualTo(PaymentStatus.RELEASED);
        assertThat(payment.paymentIntentId()).isEqualTo("pi_bk_lost");
        assertThat(stored("bk_lost").status()).isEqualTo(BookingStatus.PAYMENT_FAILED);
        assertThat(DueWork.of(stored("bk_lost"))).isEmpty();
    }

    @Test
    void anAuthorizationStripeDeclinedWhenFoundHoldsNothingAndIsSettled() {
        bookings.with(failedWhileAuthorizing());
        payments.authorizations(new PaymentOutcome.Declined("card_declined"));

        runAt(failedWhileAuthorizing().createdAt().plusSeconds(60));

        assertThat(payments.calls).containsExactly("authorize bk_lost 6000");
        assertThat(stored("bk_lost").payment().status()).isEqualTo(PaymentStatus.RELEASED);
        assertThat(DueWork.of(stored("bk_lost"))).isEmpty();
    }

    @Test
    void anAuthorizationStillUnanswerableIsTriedAgainNextRun() {
        Booking failed = failedWhileAuthorizing();
        bookings.with(failed);
        payments.authorizations(new PaymentOutcome.ProviderUnavailable("timeout"));

        assertThat(runAt(failed.createdAt().plusSeconds(60)).released()).isZero();
        assertThat(stored("bk_lost")).isEqualTo(failed);

        payments.authorizations(null);
        assertThat(runAt(failed.createdAt().plusSeconds(360)).released()).isEqualTo(1);
        assertThat(stored("bk_lost").payment().status()).isEqualTo(PaymentStatus.RELEASED);
    }

    @Test
    void aFoundAuthorizationWhoseReleaseFailsIsRecordedAndReleasedByIdNextRun() {
        Booking failed = failedWhileAuthorizing();
        bookings.with(failed);
        payments.answering("release", new PaymentOutcome.ProviderUnavailable("timeout"));

        runAt(failed.createdAt().plusSeconds(60));
        assertThat(stored("bk_lost").payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(stored("bk_lost").payment().paymentIntentId()).isEqualTo("pi_bk_lost");

        payments.succeeding("release");
        runAt(failed.createdAt().plusSeconds(360));
        assertThat(payments.calls).containsExactly("authorize bk_lost 6000", "release bk_lost pi_bk_lost",
                "release bk_lost pi_bk_lost");
        assertThat(stored("bk_lost").payment().status()).isEqualTo(PaymentStatus.RELEASED);
    }

    @Test
    void anAuthorizationFoundAfterStripeForgotItsKeyIsReleasedAndLeftForAPerson() {
        Booking failed = failedWhileAuthorizing();
        bookings.with(failed);
        java.util.List<String> incidents = new java.util.ArrayList<>();
        Instant late = failed.createdAt().plus(ReleasingAuthorizations.KEY_RETENTION);
        new SchedulingPayments(bookings, payments, new CancellationSettlement(bookings, payments, (id, op, why) -> { }),
                (id, operation, reason) -> incidents.add(id + " " + operation), Clock.fixed(late, ZoneOffset.UTC))
                .run(late.plus(TIMEOUT));

        // The replay may have made a second authorization: it is released, and the first is a person's to check.
        assertThat(payments.calls).containsExactly("authorize bk_lost 6000", "release bk_lost pi_bk_lost");
        assertThat(stored("bk_lost").payment().status()).isEqualTo(PaymentStatus.MANUAL_REVIEW);
        assertThat(stored("bk_lost").payment().paymentIntentId()).isEqualTo("pi_bk_lost");
        assertThat(incidents).containsExactly("bk_lost find-authorization");
        assertThat(DueWork.of(stored("bk_lost"))).isEmpty();
    }

    @Test
    void aLapsedHoldOfALessonAuthorizedWhenBookedHasItsAuthorizationFoundAndReleased() {
        Instant expiry = Instant.parse("2026-12-01T12:10:00Z");
        bookings.with(aBooking().id("bk_crashed").at("2026-12-03T09:00").pendingUntil(expiry)
                .payment(Payment.untouched("usd", "pm_card_visa")).build());

        SchedulingPayments.Run run = runAt(expiry.plusSeconds(60));

        assertThat(run.expired()).isEqualTo(1);
        assertThat(payments.calls).containsExactly("authorize bk_crashed 6000", "release bk_crashed pi_bk_crashed");
        assertThat(stored("bk_crashed").status()).isEqualTo(BookingStatus.EXPIRED);
        assertThat(stored("bk_crashed").payment().status()).isEqualTo(PaymentStatus.RELEASED);
    }

    @Test
    void aFreeLessonsFailureIsNotDueWork() {
        Booking free = aBooking().id("bk_free").at("2026-12-03T09:00").price(0, "usd").status(BookingStatus.PAYMENT_FAILED)
                .payment(Payment.notRequired("usd").withStatus(PaymentStatus.MANUAL_REVIEW)).build();

        assertThat(DueWork.of(free)).isEmpty();
    }

    // --- every booking due, not a batch ----------------------------------------------------------

    /** The old scheduler took 25 of each kind a run; the store hands them out 10 a page. */
    @Test
    void aRunTakesEveryBookingThatFellDueNotABatch() {
        Instant now = Instant.parse("2026-12-06T09:00:00Z");
        scheduledCardsDueAt(now.minus(Duration.ofHours(16)), 60);

        SchedulingPayments.Run run = runAt(now);

        assertThat(run.authorized()).isEqualTo(60);
        assertThat(run.bookings()).isEqualTo(60);
        assertThat(payments.calls).hasSize(60).doesNotHaveDuplicates();
        assertThat(bookings.findDue(DueWork.SCHEDULED_AUTHORIZATION, now, 100)).isEmpty();
    }

    /** A failure nobody can fix here fails the run, as it did one booking at a time: no booking is started after it. */
    @Test
    void aFailureInOneBookingsWorkStopsTheRunAndIsThrown() {
        Instant now = Instant.parse("2026-12-06T09:00:00Z");
        scheduledCardsDueAt(now.minus(Duration.ofHours(3)), 3);
        payments.takingEachCall(() -> {
            throw new IllegalStateException("a bug");
        });

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runAt(now))
                .isInstanceOf(IllegalStateException.class).hasMessage("a bug");
        assertThat(payments.calls).hasSize(1);
    }

    @Test
    void theWorkersSettingIsOneToSixtyFour() {
        assertThat(new SchedulingPayments.Workers(1).count()).isEqualTo(1);
        assertThat(new SchedulingPayments.Workers(64).count()).isEqualTo(64);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SchedulingPayments.Workers(0))
                .hasMessageContaining("PAYMENT_SCHEDULER_WORKERS must be 1 to 64");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SchedulingPayments.Workers(65))
                .hasMessageContaining("PAYMENT_SCHEDULER_WORKERS");
    }

    // --- the time budget ------------------------------------------------------------------------

    @Test
    void aRunWithAHungProviderStopsTakingBookingsBeforeItsDeadline() {
        MovableClock clock = new MovableClock(Instant.parse("2026-12-06T09:00:00Z"));
        scheduledCardsDueAt(clock.instant().minus(Duration.ofHours(3)), 10);
        payments.answering("authorizeSaved", new PaymentOutcome.ProviderUnavailable("read timed out"))
                .takingEachCall(() -> clock.advance(HUNG_CALL));
        Instant deadline = clock.instant().plus(TIMEOUT);

        SchedulingPayments.Run run = scheduler(clock).run(deadline);

        // One worker: started at 0, 16.5, 33 and 49.5 s; at 66 s only 24 s were left.
        assertThat(payments.calls).hasSize(4);
        assertThat(run.deferred()).isEqualTo(4);
        assertThat(run.outOfTime()).isTrue();
        assertThat(clock.instant()).isBefore(deadline);
    }

    @Test
    void aBacklogOfOneKindDoesNotKeepTheOthersWaiting() {
        // Stripe hung on a day of many authorizations: before, they filled every run and a lapsed
        // hold (and the captures before capture_before) waited until the backlog was gone.
        MovableClock clock = new MovableClock(Instant.parse("2026-12-06T09:00:00Z"));
        scheduledCardsDueAt(clock.instant().minus(Duration.ofHours(3)), 10);
        Instant expiry = clock.instant().minus(Duration.ofMinutes(5));
        bookings.with(aBooking().id("bk_hold").pendingUntil(expiry).payment(Payment.notRequired("usd")).build());
        payments.answering("authorizeSaved", new PaymentOutcome.ProviderUnavailable("read timed out"))
                .takingEachCall(() -> clock.advance(HUNG_CALL));

        SchedulingPayments.Run run = scheduler(clock).run(clock.instant().plus(TIMEOUT));

        assertThat(run.expired()).isEqualTo(1);
        assertThat(stored("bk_hold").status()).isEqualTo(BookingStatus.EXPIRED);
        // ... and the authorizations still used the rest of the window: 0, 16.5, 33, 49.5 s.
        assertThat(payments.calls).hasSize(4);
        assertThat(run.outOfTime()).isTrue();
    }

    @Test
    void whatARunLeftForLackOfTimeIsTakenByTheNextRun() {
        MovableClock clock = new MovableClock(Instant.parse("2026-12-06T09:00:00Z"));
        scheduledCardsDueAt(clock.instant().minus(Duration.ofHours(3)), 10);
        payments.answering("authorizeSaved", new PaymentOutcome.ProviderUnavailable("read timed out"))
                .takingEachCall(() -> clock.advance(HUNG_CALL));
        scheduler(clock).run(clock.instant().plus(TIMEOUT));

        payments.succeeding("authorizeSaved").takingEachCall(() -> clock.advance(Duration.ofMillis(300)));
        clock.advance(Duration.ofMinutes(5));
        SchedulingPayments.Run next = scheduler(clock).run(clock.instant().plus(TIMEOUT));

        assertThat(next.authorized()).isEqualTo(10);
        assertThat(next.outOfTime()).isFalse();
        assertThat(bookings.findDue(DueWork.SCHEDULED_AUTHORIZATION, clock.instant(), 100)).isEmpty();
    }

    @Test
    void aRunWithLessThanTheSafetyMarginLeftStartsNothing() {
        Instant now = scheduled.startsAt().minus(Duration.ofHours(20));
        bookings.with(scheduled);

        SchedulingPayments.Run run = scheduler(Clock.fixed(now, ZoneOffset.UTC))
                .run(now.plus(SchedulingPayments.SAFETY_MARGIN).minusMillis(1));

        assertThat(run.outOfTime()).isTrue();
        assertThat(payments.calls).isEmpty();
        assertThat(stored("bk_sched")).isEqualTo(scheduled);
    }

    @Test
    void aRunWithExactlyTheSafetyMarginLeftStartsOneMoreBooking() {
        Instant now = scheduled.startsAt().minus(Duration.ofHours(20));
        bookings.with(scheduled);

        SchedulingPayments.Run run = scheduler(Clock.fixed(now, ZoneOffset.UTC)).run(now.plus(SchedulingPayments.SAFETY_MARGIN));

        assertThat(run.authorized()).isEqualTo(1);
        assertThat(run.outOfTime()).isFalse();
    }

    @Test
    void laterKindsOfWorkWaitWhenTimeRunsOut() {
        MovableClock clock = new MovableClock(Instant.parse("2026-12-06T09:00:00Z"));
        scheduledCardsDueAt(clock.instant().minus(Duration.ofHours(3)), 1);
        Instant expiry = clock.instant().minus(Duration.ofMinutes(1));
        bookings.with(aBooking().id("bk_hold").pendingUntil(expiry).payment(Payment.notRequired("usd")).build());
        payments.takingEachCall(() -> clock.advance(HUNG_CALL));

        SchedulingPayments.Run run = scheduler(clock).run(clock.instant().plus(SchedulingPayments.SAFETY_MARGIN).plus(HUNG_CALL)
                .minusMillis(1));

        assertThat(run.authorized()).isEqualTo(1);
        assertThat(run.outOfTime()).isTrue();
        assertThat(stored("bk_hold").status()).as("left for the next run").isEqualTo(BookingStatus.PENDING);
    }
}
