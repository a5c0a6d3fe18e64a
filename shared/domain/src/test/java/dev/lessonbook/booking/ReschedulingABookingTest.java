package dev.lessonbook.booking;

import static dev.lessonbook.fixtures.Bookings.aBooking;
import static dev.lessonbook.fixtures.Profiles.aProfile;
import static dev.lessonbook.fixtures.Profiles.aService;
import static dev.lessonbook.fixtures.Results.rejectionOf;
import static dev.lessonbook.fixtures.Results.valueOf;
import static dev.lessonbook.fixtures.Weeks.week;
import static dev.lessonbook.fixtures.Weeks.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Role;
import dev.lessonbook.booking.rules.SlotsAreOpen;
import dev.lessonbook.calendar.TimeOff;
import dev.lessonbook.event.BookingRescheduled;
import dev.lessonbook.fixtures.Bookings;
import dev.lessonbook.fixtures.InMemoryAvailabilityStore;
import dev.lessonbook.fixtures.InMemoryBookingStore;
import dev.lessonbook.fixtures.InMemoryProfileStore;
import dev.lessonbook.fixtures.ScriptedPaymentGateway;
import dev.lessonbook.fixtures.Weeks;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.DeclineCode;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** docs/spec.md "Rescheduling": one test per rule, in the order they are checked, then the move itself. */
class ReschedulingABookingTest {
    private static final Caller STUDENT = new Caller("stu-1", Role.STUDENT);
    private static final Caller INSTRUCTOR = new Caller("ins-1", Role.INSTRUCTOR);
    private static final Caller ADMIN = new Caller("root", Role.ADMIN);
    /** Thursday 2026-12-03 12:00 in New York. */
    private static final Instant NOW = Instant.parse("2026-12-03T17:00:00Z");
    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
    private static final LocalDate TUESDAY = LocalDate.of(2026, 12, 8);

    private final InMemoryProfileStore profiles = new InMemoryProfileStore().with(aProfile().build());
    private final InMemoryAvailabilityStore weeks = new InMemoryAvailabilityStore()
            .with(week("2026-11-30", window("2026-12-04", "08:00", "18:00"), window("2026-12-06", "08:00", "18:00")))
            .with(week("2026-12-07", window("2026-12-07", "08:00", "18:00"), window("2026-12-08", "08:00", "18:00")))
            .with(week("2027-03-08", window("2027-03-12", "08:00", "18:00"), window("2027-03-14", "00:00", "24:00")))
            .with(week("2027-03-15", window("2027-03-15", "08:00", "18:00")));
    private final InMemoryBookingStore bookings = new InMemoryBookingStore();
    private final ScriptedPaymentGateway payments = new ScriptedPaymentGateway();
    private final List<String> incidents = new ArrayList<>();
    /** Monday 2026-12-07 09:00 New York (14:00 UTC), 60 minutes, 60.00 usd authorized as pi_1 when booked. */
    private final Booking lesson = aLesson().id("bk_lesson").build();

    /** The fixture's lesson, booked (and authorized) on Thursday 2026-12-03 07:00 New York: its authorization covers starts until 2026-12-09 12:00 UTC. */
    private static Bookings aLesson() {
        return aBooking().createdAt("2026-12-03T12:00:00Z");
    }

    private ReschedulingABooking reschedulingAt(Instant now) {
        return new ReschedulingABooking(profiles, weeks, bookings, payments,
                (bookingId, operation, reason) -> incidents.add(bookingId), ReschedulePolicy.defaults(),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static RescheduleRequest move(Caller caller, Booking booking, LocalDate date, String start) {
        return new RescheduleRequest(caller, booking.id(), date, Weeks.minutes(start), null, null);
    }

    private BookingOutcome reschedule(Booking stored, RescheduleRequest request, Instant now) {
        bookings.with(stored);
        return reschedulingAt(now).reschedule(request);
    }

    private Rejection refusal(Booking stored, RescheduleRequest request, Instant now) {
        Rejection rejection = rejectionOf(reschedule(stored, request, now).result());
        assertThat(bookings.find(stored.id())).contains(stored);
        assertThat(bookings.events).isEmpty();
        assertThat(payments.calls).isEmpty();
        return rejection;
    }

    // 1. The caller

    @Test
    void someoneWhoIsNoPartyOfTheBookingIsToldItDoesNotExist() {
        Rejection rejection = refusal(lesson, move(new Caller("stu-2", Role.STUDENT), lesson, TUESDAY, "10:00"), NOW);

        assertThat(rejection).isEqualTo(ReadingABooking.notFound());
        assertThat(refusal(lesson, move(new Caller("ins-2", Role.INSTRUCTOR), lesson, TUESDAY, "10:00"), NOW))
                .isEqualTo(ReadingABooking.notFound());
    }

    @Test
    void aMissingBookingIsNotFound() {
        assertThat(rejectionOf(reschedulingAt(NOW).reschedule(move(STUDENT, lesson, TUESDAY, "10:00")).result()))
                .isEqualTo(ReadingABooking.notFound());
    }

    // 2. The status

    @Test
    void onlyAConfirmedBookingCanBeRescheduled() {
        for (BookingStatus status : new BookingStatus[] {
                BookingStatus.CANCELLED, BookingStatus.COMPLETED, BookingStatus.PAYMENT_FAILED, BookingStatus.EXPIRED}) {
            Booking booking = aLesson().id("bk_" + status).status(status).build();
            Rejection rejection = refusal(booking, move(ADMIN, booking, TUESDAY, "10:00"), NOW);

            assertThat(rejection.code()).isEqualTo(ProblemCode.NOT_RESCHEDULABLE);
            assertThat(rejection.detail()).isEqualTo("Booking cannot be rescheduled - current status: " + status.name());
        }
    }

    @Test
    void aPendingBookingOnlyByAnAdminWhileItsHoldLasts() {
        Booking hold = aLesson().id("bk_hold").pendingUntil(NOW.plusSeconds(600)).build();

        assertThat(refusal(hold, move(STUDENT, hold, TUESDAY, "10:00"), NOW).code()).isEqualTo(ProblemCode.NOT_RESCHEDULABLE);
        assertThat(refusal(hold, move(INSTRUCTOR, hold, TUESDAY, "10:00"), NOW).code()).isEqualTo(ProblemCode.NOT_RESCHEDULABLE);
        assertThat(refusal(hold, move(ADMIN, hold, TUESDAY, "10:00"), NOW.plusSeconds(600)).code())
                .isEqualTo(ProblemCode.NOT_RESCHEDULABLE);
        Booking moved = valueOf(reschedule(hold, move(ADMIN, hold, TUESDAY, "10:00"), NOW).result());
        assertThat(moved.status()).isEqualTo(BookingStatus.PENDING);
        assertThat(moved.startsAt()).isEqualTo(Instant.parse("2026-12-08T15:00:00Z"));
    }

    // 3. Started

    @Test
    void aLessonThatStartedCannotBeMovedByAnyone() {
        for (Caller caller : new Caller[] {STUDENT, INSTRUCTOR, ADMIN}) {
            Rejection rejection = refusal(lesson, move(caller, lesson, TUESDAY, "10:00"), lesson.startsAt());

            assertThat(rejection.code()).isEqualTo(ProblemCode.BOOKING_STARTED);
            assertThat(rejection.detail()).isEqualTo("The lesson has already started; it can no longer be rescheduled");
        }
    }

    @Test
    void theStatusIsCheckedBeforeTheStart() {
        Booking cancelled = aLesson().id("bk_gone").status(BookingStatus.CANCELLED).build();

        assertThat(refusal(cancelled, move(ADMIN, cancelled, TUESDAY, "10:00"), cancelled.startsAt().plusSeconds(60)).code())
                .isEqualTo(ProblemCode.NOT_RESCHEDULABLE);
    }

    // 4. A student's notice

    @Test
    void aStudentMovesALessonUntilTwelveHoursBeforeItStarts() {
        Rejection rejection = refusal(lesson, move(STUDENT, lesson, TUESDAY, "10:00"),
                lesson.startsAt().minus(Duration.ofHours(12)).plusSeconds(1));

        assertThat(rejection.code()).isEqualTo(ProblemCode.RESCHEDULE_TOO_LATE);
        assertThat(rejection.detail())
                .isEqualTo("Students can reschedule a lesson until 12 hours before it starts; ask the instructor to move it");
        assertThat(valueOf(reschedule(lesson, move(STUDENT, lesson, TUESDAY, "10:00"),
                lesson.startsAt().minus(Duration.ofHours(12))).result()).date()).isEqualTo(TUESDAY);
    }

    @Test
    void theInstructorMovesALessonWithinTwelveHours() {
        Booking moved = valueOf(reschedule(lesson, move(INSTRUCTOR, lesson, TUESDAY, "10:00"),
                lesson.startsAt().minus(Duration.ofHours(2))).result());

        assertThat(moved.date()).isEqualTo(TUESDAY);
    }

    // 5. A student's limit

    @Test
    void aMovedLessonKeepsWhereItsEmailsGoAndItsEventSaysSo() {
        Booking addressed = aLesson().id("bk_lesson").addresses("stu-1@mail.test", "ins-1@mail.test").build();

        Booking moved = valueOf(reschedule(addressed, move(STUDENT, addressed, TUESDAY, "10:00"), NOW).result());

        assertThat(moved.addresses()).isEqualTo(addressed.addresses());
        assertThat(bookings.events).singleElement().isInstanceOfSatisfying(BookingRescheduled.class, event -> {
            assertThat(event.booking().addresses()).isEqualTo(addressed.addresses());
            assertThat(event.previous().addresses()).isEqualTo(addressed.addresses());
        });
    }

    @Test
    void aStudentMovesOneBookingAtMostTwice() {
        Booking movedTwice = aLesson().id("bk_twice").rescheduled(new Rescheduled(
                new RescheduledFrom(MONDAY, 600, 660, Instant.parse("2026-12-07T15:00:00Z")), 2, 2, null, null)).build();

        Rejection rejection = refusal(movedTwice, move(STUDENT, movedTwice, TUESDAY, "10:00"), NOW);

        assertThat(rejection.code()).isEqualTo(ProblemCode.RESCHEDULE_LIMIT_REACHED);
        assertThat(rejection.detail()).isEqualTo("Students can reschedule a booking at most 2 time(s); this one was moved"
                + " 2 time(s) already; ask the instructor to move it");
        assertThat(valueOf(reschedule(movedTwice, move(INSTRUCTOR, movedTwice, TUESDAY, "10:00"), NOW).result())
                .rescheduleCount()).isEqualTo(3);
    }

    @Test
    void movesByTheInstructorDoNotCountAgainstTheStudent() {
        Booking movedByInstructor = aLesson().id("bk_ins").rescheduled(new Rescheduled(
                new RescheduledFrom(MONDAY, 600, 660, Instant.parse("2026-12-07T15:00:00Z")), 3, 1, null, null)).build();

        Booking moved = valueOf(reschedule(movedByInstructor, move(STUDENT, movedByInstructor, TUESDAY, "10:00"), NOW).result());

        assertThat(moved.rescheduled().byStudent()).isEqualTo(2);
        assertThat(moved.rescheduleCount()).isEqualTo(4);
    }

    @Test
    void theNoticeAndTheLimitAreConfiguration() {
        ReschedulePolicy policy = ReschedulePolicy.fromConfiguration(Optional.of("90m"), Optional.of("0"));
        ReschedulingABooking strict = new ReschedulingABooking(profiles, weeks, bookings, payments,
                (bookingId, operation, reason) -> incidents.add(bookingId), policy,
                Clock.fixed(NOW, ZoneOffset.UTC));
        bookings.with(lesson);

        assertThat(policy).isEqualTo(new ReschedulePolicy(Duration.ofMinutes(90), 0));
        assertThat(rejectionOf(strict.reschedule(move(STUDENT, lesson, TUESDAY, "10:00")).result()).code())
                .isEqualTo(ProblemCode.RESCHEDULE_LIMIT_REACHED);
        assertThat(ReschedulePolicy.fromConfiguration(Optional.empty(), Optional.of(" "))).isEqualTo(ReschedulePolicy.defaults());
    }

    // 6. The new time, by the rules of a new booking

    @Test
    void theNewTimeMustBeAvailable() {
        Rejection rejection = refusal(lesson, move(STUDENT, lesson, TUESDAY, "18:00"), NOW);

        assertThat(rejection.code()).isEqualTo(ProblemCode.NOT_AVAILABLE);
        assertThat(rejection.detail()).isEqualTo("Requested time is not available");
    }

    @Test
    void theNewTimeFollowsTheGridTheDurationsAndMidnight() {
        assertThat(refusal(lesson, move(STUDENT, lesson, TUESDAY, "10:05"), NOW).code()).isEqualTo(ProblemCode.INVALID_START_TIME);
        assertThat(refusal(lesson, new RescheduleRequest(STUDENT, lesson.id(), TUESDAY, 600, 45, null), NOW).code())
                .isEqualTo(ProblemCode.INVALID_DURATION);
        assertThat(refusal(lesson, move(STUDENT, lesson, TUESDAY, "23:30"), NOW).code()).isEqualTo(ProblemCode.SPANS_MIDNIGHT);
    }

    @Test
    void theNewTimeNeedsTheNoticeOfANewBooking() {
        Instant now = Instant.parse("2026-12-08T14:30:00Z");
        Booking later = aLesson().id("bk_later").at("2026-12-08T15:00").build();

        Rejection rejection = refusal(later, move(INSTRUCTOR, later, TUESDAY, "10:15"), now);

        assertThat(rejection.code()).isEqualTo(ProblemCode.INSUFFICIENT_NOTICE);
    }

    @Test
    void theInstructorsOtherBookingConflictsWithTheSameTextAsForANewBooking() {
        bookings.with(aLesson().id("bk_other").student("stu-2").at("2026-12-08T10:00").build());

        Rejection rejection = refusal(lesson, move(STUDENT, lesson, TUESDAY, "10:30"), NOW);

        assertThat(rejection).isEqualTo(ConflictScope.INSTRUCTOR.rejection());
    }

    @Test
    void theStudentsOtherBookingConflicts() {
        bookings.with(aLesson().id("bk_mine").instructor("ins-2").at("2026-12-08T10:00").build());

        assertThat(refusal(lesson, move(INSTRUCTOR, lesson, TUESDAY, "10:30"), NOW)).isEqualTo(ConflictScope.STUDENT.rejection());
    }

    @Test
    void aDayTheInstructorTookOffIsNotAvailableAsForANewBooking() {
        bookings.takeOff("ins-1", new TimeOff(TUESDAY, Optional.empty()));

        Rejection rejection = refusal(lesson, move(STUDENT, lesson, TUESDAY, "10:00"), NOW);

        assertThat(rejection.code()).isEqualTo(ProblemCode.NOT_AVAILABLE);
        assertThat(rejection.detail()).isEqualTo(SlotsAreOpen.DETAIL);
    }

    @Test
    void aDayAtTheInstructorsDailyLimitIsFullAsForANewBookingButItsOwnDayIsNot() {
        profiles.with(aProfile().maxLessonsPerDay(1).build());
        bookings.with(aLesson().id("bk_other").student("stu-2").at("2026-12-08T14:00").build());

        Rejection rejection = refusal(lesson, move(STUDENT, lesson, TUESDAY, "10:00"), NOW);

        assertThat(rejection.code()).isEqualTo(ProblemCode.DAILY_LIMIT_REACHED);
        assertThat(rejection.detail()).isEqualTo("The instructor takes at most 1 lessons a day, and 2026-12-08 is full");
        assertThat(valueOf(reschedule(lesson, move(STUDENT, lesson, MONDAY, "11:00"), NOW).result()).startMinute())
                .as("moved within its own full day").isEqualTo(11 * 60);
    }

    @Test
    void theBookingsOwnTimeNeverConflictsWithItself() {
        Booking moved = valueOf(reschedule(lesson, move(STUDENT, lesson, MONDAY, "09:15"), NOW).result());

        assertThat(moved.startsAt()).isEqualTo(Instant.parse("2026-12-07T14:15:00Z"));
    }

    // The move

    @Test
    void theMovedBookingKeepsItsIdAndPaymentAndRemembersWhereItWas() {
        BookingOutcome outcome = reschedule(lesson, move(STUDENT, lesson, TUESDAY, "10:00"), NOW);

        Booking moved = valueOf(outcome.result());
        assertThat(outcome.replayed()).isFalse();
        assertThat(moved.id()).isEqualTo(lesson.id());
        assertThat(moved.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(moved.date()).isEqualTo(TUESDAY);
        assertThat(moved.startMinute()).isEqualTo(600);
        assertThat(moved.endMinute()).isEqualTo(660);
        assertThat(moved.startsAt()).isEqualTo(Instant.parse("2026-12-08T15:00:00Z"));
        assertThat(moved.endsAt()).isEqualTo(Instant.parse("2026-12-08T16:00:00Z"));
        assertThat(moved.occupancy().instructorUntil()).isEqualTo(Instant.parse("2026-12-08T16:15:00Z"));
        assertThat(moved.rescheduledFrom()).isEqualTo(new RescheduledFrom(MONDAY, 540, 600, lesson.startsAt()));
        assertThat(moved.rescheduleCount()).isEqualTo(1);
        assertThat(moved.payment()).isEqualTo(lesson.payment());
        assertThat(moved.price()).isEqualTo(lesson.price());
        assertThat(bookings.find(lesson.id())).contains(moved);
    }

    @Test
    void theMoveIsAnnouncedWithTheOldAndTheNewTime() {
        Booking moved = valueOf(reschedule(lesson, move(INSTRUCTOR, lesson, TUESDAY, "10:00"), NOW).result());

        assertThat(bookings.events).singleElement().isInstanceOfSatisfying(BookingRescheduled.class, event -> {
            assertThat(event.occurredAt()).isEqualTo(NOW);
            assertThat(event.rescheduledBy()).isEqualTo(Role.INSTRUCTOR);
            assertThat(event.previous().startsAt()).isEqualTo(lesson.startsAt());
            assertThat(event.previous().occupancy()).isEqualTo(lesson.occupancy());
            assertThat(event.booking().startsAt()).isEqualTo(moved.startsAt());
            assertThat(event.booking().bookingId()).isEqualTo(lesson.id());
        });
    }

    @Test
    void movingToTheSameTimeChangesNothing() {
        BookingOutcome outcome = reschedule(lesson, move(STUDENT, lesson, MONDAY, "09:00"), NOW);

        assertThat(valueOf(outcome.result())).isEqualTo(lesson);
        assertThat(bookings.events).isEmpty();
    }

    @Test
    void acrossADaylightSavingChangeTheLocalTimeStaysAndTheInstantFollows() {
        // Friday 2027-03-12 10:00 is EST (UTC-5); Monday 2027-03-15 10:00 is EDT (UTC-4).
        Booking winter = aLesson().id("bk_dst").at("2027-03-12T10:00").createdAt("2027-03-10T12:00:00Z").build();
        Instant now = Instant.parse("2027-03-10T12:00:00Z");

        Booking moved = valueOf(reschedule(winter, move(STUDENT, winter, LocalDate.of(2027, 3, 15), "10:00"), now).result());

        assertThat(winter.startsAt()).isEqualTo(Instant.parse("2027-03-12T15:00:00Z"));
        assertThat(moved.startMinute()).isEqualTo(600);
        assertThat(moved.endMinute()).isEqualTo(660);
        assertThat(moved.startsAt()).isEqualTo(Instant.parse("2027-03-15T14:00:00Z"));
        assertThat(moved.endsAt()).isEqualTo(Instant.parse("2027-03-15T15:00:00Z"));
        assertThat(moved.rescheduledFrom().startsAt()).isEqualTo(Instant.parse("2027-03-12T15:00:00Z"));
    }

    @Test
    void aTimeTheClocksSkipIsRefused() {
        Booking winter = aLesson().id("bk_gap").at("2027-03-12T10:00").createdAt("2027-03-10T12:00:00Z").build();

        Rejection rejection = refusal(winter, move(INSTRUCTOR, winter, LocalDate.of(2027, 3, 14), "02:30"),
                Instant.parse("2027-03-10T12:00:00Z"));

        assertThat(rejection.code()).isEqualTo(ProblemCode.NONEXISTENT_LOCAL_TIME);
    }

    @Test
    void aMoveComputedFromABookingThatChangedMeanwhileIsAConflictAndWritesNothing() {
        Booking cancelledMeanwhile = lesson.withStatus(BookingStatus.CANCELLED);
        bookings.with(lesson).changeBeforeNextReschedule(cancelledMeanwhile);

        Rejection rejection = rejectionOf(reschedulingAt(NOW).reschedule(move(STUDENT, lesson, TUESDAY, "10:00")).result());

        assertThat(rejection.code()).isEqualTo(ProblemCode.BOOKING_CHANGED);
        assertThat(rejection.code().status()).isEqualTo(409);
        assertThat(bookings.find(lesson.id())).contains(cancelledMeanwhile);
        assertThat(bookings.events).isEmpty();
    }

    // Idempotency-Key

    @Test
    void aRetryWithTheSameKeyAndBodyIsAnsweredWithoutMovingAgain() {
        RescheduleRequest request = new RescheduleRequest(STUDENT, lesson.id(), TUESDAY, 600, null, "key-1");
        Booking moved = valueOf(reschedule(lesson, request, NOW).result());

        BookingOutcome retry = reschedulingAt(NOW.plusSeconds(5)).reschedule(request);

        assertThat(retry.replayed()).isTrue();
        assertThat(valueOf(retry.result())).isEqualTo(moved);
        assertThat(bookings.events).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsAKeyReuse() {
        valueOf(reschedule(lesson, new RescheduleRequest(STUDENT, lesson.id(), TUESDAY, 600, null, "key-1"), NOW).result());

        Rejection rejection = rejectionOf(reschedulingAt(NOW).reschedule(
                new RescheduleRequest(STUDENT, lesson.id(), TUESDAY, 660, null, "key-1")).result());

        assertThat(rejection.code()).isEqualTo(ProblemCode.IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void aKeyIsTheCallersOwn() {
        valueOf(reschedule(lesson, new RescheduleRequest(STUDENT, lesson.id(), TUESDAY, 600, null, "key-1"), NOW).result());

        BookingOutcome instructors = reschedulingAt(NOW).reschedule(
                new RescheduleRequest(INSTRUCTOR, lesson.id(), TUESDAY, 660, null, "key-1"));

        assertThat(instructors.replayed()).isFalse();
        assertThat(valueOf(instructors.result()).startMinute()).isEqualTo(660);
    }

    // The payment

    /** The fixture's lesson with its card saved when it was authorized, as create-booking books now. */
    private final Booking saved = aLesson().id("bk_paid")
            .payment(Payment.authorized(Money.of(6000, "usd"), "pi_1", "cus_1", "pm_saved")).build();

    private RescheduleRequest thirtyMinutes(Booking booking) {
        return new RescheduleRequest(STUDENT, booking.id(), TUESDAY, 600, 30, null);
    }

    @Test
    void anotherPriceIsAuthorizedOnTheSavedCardBeforeTheMoveAndTheOldAuthorizationReleasedAfterIt() {
        Booking moved = valueOf(reschedule(saved, thirtyMinutes(saved), NOW).result());

        assertThat(payments.calls).containsExactly(
                "authorizeSavedForMove bk_paid 1 3000 cus_1 pm_saved", "releaseReplaced bk_paid pi_1");
        assertThat(moved.price()).isEqualTo(Money.of(3000, "usd"));
        assertThat(moved.payment()).isEqualTo(Payment.authorized(Money.of(3000, "usd"), "pi_move_1_bk_paid", "cus_1", "pm_saved"));
        assertThat(bookings.find(saved.id())).contains(moved);
        assertThat(incidents).isEmpty();
    }

    @Test
    void theNewAuthorizationsLifeCountsFromTheMove() {
        Booking moved = valueOf(reschedule(saved, thirtyMinutes(saved), NOW).result());

        assertThat(moved.rescheduled().authorizedNoEarlierThan()).isEqualTo(NOW);
        assertThat(ReschedulingABooking.authorizationHorizon(moved)).isEqualTo(NOW.plus(BookingALesson.AUTHORIZATION_HORIZON));
    }

    @Test
    void aDeclinedNewPriceLeavesTheBookingExactlyAsItWasAndTellsTheIssuersReason() {
        payments.answering("authorizeSavedForMove", new PaymentOutcome.Declined("Your card has insufficient funds.",
                "insufficient_funds"));
        bookings.with(saved);

        Rejection rejection = rejectionOf(reschedulingAt(NOW).reschedule(thirtyMinutes(saved)).result());

        assertThat(rejection.code()).isEqualTo(ProblemCode.PAYMENT_DECLINED);
        assertThat(rejection.code().status()).isEqualTo(402);
        assertThat(rejection.extra(DeclineCode.class)).contains(new DeclineCode("insufficient_funds"));
        assertThat(bookings.find(saved.id())).contains(saved);
        assertThat(bookings.events).isEmpty();
        assertThat(payments.calls).containsExactly("authorizeSavedForMove bk_paid 1 3000 cus_1 pm_saved");
    }

    @Test
    void aProviderThatCannotBeReachedForTheNewPriceLeavesTheBookingAsItWasAndAPersonChecks() {
        payments.answering("authorizeSavedForMove", new PaymentOutcome.ProviderUnavailable("timeout"));
        bookings.with(saved);

        Rejection rejection = rejectionOf(reschedulingAt(NOW).reschedule(thirtyMinutes(saved)).result());

        assertThat(rejection.code()).isEqualTo(ProblemCode.PAYMENT_PROVIDER_UNAVAILABLE);
        assertThat(bookings.find(saved.id())).contains(saved);
        assertThat(bookings.events).isEmpty();
        assertThat(incidents).containsExactly("bk_paid");
    }

    @Test
    void aPriceChangingMoveThatDoesNotCommitReleasesTheAuthorizationItMade() {
        Booking cancelledMeanwhile = saved.withStatus(BookingStatus.CANCELLED);
        bookings.with(saved).changeBeforeNextReschedule(cancelledMeanwhile);

        Rejection rejection = rejectionOf(reschedulingAt(NOW).reschedule(thirtyMinutes(saved)).result());

        assertThat(rejection.code()).isEqualTo(ProblemCode.BOOKING_CHANGED);
        assertThat(payments.calls).containsExactly(
                "authorizeSavedForMove bk_paid 1 3000 cus_1 pm_saved", "releaseReplaced bk_paid pi_move_1_bk_paid");
        assertThat(bookings.find(saved.id())).contains(cancelledMeanwhile);
    }

    @Test
    void aMoveThatLostToItsTwinKeepsTheAuthorizationTheTwinCommitted() {
        // The twin had the same move number and price: the provider answered both with one authorization.
        Booking twinCommitted = saved.toBuilder().rescheduled(saved.rescheduled().next(RescheduledFrom.of(saved), true,
                null, null)).payment(saved.payment().withAuthorization(Money.of(3000, "usd"), "pi_move_1_bk_paid")).build();
        bookings.with(saved).changeBeforeNextReschedule(twinCommitted);

        Rejection rejection = rejectionOf(reschedulingAt(NOW).reschedule(thirtyMinutes(saved)).result());

        assertThat(rejection.code()).isEqualTo(ProblemCode.BOOKING_CHANGED);
        assertThat(payments.calls).containsExactly("authorizeSavedForMove bk_paid 1 3000 cus_1 pm_saved");
    }

    @Test
    void aReplacedAuthorizationTheProviderDoesNotReleaseIsForAPerson() {
        payments.answering("releaseReplaced", new PaymentOutcome.ProviderUnavailable("timeout"));

        Booking moved = valueOf(reschedule(saved, thirtyMinutes(saved), NOW).result());

        assertThat(moved.payment().paymentIntentId()).isEqualTo("pi_move_1_bk_paid");
        assertThat(incidents).containsExactly("bk_paid");
    }

    @Test
    void aLessonBookedBeforeCardsWereSavedWithTheAuthorizationKeepsItsPrice() {
        Rejection rejection = refusal(lesson, thirtyMinutes(lesson), NOW);

        assertThat(rejection.code()).isEqualTo(ProblemCode.NOT_RESCHEDULABLE);
    }

    @Test
    void theSamePriceOnASavedCardKeepsTheAuthorization() {
        Booking moved = valueOf(reschedule(saved, move(STUDENT, saved, TUESDAY, "10:00"), NOW).result());

        assertThat(moved.payment()).isEqualTo(saved.payment());
        assertThat(payments.calls).isEmpty();
    }

    @Test
    void anAuthorizationMadeWhenBookedWithTheCardSavedLivesFromTheBooking() {
        // Authorized when booked on 2026-12-01 12:00 UTC, card saved: it covers starts until 2026-12-07 12:00 UTC.
        Booking soon = aBooking().id("bk_soon").at("2026-12-04T09:00")
                .payment(Payment.authorized(Money.of(6000, "usd"), "pi_1", "cus_1", "pm_saved")).build();

        assertThat(ReschedulingABooking.authorizationHorizon(soon)).isEqualTo(Instant.parse("2026-12-07T12:00:00Z"));
        Booking moved = valueOf(reschedule(soon, move(STUDENT, soon, TUESDAY, "10:00"), Instant.parse("2026-12-02T12:00:00Z"))
                .result());
        assertThat(moved.payment().status()).as("moved past its life: card kept, authorization released")
                .isEqualTo(PaymentStatus.SCHEDULED);
        assertThat(payments.calls).containsExactly("releaseReplaced bk_soon pi_1");
    }

    @Test
    void aSavedCardsLessonChangesItsLengthAndPriceAndIsAuthorizedForTheNewStart() {
        Booking scheduled = aLesson().id("bk_saved").payment(Payment.scheduled("usd", "cus_1", "pm_saved")).build();

        Booking moved = valueOf(reschedule(scheduled, new RescheduleRequest(STUDENT, scheduled.id(), TUESDAY, 600, 30, null),
                NOW).result());

        assertThat(moved.durationMinutes()).isEqualTo(30);
        assertThat(moved.price()).isEqualTo(Money.of(3000, "usd"));
        assertThat(moved.payment().status()).isEqualTo(PaymentStatus.SCHEDULED);
        assertThat(DueWork.of(moved)).contains(new DueWork.Due(DueWork.SCHEDULED_AUTHORIZATION,
                Instant.parse("2026-12-07T15:00:00Z")));
    }

    @Test
    void anAuthorizationTheSchedulerMadeLivesFromTheStartItWasMadeForAcrossMoves() {
        // Authorized by the scheduler 24 h before Monday 09:00 New York: it covers starts until Saturday 12-12 14:00 UTC.
        // Booked on 2026-11-25, more than 6 days ahead: its card was saved and the scheduler authorized it.
        Booking scheduled = aLesson().id("bk_sched").createdAt("2026-11-25T12:00:00Z").payment(Payment.scheduled("usd",
                "cus_1", "pm_saved").withAuthorization(Money.of(6000, "usd"), "pi_saved")).build();

        Booking moved = valueOf(reschedule(scheduled, move(INSTRUCTOR, scheduled, TUESDAY, "10:00"), NOW).result());

        assertThat(moved.rescheduled().authorizedNoEarlierThan()).isEqualTo(Instant.parse("2026-12-06T14:00:00Z"));
        assertThat(ReschedulingABooking.authorizationHorizon(moved)).isEqualTo(Instant.parse("2026-12-12T14:00:00Z"));
        assertThat(moved.payment().paymentIntentId()).isEqualTo("pi_saved");
    }

    @Test
    void anAuthorizationIsNotStretchedPastItsLife() {
        // Authorized when booked on 2026-12-01 12:00 UTC: it covers starts until 2026-12-07 12:00 UTC.
        Booking soon = aBooking().id("bk_soon").at("2026-12-04T09:00").build();
        Instant now = Instant.parse("2026-12-02T12:00:00Z");

        Booking kept = valueOf(reschedule(soon, move(STUDENT, soon, LocalDate.of(2026, 12, 6), "10:00"), now).result());

        assertThat(kept.startsAt()).isEqualTo(Instant.parse("2026-12-06T15:00:00Z"));
        assertThat(kept.payment()).isEqualTo(soon.payment());
        assertThat(payments.calls).isEmpty();
    }

    @Test
    void aLessonMovedPastItsAuthorizationsLifeHasItsCardSavedAndTheAuthorizationReleasedAfterTheMove() {
        Booking soon = aBooking().id("bk_soon").at("2026-12-04T09:00").build();
        payments.cardSaves(new PaymentOutcome.CardSaved("cus_bk_soon", "pm_card_visa"));

        Booking moved = valueOf(reschedule(soon, move(STUDENT, soon, TUESDAY, "10:00"), Instant.parse("2026-12-02T12:00:00Z"))
                .result());

        assertThat(moved.payment()).isEqualTo(Payment.scheduled("usd", "cus_bk_soon", "pm_card_visa"));
        assertThat(moved.rescheduled().authorizedNoEarlierThan()).isNull();
        assertThat(DueWork.of(moved)).contains(new DueWork.Due(DueWork.SCHEDULED_AUTHORIZATION, Instant.parse("2026-12-07T15:00:00Z")));
        assertThat(payments.calls).containsExactly("saveCard bk_soon", "releaseReplaced bk_soon pi_1");
        assertThat(bookings.find(soon.id())).contains(moved);
        assertThat(incidents).isEmpty();
    }

    @Test
    void aCardThatCannotBeSavedLeavesTheBookingExactlyAsItWas() {
        Booking soon = aBooking().id("bk_soon").at("2026-12-04T09:00").build();
        bookings.with(soon);
        payments.cardSaves(new PaymentOutcome.Declined("Your card was declined."));

        Rejection rejection = rejectionOf(reschedulingAt(Instant.parse("2026-12-02T12:00:00Z"))
                .reschedule(move(STUDENT, soon, TUESDAY, "10:00")).result());

        assertThat(rejection.code()).isEqualTo(ProblemCode.PAYMENT_DECLINED);
        assertThat(bookings.find(soon.id())).contains(soon);
        assertThat(bookings.events).isEmpty();
        assertThat(payments.calls).containsExactly("saveCard bk_soon");
    }

    @Test
    void aReleaseTheProviderDoesNotConfirmIsForAPerson() {
        Booking soon = aBooking().id("bk_soon").at("2026-12-04T09:00").build();
        payments.cardSaves(new PaymentOutcome.CardSaved("cus_bk_soon", "pm_card_visa"))
                .answering("releaseReplaced", new PaymentOutcome.ProviderUnavailable("timeout"));

        valueOf(reschedule(soon, move(STUDENT, soon, TUESDAY, "10:00"), Instant.parse("2026-12-02T12:00:00Z")).result());

        assertThat(incidents).containsExactly("bk_soon");
    }

    @Test
    void aBookingMadeWithLongerBuffersThanTodayCannotBeMovedInOneTransaction() {
        profiles.with(aProfile().services(aService().durations(60, 240).build()).build());
        // 48 instructor and 16 student units released, 17 and 16 taken: 97 locks.
        Booking legacy = aLesson().id("bk_legacy").minutes(240).buffer(240, 240).build();

        Rejection rejection = refusal(legacy, move(INSTRUCTOR, legacy, TUESDAY, "10:00"), NOW);

        assertThat(rejection.code()).isEqualTo(ProblemCode.NOT_RESCHEDULABLE);
    }
}
