package dev.lessonbook.availability;

import static dev.lessonbook.fixtures.Weeks.MONDAY;
import static dev.lessonbook.fixtures.Weeks.replace;
import static dev.lessonbook.fixtures.Weeks.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.fixtures.Profiles;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WeekRulesTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 8);

    private static Optional<Rejection> check(SaveWeekCommand command) {
        return WeekRules.check(new WeekSaveCheck(command, Profiles.NEW_YORK, TODAY));
    }

    private static Rejection rejected(SaveWeekCommand command) {
        return check(command).orElseThrow(() -> new AssertionError("expected a rejection"));
    }

    @Test
    void weekStartThatIsNotAMondayIsRejected() {
        Rejection rejection = rejected(replace("2026-12-08", window("2026-12-08", "09:00", "10:00")));

        assertThat(rejection.code()).isEqualTo(ProblemCode.INVALID_WEEK_START);
        assertThat(rejection.detail()).isEqualTo("Week start 2026-12-08 is a Tuesday; weeks start on a Monday");
    }

    @Test
    void windowOnADateOutsideTheWeekIsRejected() {
        Rejection rejection = rejected(replace(MONDAY, window("2026-12-14", "09:00", "10:00")));

        assertThat(rejection.code()).isEqualTo(ProblemCode.DATE_OUTSIDE_WEEK);
        assertThat(rejection.extra(WeekExtras.OnDate.class)).contains(new WeekExtras.OnDate(LocalDate.parse("2026-12-14")));
    }

    @Test
    void sundayIsInsideTheWeek() {
        assertThat(check(replace(MONDAY, window("2026-12-13", "09:00", "10:00")))).isEmpty();
    }

    @Test
    void windowOffTheFiveMinuteGridIsRejectedNamingTheWindow() {
        Rejection rejection = rejected(replace(MONDAY, window(MONDAY, "09:03", "10:00")));

        assertThat(rejection.code()).isEqualTo(ProblemCode.INVALID_TIME);
        assertThat(rejection.detail()).isEqualTo("Invalid window on 2026-12-07: 09:03–10:00 (times must be on the "
                + "5-minute grid, start before end, within 00:00–24:00)");
    }

    @Test
    void windowThatEndsBeforeItStartsIsRejected() {
        assertThat(rejected(replace(MONDAY, window(MONDAY, "10:00", "09:00"))).code()).isEqualTo(ProblemCode.INVALID_TIME);
    }

    @Test
    void emptyWindowIsRejected() {
        assertThat(rejected(replace(MONDAY, window(MONDAY, "10:00", "10:00"))).code()).isEqualTo(ProblemCode.INVALID_TIME);
    }

    @Test
    void windowPastTheEndOfTheDayIsRejected() {
        assertThat(rejected(replace(MONDAY, window(MONDAY, "23:00", "24:05"))).code()).isEqualTo(ProblemCode.INVALID_TIME);
    }

    @Test
    void windowEndingAtTwentyFourHundredIsAccepted() {
        assertThat(check(replace(MONDAY, window("2026-12-09", "23:00", "24:00")))).isEmpty();
    }

    @Test
    void dateBeforeTheInstructorsLocalTodayIsRejected() {
        Rejection rejection = rejected(replace(MONDAY, window("2026-12-07", "09:00", "10:00")));

        assertThat(rejection.code()).isEqualTo(ProblemCode.PAST_DATE);
        assertThat(rejection.extra(WeekExtras.OnDate.class)).contains(new WeekExtras.OnDate(LocalDate.parse("2026-12-07")));
    }

    @Test
    void todayIsNotInThePast() {
        assertThat(check(replace(MONDAY, window("2026-12-08", "00:00", "01:00")))).isEmpty();
    }

    @Test
    void overlappingWindowsOfThePayloadAreRejectedNamingTheLaterOne() {
        Rejection rejection = rejected(replace(MONDAY,
                window("2026-12-09", "10:30", "11:30"),
                window("2026-12-09", "10:00", "11:00")));

        assertThat(rejection.code()).isEqualTo(ProblemCode.AVAILABILITY_OVERLAP);
        assertThat(rejection.code().status()).isEqualTo(409);
        assertThat(rejection.detail()).isEqualTo("Overlapping window on 2026-12-09: 10:30–11:30 conflicts with 10:00–11:00");
        assertThat(rejection.extra(WeekExtras.Overlap.class)).contains(new WeekExtras.Overlap(LocalDate.parse("2026-12-09"),
                new WeekExtras.Times("10:30", "11:30"), new WeekExtras.Times("10:00", "11:00")));
    }

    @Test
    void windowsStartingTogetherNameTheLaterOneInPayloadOrder() {
        Rejection rejection = rejected(replace(MONDAY,
                window("2026-12-09", "10:00", "12:00"),
                window("2026-12-09", "10:00", "11:00")));

        assertThat(rejection.detail()).isEqualTo("Overlapping window on 2026-12-09: 10:00–11:00 conflicts with 10:00–12:00");
    }

    @Test
    void touchingWindowsAreAccepted() {
        assertThat(check(replace(MONDAY, window("2026-12-09", "10:00", "11:00"), window("2026-12-09", "11:00", "12:00"))))
                .isEmpty();
    }

    @Test
    void windowsOnDifferentDatesNeverOverlap() {
        assertThat(check(replace(MONDAY, window("2026-12-09", "10:00", "11:00"), window("2026-12-10", "10:00", "11:00"))))
                .isEmpty();
    }

    @Test
    void rulesAreCheckedRuleByRuleAcrossAllWindows() {
        // The first window breaks rule 3, the second rule 2: rule 2 answers.
        Rejection rejection = rejected(replace(MONDAY,
                window("2026-12-09", "09:03", "10:00"),
                window("2026-12-20", "09:00", "10:00")));

        assertThat(rejection.code()).isEqualTo(ProblemCode.DATE_OUTSIDE_WEEK);
    }

    @Test
    void pastDateAnswersBeforeAnOverlap() {
        Rejection rejection = rejected(replace(MONDAY,
                window("2026-12-09", "10:00", "11:00"),
                window("2026-12-09", "10:30", "11:30"),
                window("2026-12-07", "10:00", "11:00")));

        assertThat(rejection.code()).isEqualTo(ProblemCode.PAST_DATE);
    }

    @Test
    void moreThanTwoHundredWindowsAreRejected() {
        WindowOnDate[] windows = Collections.nCopies(201, window("2026-12-09", "10:00", "10:05")).toArray(WindowOnDate[]::new);

        Rejection rejection = rejected(replace(MONDAY, windows));

        assertThat(rejection.code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
        assertThat(rejection.extra(Rejection.FieldErrors.class).orElseThrow().errors())
                .extracting(Rejection.FieldError::field).containsExactly("windows");
    }

    @Test
    void emptyPayloadPassesTheRules() {
        assertThat(WeekRules.check(new WeekSaveCheck(
                dev.lessonbook.fixtures.Weeks.command(dev.lessonbook.fixtures.Weeks.INSTRUCTOR, MONDAY, true, Optional.empty()),
                Profiles.NEW_YORK, TODAY))).isEmpty();
    }
}
