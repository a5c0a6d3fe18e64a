package dev.lessonbook.profile;

import static dev.lessonbook.fixtures.Profiles.aProfile;
import static dev.lessonbook.fixtures.Profiles.aService;
import static dev.lessonbook.fixtures.Results.rejectionOf;
import static dev.lessonbook.fixtures.Results.valueOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Rejection.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileRulesTest {

    @SuppressWarnings("unchecked")
    private static List<FieldError> errorsOf(Rejection rejection) {
        assertThat(rejection.code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
        return rejection.extra(Rejection.FieldErrors.class).orElseThrow().errors();
    }

    private static List<String> fieldsOf(Rejection rejection) {
        return errorsOf(rejection).stream().map(FieldError::field).toList();
    }

    @Test
    void missingBuffersGetTheDefaultsOfTheirLocationType() {
        InstructorProfile profile = valueOf(ProfileRules.validate(aProfile().buffer(LocationType.ONLINE, 15, 30).build()));

        assertThat(profile.buffers())
                .containsEntry(LocationType.ONLINE, new Buffer(15, 30))
                .containsEntry(LocationType.INSTRUCTOR_LOCATION, new Buffer(0, 15))
                .containsEntry(LocationType.STUDENT_LOCATION, new Buffer(30, 30));
    }

    @Test
    void leftOutBookingRulesAreTodaysFixedRules() {
        BookingLimits limits = valueOf(ProfileRules.validate(aProfile().build())).bookingLimits();

        assertThat(limits.minimumNoticeMinutes()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                LocationType.ONLINE, 60, LocationType.INSTRUCTOR_LOCATION, 60, LocationType.STUDENT_LOCATION, 180));
        assertThat(limits.maxAdvanceDays()).isEqualTo(180);
        assertThat(limits.maxLessonsPerDay()).isEmpty();
    }

    @Test
    void aLeftOutNoticeTakesItsDefaultAndTheGivenOnesStay() {
        BookingLimits limits = valueOf(ProfileRules.validate(aProfile().notice(LocationType.ONLINE, 0).maxLessonsPerDay(3).build()))
                .bookingLimits();

        assertThat(limits.minimumNoticeMinutes()).containsEntry(LocationType.ONLINE, 0)
                .containsEntry(LocationType.STUDENT_LOCATION, 180);
        assertThat(limits.maxLessonsPerDay()).hasValue(3);
    }

    @Test
    void bookingRulesAtTheirBoundsAreAccepted() {
        assertThat(ProfileRules.validate(aProfile().notice(LocationType.ONLINE, 43_200).maxAdvanceDays(730).maxLessonsPerDay(96).build()))
                .isInstanceOf(dev.lessonbook.problem.Result.Ok.class);
        assertThat(ProfileRules.validate(aProfile().notice(LocationType.ONLINE, 0).maxAdvanceDays(0).maxLessonsPerDay(1).build()))
                .isInstanceOf(dev.lessonbook.problem.Result.Ok.class);
    }

    @Test
    void bookingRulesOutOfRangeAreEachNamedWithWhatIsAllowed() {
        Rejection rejection = rejectionOf(ProfileRules.validate(aProfile()
                .notice(LocationType.STUDENT_LOCATION, 43_201).notice(LocationType.ONLINE, -1)
                .maxAdvanceDays(731).maxLessonsPerDay(0).build()));

        assertThat(errorsOf(rejection)).containsExactly(
                new FieldError("bookingRules.minimumNoticeMinutes.online", "must be a whole number of minutes from 0 to 43200 (30 days)"),
                new FieldError("bookingRules.minimumNoticeMinutes.student_location", "must be a whole number of minutes from 0 to 43200 (30 days)"),
                new FieldError("bookingRules.maxAdvanceDays", "must be a whole number of days from 0 (today only) to 730"),
                new FieldError("bookingRules.maxLessonsPerDay", "must be from 1 to 96, or null for no limit"));
        assertThat(fieldsOf(rejectionOf(ProfileRules.validate(aProfile().maxAdvanceDays(-1).maxLessonsPerDay(97).build()))))
                .containsExactly("bookingRules.maxAdvanceDays", "bookingRules.maxLessonsPerDay");
    }

    @Test
    void aServiceWithoutCurrencyIsPricedInUsd() {
        InstructorProfile profile = valueOf(ProfileRules.validate(aProfile().services(aService().currency(null).build()).build()));

        assertThat(profile.services().get(0).currency()).isEqualTo("usd");
    }

    @Test
    void aCurrencyThatIsNotThreeLowerCaseLettersIsRejected() {
        assertThat(fieldsOf(rejectionOf(ProfileRules.validate(aProfile().services(aService().currency("USD").build()).build()))))
                .containsExactly("services[0].currency");
    }

    @Test
    void durationsOffTheQuarterHourOrLongerThanFourHoursAreRejectedByPath() {
        Rejection rejection = rejectionOf(ProfileRules.validate(aProfile()
                .services(aService().durations(30, 50, 255, 0).build()).build()));

        assertThat(fieldsOf(rejection)).containsExactly(
                "services[0].durationOptions[1]", "services[0].durationOptions[2]", "services[0].durationOptions[3]");
    }

    @Test
    void fourHoursIsTheLongestDuration() {
        valueOf(ProfileRules.validate(aProfile().services(aService().durations(240).build()).build()));
    }

    @Test
    void aServiceWithoutDurationsIsRejected() {
        assertThat(fieldsOf(rejectionOf(ProfileRules.validate(aProfile().services(aService().durations().build()).build()))))
                .containsExactly("services[0].durationOptions");
    }

    @Test
    void buffersOffTheQuarterHourOrNegativeAreRejected() {
        Rejection rejection = rejectionOf(ProfileRules.validate(aProfile()
                .buffer(LocationType.ONLINE, 10, 15)
                .buffer(LocationType.STUDENT_LOCATION, 30, -15)
                .build()));

        assertThat(fieldsOf(rejection)).containsExactly("buffers.online.before", "buffers.student_location.after");
    }

    @Test
    void aNegativeRateIsRejected() {
        assertThat(fieldsOf(rejectionOf(ProfileRules.validate(aProfile()
                .services(aService().rate(LocationType.INSTRUCTOR_LOCATION, -1).build()).build()))))
                .containsExactly("services[0].rates.instructor_location");
    }

    @Test
    void aRateAboveTheLargestChargeIsRejected() {
        for (long rate : new long[] {LessonPrice.MAX_AMOUNT + 1, 99_999_999_999L, Long.MAX_VALUE}) {
            Rejection rejection = rejectionOf(ProfileRules.validate(aProfile()
                    .services(aService().durations(15).onlyRate(LocationType.ONLINE, rate).build()).build()));

            assertThat(errorsOf(rejection)).as("rate %d", rate).containsExactly(new FieldError("services[0].rates.online",
                    "must be an hourly rate from 0 to 99999999 in the currency's smallest unit (cents)"));
        }
    }

    @Test
    void theLargestChargeIsAnHourlyRateForAnHourLongLesson() {
        valueOf(ProfileRules.validate(aProfile().services(aService().durations(15, 30, 60)
                .onlyRate(LocationType.ONLINE, LessonPrice.MAX_AMOUNT).currency("jpy").build()).build()));
    }

    @Test
    void aRateAtWhichTheLongestLessonCostsMoreThanOneChargeIsRejected() {
        Rejection rejection = rejectionOf(ProfileRules.validate(aProfile().services(aService().durations(60, 90)
                .onlyRate(LocationType.STUDENT_LOCATION, 66_666_667).build()).build()));

        assertThat(errorsOf(rejection)).containsExactly(new FieldError("services[0].rates.student_location",
                "at this rate a 90-minute lesson would cost more than 99999999, the most one payment can be; "
                        + "lower the rate or the longest duration"));
        valueOf(ProfileRules.validate(aProfile().services(aService().durations(60, 90)
                .onlyRate(LocationType.STUDENT_LOCATION, 66_666_666).build()).build()));
    }

    @Test
    void aNameIsMeasuredInCharactersAsTheApiCountsThem() {
        valueOf(ProfileRules.validate(aProfile().services(aService().name("🎸".repeat(ProfileRules.MAX_NAME_LENGTH)).build()).build()));
        assertThat(fieldsOf(rejectionOf(ProfileRules.validate(aProfile()
                .services(aService().name("🎸".repeat(ProfileRules.MAX_NAME_LENGTH + 1)).build()).build()))))
                .containsExactly("services[0].name");
    }

    @Test
    void aFreeServiceIsAllowed() {
        valueOf(ProfileRules.validate(aProfile().services(aService().onlyRate(LocationType.ONLINE, 0).build()).build()));
    }

    @Test
    void serviceIdsFollowTheIdRuleAndAreUnique() {
        Rejection rejection = rejectionOf(ProfileRules.validate(aProfile().services(
                aService().id("guitar").build(),
                aService().id("guitar").build(),
                aService().id("bad id!").build()).build()));

        assertThat(fieldsOf(rejection)).containsExactly("services[1].id", "services[2].id");
    }

    @Test
    void everyBrokenFieldIsReportedAtOnce() {
        Rejection rejection = rejectionOf(ProfileRules.validate(aProfile()
                .buffer(LocationType.ONLINE, 5, 15)
                .services(aService().name(" ").durations(45, 7).build()).build()));

        assertThat(fieldsOf(rejection)).containsExactly("buffers.online.before", "services[0].name", "services[0].durationOptions[1]");
        assertThat(rejection.detail()).isEqualTo("3 fields are invalid");
    }
}
