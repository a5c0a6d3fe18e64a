package dev.lessonbook.booking;

import static dev.lessonbook.fixtures.Profiles.aProfile;
import static dev.lessonbook.fixtures.Profiles.aService;
import static dev.lessonbook.fixtures.Requests.aRequest;
import static dev.lessonbook.fixtures.Results.rejectionOf;
import static dev.lessonbook.fixtures.Results.valueOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.availability.DaySlots;
import dev.lessonbook.calendar.Occupancy;
import dev.lessonbook.fixtures.Requests;
import dev.lessonbook.money.Money;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LocationType;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BookingRulesTest {
    private static final InstructorProfile PROFILE = aProfile().build();
    private static final DaySlots WHOLE_DAY = DaySlots.empty().open(0, 1440);

    private static Rejection proposalRejected(Requests request, InstructorProfile profile) {
        return rejectionOf(BookingRules.propose(request.build(), profile));
    }

    private static ProposedLesson proposed(Requests request) {
        return valueOf(BookingRules.propose(request.build(), PROFILE));
    }

    private static Optional<Rejection> bookable(ProposedLesson lesson, DaySlots day, Instant now) {
        return BookingRules.checkBookable(lesson, day, now);
    }

    @Test
    void aServiceTheInstructorDoesNotOfferIsNotFound() {
        assertThat(proposalRejected(aRequest().service("piano"), PROFILE).code()).isEqualTo(ProblemCode.NOT_FOUND);
    }

    @Test
    void anInactiveServiceIsNotFound() {
        assertThat(proposalRejected(aRequest(), aProfile().services(aService().inactive().build()).build()).code())
                .isEqualTo(ProblemCode.NOT_FOUND);
    }

    @Test
    void aLocationTypeWithoutRateIsNotOffered() {
        assertThat(proposalRejected(aRequest().location(LocationType.INSTRUCTOR_LOCATION), PROFILE).code())
                .isEqualTo(ProblemCode.LOCATION_NOT_OFFERED);
    }

    @Test
    void aDurationNotInTheOptionsIsRejectedListingThem() {
        Rejection rejection = proposalRejected(aRequest().minutes(45), PROFILE);

        assertThat(rejection.code()).isEqualTo(ProblemCode.INVALID_DURATION);
        assertThat(rejection.detail()).isEqualTo("Duration must be one of 30, 60 minutes");
    }

    @Test
    void aStartOffTheQuarterHourIsRejected() {
        assertThat(proposalRejected(aRequest().at("09:10"), PROFILE).code()).isEqualTo(ProblemCode.INVALID_START_TIME);
    }

    @Test
    void aLessonEndingPastMidnightIsRejected() {
        assertThat(proposalRejected(aRequest().at("23:30"), PROFILE).code()).isEqualTo(ProblemCode.SPANS_MIDNIGHT);
    }

    @Test
    void aLessonEndingExactlyAtMidnightIsAccepted() {
        ProposedLesson lesson = proposed(aRequest().at("23:00"));

        assertThat(lesson.endMinute()).isEqualTo(1440);
        assertThat(lesson.endsAt()).isEqualTo(Instant.parse("2026-12-08T05:00:00Z"));
    }

    @Test
    void aStartInTheSpringForwardGapDoesNotExist() {
        Rejection rejection = proposalRejected(aRequest().on("2026-03-08", "02:30"), PROFILE);

        assertThat(rejection.code()).isEqualTo(ProblemCode.NONEXISTENT_LOCAL_TIME);
    }

    @Test
    void anAmbiguousFallBackStartTakesTheEarlierOffset() {
        ProposedLesson lesson = proposed(aRequest().on("2026-11-01", "01:30"));

        // 01:30 happens at -04:00 (EDT) and again at -05:00 (EST); the first one is booked.
        assertThat(lesson.startsAt()).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
    }

    @Test
    void theLessonIsPlacedInTheInstructorsTimezone() {
        ProposedLesson lesson = proposed(aRequest().on("2026-12-07", "09:30"));

        assertThat(lesson.startsAt()).isEqualTo(Instant.parse("2026-12-07T14:30:00Z"));
        assertThat(lesson.endsAt()).isEqualTo(Instant.parse("2026-12-07T15:30:00Z"));
    }

    @Test
    void theLocationIsCheckedBeforeTheDuration() {
        assertThat(proposalRejected(aRequest().location(LocationType.INSTRUCTOR_LOCATION).minutes(45), PROFILE).code())
                .isEqualTo(ProblemCode.LOCATION_NOT_OFFERED);
    }

    @Test
    void theDurationIsCheckedBeforeTheStartTime() {
        assertThat(proposalRejected(aRequest().minutes(45).at("09:10"), PROFILE).code()).isEqualTo(ProblemCode.INVALID_DURATION);
    }

    @Test
    void aLessonWithAnyClosedSlotIsNotAvailable() {
        ProposedLesson lesson = proposed(aRequest().at("09:00"));
        DaySlots almost = DaySlots.empty().open(9 * 60, 9 * 60 + 55);

        Rejection rejection = bookable(lesson, almost, lesson.startsAt().minus(Duration.ofDays(1))).orElseThrow();

        assertThat(rejection.code()).isEqualTo(ProblemCode.NOT_AVAILABLE);
        assertThat(rejection.detail()).isEqualTo("Requested time is not available");
    }

    @Test
    void aLessonInsideOpenTimeIsBookable() {
        ProposedLesson lesson = proposed(aRequest().at("09:00"));

        assertThat(bookable(lesson, DaySlots.empty().open(9 * 60, 10 * 60), lesson.startsAt().minus(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void availabilityIsCheckedBeforeNotice() {
        ProposedLesson lesson = proposed(aRequest());

        assertThat(bookable(lesson, DaySlots.empty(), lesson.startsAt()).orElseThrow().code()).isEqualTo(ProblemCode.NOT_AVAILABLE);
    }

    @Test
    void anOnlineLessonNeedsAnHoursNotice() {
        ProposedLesson lesson = proposed(aRequest());

        assertThat(bookable(lesson, WHOLE_DAY, lesson.startsAt().minus(Duration.ofMinutes(59))).orElseThrow().code())
                .isEqualTo(ProblemCode.INSUFFICIENT_NOTICE);
        assertThat(bookable(lesson, WHOLE_DAY, lesson.startsAt().minus(Duration.ofMinutes(60)))).isEmpty();
    }

    @Test
    void aLessonAtTheStudentsPlaceNeedsThreeHoursNotice() {
        ProposedLesson lesson = proposed(aRequest().location(LocationType.STUDENT_LOCATION));

        assertThat(bookable(lesson, WHOLE_DAY, lesson.startsAt().minus(Duration.ofMinutes(179))).orElseThrow().code())
                .isEqualTo(ProblemCode.INSUFFICIENT_NOTICE);
        assertThat(bookable(lesson, WHOLE_DAY, lesson.startsAt().minus(Duration.ofMinutes(180)))).isEmpty();
    }

    @Test
    void theInstructorsOwnNoticeForTheLocationTypeApplies() {
        InstructorProfile profile = aProfile().notice(LocationType.ONLINE, 24 * 60).build();
        ProposedLesson lesson = valueOf(BookingRules.propose(aRequest().build(), profile));

        Rejection rejection = bookable(lesson, WHOLE_DAY, lesson.startsAt().minus(Duration.ofMinutes(24 * 60 - 1))).orElseThrow();

        assertThat(rejection.code()).isEqualTo(ProblemCode.INSUFFICIENT_NOTICE);
        assertThat(rejection.detail()).isEqualTo("Lessons online must be booked at least 1440 minutes before they start");
        assertThat(bookable(lesson, WHOLE_DAY, lesson.startsAt().minus(Duration.ofMinutes(24 * 60)))).isEmpty();
    }

    @Test
    void aNoticeOfZeroAllowsBookingUpToTheStart() {
        InstructorProfile profile = aProfile().notice(LocationType.STUDENT_LOCATION, 0).build();
        ProposedLesson lesson = valueOf(BookingRules.propose(aRequest().location(LocationType.STUDENT_LOCATION).build(), profile));

        assertThat(bookable(lesson, WHOLE_DAY, lesson.startsAt())).isEmpty();
    }

    @Test
    void aLessonExactlyMaxAdvanceDaysAheadIsBookableAndTheDayAfterIsNot() {
        InstructorProfile profile = aProfile().maxAdvanceDays(10).build();
        // 2026-11-27 00:30 in New York; the lesson is on 2026-12-07, ten local dates later.
        Instant now = Instant.parse("2026-11-27T05:30:00Z");

        assertThat(bookable(valueOf(BookingRules.propose(aRequest().on("2026-12-07", "09:00").build(), profile)), WHOLE_DAY, now))
                .isEmpty();
        Rejection rejection = bookable(valueOf(BookingRules.propose(aRequest().on("2026-12-08", "00:00").build(), profile)),
                WHOLE_DAY, now).orElseThrow();
        assertThat(rejection.code()).isEqualTo(ProblemCode.BEYOND_BOOKING_HORIZON);
        assertThat(rejection.detail()).isEqualTo("Lessons with this instructor can be booked at most 10 days ahead, up to 2026-12-07");
    }

    @Test
    void theHorizonCountsFromTheInstructorsLocalToday() {
        InstructorProfile profile = aProfile().maxAdvanceDays(10).build();
        // 2026-11-26 23:30 in New York, already the 27th in UTC: the 7th of December is eleven local dates away.
        Instant now = Instant.parse("2026-11-27T04:30:00Z");

        assertThat(bookable(valueOf(BookingRules.propose(aRequest().on("2026-12-07", "09:00").build(), profile)), WHOLE_DAY, now)
                .orElseThrow().code()).isEqualTo(ProblemCode.BEYOND_BOOKING_HORIZON);
    }

    @Test
    void theHorizonAcrossADstChangeIsStillCountedInDates() {
        InstructorProfile profile = aProfile().maxAdvanceDays(7).build();
        // 2026-10-29 00:10 EDT; New York falls back on 2026-11-01, so 2026-11-05 00:00 EST is 7 days and 50
        // minutes away: beyond 7 × 24 h, but on the seventh local date.
        Instant now = Instant.parse("2026-10-29T04:10:00Z");
        ProposedLesson lastDay = valueOf(BookingRules.propose(aRequest().on("2026-11-05", "00:00").build(), profile));
        ProposedLesson dayAfter = valueOf(BookingRules.propose(aRequest().on("2026-11-06", "00:00").build(), profile));

        assertThat(Duration.between(now, lastDay.startsAt())).isGreaterThan(Duration.ofDays(7));
        assertThat(bookable(lastDay, WHOLE_DAY, now)).isEmpty();
        assertThat(bookable(dayAfter, WHOLE_DAY, now).orElseThrow().code()).isEqualTo(ProblemCode.BEYOND_BOOKING_HORIZON);
    }

    @Test
    void theDefaultHorizonIs180Days() {
        Instant now = Instant.parse("2026-06-10T16:00:00Z"); // noon in New York
        ProposedLesson last = valueOf(BookingRules.propose(aRequest().on("2026-12-07", "09:00").build(), PROFILE));
        ProposedLesson beyond = valueOf(BookingRules.propose(aRequest().on("2026-12-08", "09:00").build(), PROFILE));

        assertThat(java.time.LocalDate.parse("2026-06-10").plusDays(180)).isEqualTo("2026-12-07");
        assertThat(bookable(last, WHOLE_DAY, now)).isEmpty();
        assertThat(bookable(beyond, WHOLE_DAY, now).orElseThrow().code()).isEqualTo(ProblemCode.BEYOND_BOOKING_HORIZON);
    }

    @Test
    void noticeIsCheckedBeforeTheHorizon() {
        InstructorProfile profile = aProfile().maxAdvanceDays(0).notice(LocationType.ONLINE, 30 * 24 * 60).build();
        ProposedLesson lesson = valueOf(BookingRules.propose(aRequest().build(), profile));

        assertThat(bookable(lesson, WHOLE_DAY, lesson.startsAt().minus(Duration.ofDays(1))).orElseThrow().code())
                .isEqualTo(ProblemCode.INSUFFICIENT_NOTICE);
    }

    @Test
    void aPricedLessonWithoutPaymentMethodIsRejected() {
        ProposedLesson lesson = proposed(aRequest().paymentMethod(null));

        assertThat(bookable(lesson, WHOLE_DAY, lesson.startsAt().minus(Duration.ofDays(1))).orElseThrow().code())
                .isEqualTo(ProblemCode.PAYMENT_METHOD_REQUIRED);
    }

    @Test
    void aFreeLessonNeedsNoPaymentMethod() {
        InstructorProfile free = aProfile().services(aService().onlyRate(LocationType.ONLINE, 0).build()).build();
        ProposedLesson lesson = valueOf(BookingRules.propose(aRequest().paymentMethod(null).build(), free));

        assertThat(lesson.price()).isEqualTo(new Money(0, "usd"));
        assertThat(bookable(lesson, WHOLE_DAY, lesson.startsAt().minus(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void thePriceIsTheHourlyRateProRataRoundedHalfUp() {
        InstructorProfile profile = aProfile().services(aService().durations(45)
                .rate(LocationType.ONLINE, 4999).rate(LocationType.STUDENT_LOCATION, 1002).build()).build();

        assertThat(valueOf(BookingRules.propose(aRequest().minutes(45).build(), profile)).price())
                .isEqualTo(new Money(3749, "usd")); // 3749.25
        assertThat(valueOf(BookingRules.propose(aRequest().location(LocationType.STUDENT_LOCATION).minutes(45).build(), profile))
                .price()).isEqualTo(new Money(752, "usd")); // 751.5
        assertThat(proposed(aRequest().location(LocationType.STUDENT_LOCATION).minutes(30)).price())
                .isEqualTo(new Money(4500, "usd"));
    }

    @Test
    void aLessonThatWouldCostMoreThanOneChargeCanHoldIsRefused() {
        // Profiles stored before rates were bounded may hold any rate, up to the largest long.
        for (long rate : new long[] {100_000_000L, 99_999_999_999L, Long.MAX_VALUE}) {
            InstructorProfile stored = aProfile().services(aService().durations(60).onlyRate(LocationType.ONLINE, rate).build()).build();

            Rejection rejection = proposalRejected(aRequest(), stored);

            assertThat(rejection.code()).as("rate %d", rate).isEqualTo(ProblemCode.PRICE_TOO_HIGH);
            assertThat(rejection.detail()).isEqualTo("A 60-minute guitar lesson (online) would cost more than 99999999 usd "
                    + "in its smallest unit, the most one payment can be; choose a shorter lesson");
        }
    }

    @Test
    void aLessonCostingExactlyTheLargestChargeIsBookable() {
        InstructorProfile profile = aProfile().services(aService().durations(60)
                .onlyRate(LocationType.ONLINE, 99_999_999).build()).build();

        assertThat(valueOf(BookingRules.propose(aRequest().build(), profile)).price()).isEqualTo(new Money(99_999_999, "usd"));
    }

    @Test
    void theInstructorIsOccupiedWithTheBuffersOfTheLocationType() {
        Occupancy occupancy = proposed(aRequest().location(LocationType.STUDENT_LOCATION)).occupancy();

        assertThat(occupancy.instructorFrom()).isEqualTo(Instant.parse("2026-12-07T13:30:00Z"));
        assertThat(occupancy.instructorUntil()).isEqualTo(Instant.parse("2026-12-07T15:30:00Z"));
        assertThat(occupancy.studentFrom()).isEqualTo(Instant.parse("2026-12-07T14:00:00Z"));
        assertThat(occupancy.studentUntil()).isEqualTo(Instant.parse("2026-12-07T15:00:00Z"));
    }

    @Test
    void theProfilesOwnBufferReplacesTheDefault() {
        InstructorProfile profile = aProfile().buffer(LocationType.ONLINE, 15, 0).build();

        Occupancy occupancy = valueOf(BookingRules.propose(aRequest().build(), profile)).occupancy();

        assertThat(occupancy.instructorFrom()).isEqualTo(Instant.parse("2026-12-07T13:45:00Z"));
        assertThat(occupancy.instructorUntil()).isEqualTo(Instant.parse("2026-12-07T15:00:00Z"));
    }
}
