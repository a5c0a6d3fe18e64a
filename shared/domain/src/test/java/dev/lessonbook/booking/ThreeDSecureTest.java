package dev.lessonbook.booking;

import static dev.lessonbook.fixtures.Profiles.aProfile;
import static dev.lessonbook.fixtures.Requests.aRequest;
import static dev.lessonbook.fixtures.Results.rejectionOf;
import static dev.lessonbook.fixtures.Results.valueOf;
import static dev.lessonbook.fixtures.Weeks.week;
import static dev.lessonbook.fixtures.Weeks.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Role;
import dev.lessonbook.booking.FollowingPaymentReports.Handled;
import dev.lessonbook.booking.FollowingPaymentReports.ProviderEvent;
import dev.lessonbook.event.BookingConfirmed;
import dev.lessonbook.event.BookingPaymentFailed;
import dev.lessonbook.fixtures.InMemoryAvailabilityStore;
import dev.lessonbook.fixtures.InMemoryBookingStore;
import dev.lessonbook.fixtures.InMemoryProfileStore;
import dev.lessonbook.fixtures.MovableClock;
import dev.lessonbook.fixtures.Requests;
import dev.lessonbook.fixtures.ScriptedPaymentGateway;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentReport;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.payment.ProviderEventLog;
import dev.lessonbook.problem.ProblemCode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** 3-D Secure on booking (docs/spec.md §6, "3-D Secure"): PENDING with its slot held until Stripe says how it went. */
class ThreeDSecureTest {
    /** Tuesday 2026-12-01 12:00 in New York; Monday 2026-12-07 09:00 is 5 days 21 hours ahead. */
    private static final Instant NOW = Instant.parse("2026-12-01T17:00:00Z");
    private static final String SECRET = "pi_3ds_secret_abc";
    private static final Caller STUDENT = new Caller(Requests.STUDENT, Role.STUDENT);

    private final MovableClock clock = new MovableClock(NOW);
    private final InMemoryProfileStore profiles = new InMemoryProfileStore().with(aProfile().build());
    private final InMemoryAvailabilityStore weeks = new InMemoryAvailabilityStore()
            .with(week("2026-12-07", window("2026-12-07", "08:00", "18:00")))
            .with(week("2026-12-14", window("2026-12-14", "08:00", "18:00")));
    private final InMemoryBookingStore bookings = new InMemoryBookingStore();
    private final ScriptedPaymentGateway payments = new ScriptedPaymentGateway()
            .authorizations(new PaymentOutcome.RequiresAction("pi_3ds", SECRET, null));
    private final BookingALesson booking = new BookingALesson(profiles, weeks, bookings, payments, clock);
    private final ConfirmingAPayment confirming = new ConfirmingAPayment(bookings, payments, clock);
    private final FollowingPaymentReports webhook = new FollowingPaymentReports(new MemoryLog(), bookings,
            (bookingId, operation, reason) -> { }, (bookingId, disputeId, stage) -> { }, clock);
    private final AtomicInteger eventIds = new AtomicInteger();

    @Test
    void aCardAskingForAuthenticationLeavesThePendingBookingHoldingItsSlotWithTheIntentAndTheSecret() {
        BookingOutcome outcome = booking.book(aRequest().build());

        Booking pending = valueOf(outcome.result());
        assertThat(outcome.clientSecret()).isEqualTo(SECRET);
        assertThat(outcome.toString()).doesNotContain(SECRET);
        assertThat(pending.status()).isEqualTo(BookingStatus.PENDING);
        assertThat(pending.holdExpiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(pending.payment().status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);
        assertThat(pending.payment().paymentIntentId()).isEqualTo("pi_3ds");
        assertThat(bookings.find(pending.id())).contains(pending);
        assertThat(bookings.events).isEmpty();
        assertThat(DueWork.of(pending)).contains(new DueWork.Due(DueWork.HOLD_EXPIRY, pending.holdExpiresAt()));
    }

    @Test
    void anotherStudentAskingForTheHeldTimeMeetsAConflict() {
        booking.book(aRequest().build());
        payments.authorizations(new PaymentOutcome.Authorized("pi_other", Money.of(6000, "usd")));

        BookingOutcome other = booking.book(aRequest().by(new Caller("stu-2", Role.STUDENT)).build());

        assertThat(rejectionOf(other.result()).code()).isEqualTo(ProblemCode.BOOKING_CONFLICT);
    }

    @Test
    void aReplayOfTheRequestAnswersThePendingBookingWithoutTheSecret() {
        booking.book(aRequest().idempotencyKey("k-3ds").build());

        BookingOutcome replay = booking.book(aRequest().idempotencyKey("k-3ds").build());

        assertThat(replay.replayed()).isTrue();
        assertThat(replay.clientSecret()).isNull();
        assertThat(valueOf(replay.result()).status()).isEqualTo(BookingStatus.PENDING);
    }

    @Test
    void aLessonMoreThanSixDaysAheadAwaitsAuthenticationOnItsSetupIntentAndIsScheduledWhenItSucceeds() {
        payments.cardSaves(new PaymentOutcome.RequiresAction("seti_3ds", "seti_3ds_secret_x", "cus_1"));
        Booking pending = valueOf(booking.book(aRequest().on("2026-12-14", "09:00").build()).result());
        assertThat(pending.payment().paymentIntentId()).isEqualTo("seti_3ds");
        assertThat(pending.payment().customerId()).isEqualTo("cus_1");

        Handled handled = receive(new PaymentReport.CardSetUp(pending.id(), "seti_3ds", "cus_1", "pm_saved"));

        assertThat(handled).isEqualTo(Handled.APPLIED);
        Booking confirmed = bookings.find(pending.id()).orElseThrow();
        assertThat(confirmed.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(confirmed.payment().status()).isEqualTo(PaymentStatus.SCHEDULED);
        assertThat(confirmed.payment().paymentMethodId()).isEqualTo("pm_saved");
    }

    @Test
    void confirmPaymentConfirmsWhatStripeHoldsOnceAndAnswersTheStoredBookingAfterwards() {
        Booking pending = valueOf(booking.book(aRequest().build()).result());

        Booking confirmed = valueOf(confirming.confirm(STUDENT, pending.id()).result());
        Booking again = valueOf(confirming.confirm(STUDENT, pending.id()).result());

        assertThat(confirmed.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(confirmed.payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(confirmed.payment().amountAuthorized()).isEqualTo(Money.of(6000, "usd"));
        assertThat(again).isEqualTo(confirmed);
        assertThat(bookings.events).hasSize(1).first().isInstanceOf(BookingConfirmed.class);
        assertThat(payments.calls).containsOnlyOnce("afterAuthentication " + pending.id() + " pi_3ds");
    }

    @Test
    void confirmPaymentBeforeTheStudentAuthenticatedGivesTheFreshSecretAgain() {
        Booking pending = valueOf(booking.book(aRequest().build()).result());
        payments.answering("afterAuthentication", new PaymentOutcome.RequiresAction("pi_3ds", "pi_3ds_secret_new", null));

        BookingOutcome waiting = confirming.confirm(STUDENT, pending.id());

        assertThat(waiting.clientSecret()).isEqualTo("pi_3ds_secret_new");
        assertThat(valueOf(waiting.result()).status()).isEqualTo(BookingStatus.PENDING);
    }

    @Test
    void onlyTheStudentConfirmsThePayment() {
        Booking pending = valueOf(booking.book(aRequest().build()).result());

        assertThat(rejectionOf(confirming.confirm(new Caller(pending.instructorId(), Role.INSTRUCTOR), pending.id()).result())
                .code()).isEqualTo(ProblemCode.FORBIDDEN);
        assertThat(rejectionOf(confirming.confirm(new Caller("stu-2", Role.STUDENT), pending.id()).result()).code())
                .isEqualTo(ProblemCode.NOT_FOUND);
        assertThat(bookings.find(pending.id()).orElseThrow().status()).isEqualTo(BookingStatus.PENDING);
    }

    @Test
    void failedAuthenticationFreesTheSlotAtOnceCancelsTheIntentAndAnswers402EachTime() {
        Booking pending = valueOf(booking.book(aRequest().build()).result());
        payments.answering("afterAuthentication", new PaymentOutcome.Declined("authentication failed"));

        BookingOutcome failed = confirming.confirm(STUDENT, pending.id());

        assertThat(rejectionOf(failed.result()).code()).isEqualTo(ProblemCode.PAYMENT_DECLINED);
        Booking stored = bookings.find(pending.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(BookingStatus.PAYMENT_FAILED);
        assertThat(stored.payment().status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(bookings.events).hasSize(1).first().isInstanceOf(BookingPaymentFailed.class);
        assertThat(payments.calls).contains("release " + pending.id() + " pi_3ds");
        assertThat(rejectionOf(confirming.confirm(STUDENT, pending.id()).result()).code()).isEqualTo(ProblemCode.PAYMENT_DECLINED);
        payments.authorizations(new PaymentOutcome.Authorized("pi_next", Money.of(6000, "usd")));
        assertThat(valueOf(booking.book(aRequest().by(new Caller("stu-2", Role.STUDENT)).build()).result()).status()).isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void stripesWebhookConfirmsTheBookingAndConfirmPaymentAfterwardsFindsItDone() {
        Booking pending = valueOf(booking.book(aRequest().build()).result());

        assertThat(receive(new PaymentReport.AuthorizationHeld(pending.id(), "pi_3ds", Money.of(6000, "usd"))))
                .isEqualTo(Handled.APPLIED);
        Booking confirmed = valueOf(confirming.confirm(STUDENT, pending.id()).result());

        assertThat(confirmed.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(confirmed.payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(bookings.events).hasSize(1);
        assertThat(receive(new PaymentReport.AuthorizationHeld(pending.id(), "pi_3ds", Money.of(6000, "usd"))))
                .isEqualTo(Handled.UNCHANGED);
    }

    @Test
    void aReportAboutAnotherIntentDoesNotConfirmTheBooking() {
        Booking pending = valueOf(booking.book(aRequest().build()).result());

        assertThat(receive(new PaymentReport.AuthorizationHeld(pending.id(), "pi_other", Money.of(6000, "usd"))))
                .isEqualTo(Handled.UNCHANGED);

        assertThat(bookings.find(pending.id()).orElseThrow().status()).isEqualTo(BookingStatus.PENDING);
    }

    @Test
    void stripesFailureReportFreesTheSlot() {
        Booking pending = valueOf(booking.book(aRequest().build()).result());

        receive(new PaymentReport.AuthorizationFailed(pending.id(), "pi_3ds", null));

        assertThat(bookings.find(pending.id()).orElseThrow().status()).isEqualTo(BookingStatus.PAYMENT_FAILED);
        assertThat(bookings.events).hasSize(1).first().isInstanceOf(BookingPaymentFailed.class);
    }

    @Test
    void authenticationCompletingAfterTheHoldWasTakenExpiresTheBookingAndReleasesTheAuthorization() {
        Booking pending = valueOf(booking.book(aRequest().build()).result());
        bookings.loseHoldBeforeNextConfirm(ConflictScope.INSTRUCTOR);

        BookingOutcome late = confirming.confirm(STUDENT, pending.id());

        assertThat(rejectionOf(late.result()).code()).isEqualTo(ProblemCode.BOOKING_CONFLICT);
        Booking stored = bookings.find(pending.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(BookingStatus.EXPIRED);
        assertThat(stored.payment().status()).isEqualTo(PaymentStatus.RELEASED);
        assertThat(payments.calls).contains("release " + pending.id() + " pi_3ds");
    }

    @Test
    void noAnswerBeforeTheHoldEndsExpiresTheBookingAndTheSchedulerCancelsTheIntent() {
        Booking pending = valueOf(booking.book(aRequest().build()).result());
        clock.set(pending.holdExpiresAt().plusSeconds(1));
        SchedulingPayments scheduler = new SchedulingPayments(bookings, payments,
                new CancellationSettlement(bookings, payments, (id, op, why) -> { }), (id, op, why) -> { }, clock);

        SchedulingPayments.Run run = scheduler.run(clock.instant().plus(Duration.ofMinutes(5)));

        assertThat(run.expired()).isEqualTo(1);
        assertThat(run.released()).isEqualTo(1);
        Booking stored = bookings.find(pending.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(BookingStatus.EXPIRED);
        assertThat(stored.payment().status()).isEqualTo(PaymentStatus.RELEASED);
        assertThat(payments.calls).contains("release " + pending.id() + " pi_3ds");
    }

    @Test
    void anAuthorizationReportedAfterTheBookingExpiredBecomesTheSchedulersToRelease() {
        Booking pending = valueOf(booking.book(aRequest().build()).result());
        Booking expired = pending.withStatus(BookingStatus.EXPIRED);
        bookings.releaseTo(expired, BookingStatus.PENDING, java.util.List.of());

        receive(new PaymentReport.AuthorizationHeld(pending.id(), "pi_3ds", Money.of(6000, "usd")));

        Booking stored = bookings.find(pending.id()).orElseThrow();
        assertThat(stored.payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(DueWork.of(stored).map(DueWork.Due::kind)).contains(DueWork.AUTHORIZATION_RELEASE);
    }

    @Test
    void aStudentCancellingWhileAuthenticationIsAwaitedReleasesTheIntent() {
        Booking pending = valueOf(booking.book(aRequest().build()).result());

        assertThat(CancellationSettlement.moveFor(pending.cancelled(new Cancellation(Role.STUDENT, NOW, null, 0,
                Money.zero("usd")), pending.payment()))).isEqualTo(new CancellationSettlement.ReleaseWaiting("pi_3ds"));
    }

    private Handled receive(PaymentReport report) {
        return webhook.receive(new ProviderEvent("evt_" + eventIds.incrementAndGet(), "some.type", Optional.of(report)));
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
