package dev.lessonbook.booking;

import static dev.lessonbook.fixtures.Bookings.aBooking;
import static dev.lessonbook.fixtures.Profiles.aProfile;
import static dev.lessonbook.fixtures.Profiles.aService;
import static dev.lessonbook.fixtures.Requests.aRequest;
import static dev.lessonbook.fixtures.Results.rejectionOf;
import static dev.lessonbook.fixtures.Results.valueOf;
import static dev.lessonbook.fixtures.Weeks.week;
import static dev.lessonbook.fixtures.Weeks.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Role;
import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.contact.LessonAddresses;
import dev.lessonbook.event.BookingConfirmed;
import dev.lessonbook.event.BookingPaymentFailed;
import dev.lessonbook.event.BookingSnapshot;
import dev.lessonbook.fixtures.InMemoryAvailabilityStore;
import dev.lessonbook.fixtures.InMemoryBookingStore;
import dev.lessonbook.fixtures.InMemoryProfileStore;
import dev.lessonbook.fixtures.Profiles;
import dev.lessonbook.fixtures.ScriptedPaymentGateway;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.profile.LocationType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BookingALessonTest {
    /** Tuesday 2026-12-01 12:00 in New York; Monday 2026-12-07 09:00 is 5 days 21 hours ahead. */
    private static final Instant NOW = Instant.parse("2026-12-01T17:00:00Z");

    private final InMemoryProfileStore profiles = new InMemoryProfileStore().with(aProfile().build());
    private final InMemoryAvailabilityStore weeks = new InMemoryAvailabilityStore().with(week("2026-12-07",
            window("2026-12-07", "08:00", "18:00"), window("2026-12-08", "08:00", "18:00")));
    private final InMemoryBookingStore bookings = new InMemoryBookingStore();
    private final ScriptedPaymentGateway payments = new ScriptedPaymentGateway();
    private final BookingALesson booking = new BookingALesson(profiles, weeks, bookings, payments, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theCardIsSavedWithTheAuthorizationForAnotherAuthorizationOfTheLessonLater() {
        payments.authorizations(new PaymentOutcome.Authorized("pi_1", Money.of(6000, "usd"), "cus_stu", "pm_saved_visa"));

        Booking booked = valueOf(booking.book(aRequest().build()).result());

        assertThat(booked.payment()).isEqualTo(Payment.authorized(Money.of(6000, "usd"), "pi_1", "cus_stu", "pm_saved_visa"));
        assertThat(bookings.find(booked.id()).orElseThrow().payment().customerId()).isEqualTo("cus_stu");
    }

    @Test
    void aStudentBooksAConfirmedLessonWithTheAmountAuthorized() {
        BookingOutcome outcome = booking.book(aRequest().build());

        Booking booked = valueOf(outcome.result());
        assertThat(outcome.replayed()).isFalse();
        assertThat(booked.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(booked.confirmedAt()).isEqualTo(NOW);
        assertThat(booked.holdExpiresAt()).isNull();
        assertThat(booked.payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(booked.payment().amountAuthorized()).isEqualTo(Money.of(6000, "usd"));
        assertThat(booked.price()).isEqualTo(new Money(6000, "usd"));
        assertThat(booked.startsAt()).isEqualTo(Instant.parse("2026-12-07T14:00:00Z"));
        assertThat(booked.serviceName()).isEqualTo("Guitar");
        assertThat(booked.studentId()).isEqualTo("stu-1");
        assertThat(bookings.find(booked.id())).contains(booked);
    }

    @Test
    void theBookingKeepsTheStudentsTokenAddressAndTheInstructorsProfileAddress() {
        profiles.with(aProfile().build().withEmail("ins-1@mail.test"));

        Booking booked = valueOf(booking.book(aRequest().by(new Caller("stu-1", Role.STUDENT, "stu-1@mail.test")).build()).result());

        assertThat(booked.addresses()).isEqualTo(new LessonAddresses("stu-1@mail.test", "ins-1@mail.test"));
        assertThat(bookings.find(booked.id()).orElseThrow().addresses()).isEqualTo(booked.addresses());
    }

    @Test
    void aStudentWhoseTokenHasNoAddressAndAnInstructorWithoutOneAreBookedWithNone() {
        Booking booked = valueOf(booking.book(aRequest().by(new Caller("stu-1", Role.STUDENT)).build()).result());

        assertThat(booked.addresses()).isEqualTo(LessonAddresses.NONE);
    }

    @Test
    void aDayHoldingTheInstructorsDailyLimitRefusesTheNextLessonAndACancellationFreesIt() {
        profiles.with(aProfile().maxLessonsPerDay(2).build());
        Booking first = valueOf(booking.book(aRequest().at("09:00").build()).result());
        valueOf(booking.book(aRequest().at("11:00").build()).result());

        Rejection full = rejectionOf(booking.book(aRequest().at("14:00").build()).result());
        Booking nextDay = valueOf(booking.book(aRequest().on("2026-12-08", "14:00").build()).result());

        assertThat(full.code()).isEqualTo(ProblemCode.DAILY_LIMIT_REACHED);
        assertThat(full.detail()).isEqualTo("The instructor takes at most 2 lessons a day, and 2026-12-07 is full");
        assertThat(nextDay.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(payments.calls).hasSize(3);

        bookings.releaseTo(first.withStatus(BookingStatus.CANCELLED), BookingStatus.CONFIRMED, java.util.List.of());

        assertThat(valueOf(booking.book(aRequest().at("14:00").build()).result()).status()).isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void anInstructorWithoutProfileIsNotFound() {
        assertThat(rejectionOf(booking.book(aRequest().instructor("nobody").build()).result()).code())
                .isEqualTo(ProblemCode.NOT_FOUND);
    }

    @Test
    void aRejectedRequestWritesNothingAndChargesNothing() {
        rejectionOf(booking.book(aRequest().at("07:00").build()).result());

        assertThat(bookings.all()).isEmpty();
        assertThat(payments.calls).isEmpty();
    }

    @Test
    void aConfirmedBookingEmitsOneSelfContainedEvent() {
        Booking booked = valueOf(booking.book(aRequest().note("bring the capo").build()).result());

        assertThat(bookings.events).hasSize(1);
        assertThat(bookings.events.get(0)).isInstanceOf(BookingConfirmed.class);
        BookingConfirmed event = (BookingConfirmed) bookings.events.get(0);
        assertThat(event.instructorId()).isEqualTo(Profiles.INSTRUCTOR);
        assertThat(event.occurredAt()).isEqualTo(booked.confirmedAt());
        BookingSnapshot lesson = event.booking();
        assertThat(lesson.bookingId()).isEqualTo(booked.id());
        assertThat(lesson.studentId()).isEqualTo("stu-1");
        assertThat(lesson.instructorId()).isEqualTo(Profiles.INSTRUCTOR);
        assertThat(lesson.startsAt()).isEqualTo(Instant.parse("2026-12-07T14:00:00Z"));
        assertThat(lesson.startsAt().atZone(lesson.timezone()).toOffsetDateTime()).hasToString("2026-12-07T09:00-05:00");
        assertThat(lesson.date()).isEqualTo(LocalDate.parse("2026-12-07"));
        assertThat(lesson.time()).isEqualTo(new TimeWindow(9 * 60, 10 * 60)).hasToString("09:00–10:00");
        assertThat(lesson.timezone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(lesson.occupancy()).isEqualTo(booked.occupancy());
        assertThat(lesson.note()).isEqualTo("bring the capo");
        assertThat(lesson.price()).isEqualTo(Money.of(6000, "usd"));
        assertThat(lesson.payment()).isEqualTo(booked.payment().summary());
    }

    @Test
    void aLessonMoreThanSixDaysAheadHasItsCardSavedInstead() {
        Booking booked = valueOf(booking.book(aRequest().on("2026-12-08", "09:00").build()).result());

        assertThat(booked.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(booked.payment().status()).isEqualTo(PaymentStatus.SCHEDULED);
        assertThat(booked.payment().amountAuthorized()).isEqualTo(Money.of(0, "usd"));
        assertThat(booked.payment().customerId()).isEqualTo("cus_stu-1");
        assertThat(booked.payment().paymentMethodId()).isEqualTo("pm_card_visa");
        assertThat(payments.calls).containsExactly("saveCard " + booked.id());
    }

    @Test
    void aLessonExactlySixDaysAheadIsAuthorized() {
        Booking booked = valueOf(booking.book(aRequest().on("2026-12-07", "12:00").build()).result());

        assertThat(booked.payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);
    }

    @Test
    void aFreeLessonIsConfirmedWithoutPayment() {
        profiles.with(aProfile().services(aService().onlyRate(LocationType.ONLINE, 0).build()).build());

        Booking booked = valueOf(booking.book(aRequest().paymentMethod(null).build()).result());

        assertThat(booked.payment()).isEqualTo(Payment.notRequired("usd"));
        assertThat(payments.calls).isEmpty();
    }

    @Test
    void aDeclinedCardFailsTheBookingAndFreesTheSlot() {
        payments.authorizations(new PaymentOutcome.Declined("card_declined"));

        Rejection rejection = rejectionOf(booking.book(aRequest().build()).result());

        assertThat(rejection.code()).isEqualTo(ProblemCode.PAYMENT_DECLINED);
        assertThat(rejection.code().status()).isEqualTo(402);
        Booking failed = bookings.all().get(0);
        assertThat(failed.status()).isEqualTo(BookingStatus.PAYMENT_FAILED);
        assertThat(failed.payment().status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(failed.occupiesTimeAt(NOW)).isFalse();
        assertThat(bookings.events).hasExactlyElementsOfTypes(BookingPaymentFailed.class);
    }

    @Test
    void aHoldTakenWhilePayingReleasesTheAuthorizationAndAnswersTheConflict() {
        bookings.loseHoldBeforeNextConfirm(ConflictScope.STUDENT);

        Rejection rejection = rejectionOf(booking.book(aRequest().build()).result());

        assertThat(rejection.code()).isEqualTo(ProblemCode.BOOKING_CONFLICT);
        assertThat(rejection.detail()).isEqualTo("Student already has a booking that overlaps this time");
        assertThat(rejection.extra(ConflictScope.Taken.class)).contains(new ConflictScope.Taken("student"));
        Booking expired = bookings.all().get(0);
        assertThat(expired.status()).isEqualTo(BookingStatus.EXPIRED);
        assertThat(expired.payment().status()).isEqualTo(PaymentStatus.RELEASED);
        assertThat(payments.calls).last().asString().startsWith("release " + expired.id());
        assertThat(bookings.events).isEmpty();
    }

    @Test
    void aRequestDyingAfterTheProviderAnsweredLeavesAHeldBookingNamingTheStoredCustomer() {
        // The scheduler's look-up by key (ReleasingAuthorizations) repeats the authorization from
        // this record: it must name the customer the lost request named, or Stripe refuses the key.
        profiles.withStudentsCustomer(aRequest().build().caller().userId(), "cus_stored");
        payments.takingEachCall(() -> {
            throw new IllegalStateException("the function timed out after Stripe answered");
        });

        assertThatThrownBy(() -> booking.book(aRequest().build())).isInstanceOf(IllegalStateException.class);

        Booking held = bookings.all().get(0);
        assertThat(held.status()).isEqualTo(BookingStatus.PENDING);
        assertThat(held.payment().customerId()).isEqualTo("cus_stored");
        assertThat(payments.calls).singleElement().asString().startsWith("authorize ");
    }

    @Test
    void anUnreachableProviderFailsTheBookingForReviewAndFreesTheSlot() {
        payments.authorizations(new PaymentOutcome.ProviderUnavailable("timeout"));

        Rejection rejection = rejectionOf(booking.book(aRequest().build()).result());

        assertThat(rejection.code()).isEqualTo(ProblemCode.PAYMENT_PROVIDER_UNAVAILABLE);
        assertThat(rejection.code().status()).isEqualTo(502);
        Booking failed = bookings.all().get(0);
        assertThat(failed.status()).isEqualTo(BookingStatus.PAYMENT_FAILED);
        assertThat(failed.payment().status()).isEqualTo(PaymentStatus.MANUAL_REVIEW);
        assertThat(failed.occupiesTimeAt(NOW)).isFalse();
    }

    @Test
    void afterADeclineTheSameTimeCanBeBookedAgain() {
        payments.authorizations(new PaymentOutcome.Declined("card_declined"));
        rejectionOf(booking.book(aRequest().build()).result());
        payments.authorizations(null);

        assertThat(valueOf(booking.book(aRequest().build()).result()).status()).isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void anInstructorConflictNamesItsScope() {
        bookings.with(aBooking().student("stu-2").at("2026-12-07T09:00").build());

        Rejection rejection = rejectionOf(booking.book(aRequest().at("09:30").build()).result());

        assertThat(rejection.code()).isEqualTo(ProblemCode.BOOKING_CONFLICT);
        assertThat(rejection.detail()).isEqualTo("Instructor already has a booking that overlaps this time");
        assertThat(rejection.extra(ConflictScope.Taken.class)).contains(new ConflictScope.Taken("instructor"));
        assertThat(payments.calls).isEmpty();
    }

    @Test
    void theInstructorsAfterBufferIsOccupied() {
        bookings.with(aBooking().student("stu-2").at("2026-12-07T08:00").build());

        assertThat(rejectionOf(booking.book(aRequest().at("09:00").build()).result()).extra(ConflictScope.Taken.class))
                .contains(new ConflictScope.Taken("instructor"));
    }

    @Test
    void aStudentConflictNamesItsScope() {
        bookings.with(aBooking().instructor("ins-2").at("2026-12-07T09:00").build());

        Rejection rejection = rejectionOf(booking.book(aRequest().at("09:30").build()).result());

        assertThat(rejection.detail()).isEqualTo("Student already has a booking that overlaps this time");
        assertThat(rejection.extra(ConflictScope.Taken.class)).contains(new ConflictScope.Taken("student"));
    }

    @Test
    void aStudentsLessonsMayTouch() {
        bookings.with(aBooking().instructor("ins-2").at("2026-12-07T08:00").build());

        assertThat(valueOf(booking.book(aRequest().at("09:00").build()).result()).status()).isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void aRetryWithTheSameKeyAndBodyReplaysTheBookingWithoutASecondCharge() {
        Booking first = valueOf(booking.book(aRequest().idempotencyKey("k-1").build()).result());

        BookingOutcome retry = booking.book(aRequest().idempotencyKey("k-1").build());

        assertThat(retry.replayed()).isTrue();
        assertThat(valueOf(retry.result())).isEqualTo(first);
        assertThat(bookings.all()).hasSize(1);
        assertThat(payments.calls).hasSize(1);
    }

    @Test
    void aReplayAnswersEvenWhenTheRulesWouldNowRefuse() {
        Booking first = valueOf(booking.book(aRequest().idempotencyKey("k-1").build()).result());
        weeks.with(week("2026-12-07"));

        assertThat(valueOf(booking.book(aRequest().idempotencyKey("k-1").build()).result())).isEqualTo(first);
    }

    @Test
    void theSameKeyWithAnotherBodyIsAKeyReuse() {
        valueOf(booking.book(aRequest().idempotencyKey("k-1").build()).result());

        BookingOutcome reuse = booking.book(aRequest().idempotencyKey("k-1").at("11:00").build());

        assertThat(rejectionOf(reuse.result()).code()).isEqualTo(ProblemCode.IDEMPOTENCY_KEY_REUSED);
        assertThat(reuse.replayed()).isFalse();
    }

    @Test
    void theSameKeyFromAnotherStudentIsAnotherBooking() {
        Booking first = valueOf(booking.book(aRequest().idempotencyKey("k-1").build()).result());

        Booking second = valueOf(booking.book(aRequest().by(new Caller("stu-2", Role.STUDENT)).at("11:00").idempotencyKey("k-1")
                .build()).result());

        assertThat(second.id()).isNotEqualTo(first.id());
    }

    @Test
    void aRetryAfterADeclineReplaysTheDecline() {
        payments.authorizations(new PaymentOutcome.Declined("card_declined"));
        rejectionOf(booking.book(aRequest().idempotencyKey("k-1").build()).result());
        payments.authorizations(null);

        BookingOutcome retry = booking.book(aRequest().idempotencyKey("k-1").build());

        assertThat(retry.replayed()).isTrue();
        assertThat(rejectionOf(retry.result()).code()).isEqualTo(ProblemCode.PAYMENT_DECLINED);
        assertThat(payments.calls).hasSize(1);
    }

    @Test
    void aRetryAfterAnOutageReplaysTheOutage() {
        payments.authorizations(new PaymentOutcome.ProviderUnavailable("timeout"));
        rejectionOf(booking.book(aRequest().idempotencyKey("k-1").build()).result());

        BookingOutcome retry = booking.book(aRequest().idempotencyKey("k-1").build());

        assertThat(retry.replayed()).isTrue();
        assertThat(rejectionOf(retry.result()).code()).isEqualTo(ProblemCode.PAYMENT_PROVIDER_UNAVAILABLE);
    }

    @Test
    void aRetryWhileTheOriginalIsStillPayingIsToldItIsInProgressNotShownTheHold() {
        String id = BookingId.forIdempotencyKey("stu-1", "k-1");
        Booking pendingTwin = aBooking().id(id).pendingUntil(NOW.plusSeconds(600)).payment(Payment.notRequired("usd"))
                .fingerprint(RequestFingerprint.of(aRequest().idempotencyKey("k-1").build())).build();
        bookings.storeBeforeNextReserve(pendingTwin);

        BookingOutcome outcome = booking.book(aRequest().idempotencyKey("k-1").build());

        assertThat(outcome.replayed()).isFalse();
        assertThat(rejectionOf(outcome.result()).code()).isEqualTo(ProblemCode.IDEMPOTENT_REQUEST_IN_PROGRESS);
        assertThat(ProblemCode.IDEMPOTENT_REQUEST_IN_PROGRESS.status()).isEqualTo(409);
        assertThat(ProblemCode.IDEMPOTENT_REQUEST_IN_PROGRESS.retryAfter()).contains(java.time.Duration.ofSeconds(1));
        assertThat(payments.calls).isEmpty();
        assertThat(bookings.find(id)).contains(pendingTwin);
    }

    @Test
    void aRetryFindingTheOriginalStillPendingAtItsLookupIsInProgressToo() {
        String id = BookingId.forIdempotencyKey("stu-1", "k-2");
        bookings.with(aBooking().id(id).pendingUntil(NOW.plusSeconds(600)).payment(Payment.notRequired("usd"))
                .fingerprint(RequestFingerprint.of(aRequest().idempotencyKey("k-2").build())).build());

        assertThat(rejectionOf(booking.book(aRequest().idempotencyKey("k-2").build()).result()).code())
                .isEqualTo(ProblemCode.IDEMPOTENT_REQUEST_IN_PROGRESS);
    }

    @Test
    void aRetryAfterAnOutageWhoseAuthorizationWasSinceReleasedStillReplaysTheOutage() {
        payments.authorizations(new PaymentOutcome.ProviderUnavailable("timeout"));
        booking.book(aRequest().idempotencyKey("k-out").build());
        Booking failed = bookings.all().get(0);
        bookings.with(failed.withPayment(failed.payment().withStatus(PaymentStatus.RELEASED)));

        BookingOutcome retry = booking.book(aRequest().idempotencyKey("k-out").build());

        assertThat(retry.replayed()).isTrue();
        assertThat(rejectionOf(retry.result()).code()).isEqualTo(ProblemCode.PAYMENT_PROVIDER_UNAVAILABLE);
    }

    // --- a confirmation whose answer does not say what happened ---------------------------------

    @Test
    void aConfirmationThatCommittedThoughItsAnswerSaidOtherwiseAnswersTheStoredBookingAndKeepsTheAuthorization() {
        bookings.commitButReportLostOnNextConfirm();

        BookingOutcome outcome = booking.book(aRequest().build());

        Booking stored = bookings.all().get(0);
        assertThat(stored.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(stored.payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(valueOf(outcome.result())).isEqualTo(stored);
        assertThat(payments.calls).noneMatch(call -> call.startsWith("release"));
    }

    @Test
    void aHoldExpiredByTheSchedulerWhilePayingReleasesTheAuthorizationAndRecordsIt() {
        bookings.changeBeforeNextConfirm(BookingStatus.EXPIRED);

        Rejection rejection = rejectionOf(booking.book(aRequest().build()).result());

        assertThat(rejection.code()).isEqualTo(ProblemCode.BOOKING_CONFLICT);
        Booking stored = bookings.all().get(0);
        assertThat(stored.status()).isEqualTo(BookingStatus.EXPIRED);
        assertThat(payments.calls).last().asString().isEqualTo("release " + stored.id() + " pi_" + stored.id());
        assertThat(stored.payment().status()).isEqualTo(PaymentStatus.RELEASED);
        assertThat(stored.payment().paymentIntentId()).isEqualTo("pi_" + stored.id());
        assertThat(DueWork.of(stored)).isEmpty();
    }

    @Test
    void aHoldLostWhilePayingIsMarkedExpiredBeforeItsAuthorizationIsReleased() {
        bookings.loseHoldBeforeNextConfirm(ConflictScope.INSTRUCTOR);
        payments.answering("release", new PaymentOutcome.ProviderUnavailable("timeout"));

        rejectionOf(booking.book(aRequest().build()).result());

        // The release failed: the booking says what Stripe may still hold, and that is due work.
        Booking stored = bookings.all().get(0);
        assertThat(stored.status()).isEqualTo(BookingStatus.EXPIRED);
        assertThat(stored.payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(DueWork.of(stored)).map(DueWork.Due::kind).contains(DueWork.AUTHORIZATION_RELEASE);
    }

    @Test
    void anUnansweredAuthorizationLeavesAFailedBookingDueForItsRelease() {
        payments.authorizations(new PaymentOutcome.ProviderUnavailable("timeout"));

        rejectionOf(booking.book(aRequest().build()).result());

        Booking failed = bookings.all().get(0);
        assertThat(DueWork.of(failed)).contains(new DueWork.Due(DueWork.AUTHORIZATION_RELEASE, NOW));
    }

    @Test
    void aPendingBookingHoldsTheSlotForTheHoldDuration() {
        payments.authorizations(new PaymentOutcome.Declined("card_declined"));
        BookingALesson withLongHold = new BookingALesson(profiles, weeks, bookings, payments, Clock.fixed(NOW, ZoneOffset.UTC),
                java.time.Duration.ofMinutes(20));

        rejectionOf(withLongHold.book(aRequest().build()).result());

        assertThat(bookings.all().get(0).holdExpiresAt()).isEqualTo(NOW.plusSeconds(20 * 60));
    }
}
