package dev.lessonbook.availability;

import static dev.lessonbook.fixtures.Profiles.aProfile;
import static dev.lessonbook.fixtures.Results.rejectionOf;
import static dev.lessonbook.fixtures.Results.valueOf;
import static dev.lessonbook.fixtures.Weeks.week;
import static dev.lessonbook.fixtures.Weeks.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Permissions.Editor;
import dev.lessonbook.access.Role;
import dev.lessonbook.event.AvailabilityWeekSaved;
import dev.lessonbook.fixtures.InMemoryAvailabilityStore;
import dev.lessonbook.fixtures.InMemoryProfileStore;
import dev.lessonbook.fixtures.Profiles;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Rejection.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyingAWeekTest {
    /** Wednesday 2026-10-21 12:00 in New York. */
    private static final Instant NOW = Instant.parse("2026-10-21T16:00:00Z");
    private static final LocalDate SOURCE = LocalDate.parse("2026-10-19");
    private static final Editor INSTRUCTOR = Permissions.toChangeAvailability(
            new Caller(Profiles.INSTRUCTOR, Role.INSTRUCTOR), Profiles.INSTRUCTOR).orElseThrow();

    private final InMemoryAvailabilityStore weeks = new InMemoryAvailabilityStore().with(week("2026-10-19",
            window("2026-10-19", "09:00", "12:00"), window("2026-10-22", "14:00", "18:00"), window("2026-10-22", "19:00", "20:00")));
    private final CopyingAWeek copying = new CopyingAWeek(new InMemoryProfileStore().with(aProfile().build()), weeks,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private Map<String, ?> daysOf(String weekStart) {
        return new WeekView(Profiles.NEW_YORK, weeks.findWeekOrEmpty(Profiles.INSTRUCTOR, LocalDate.parse(weekStart))).days();
    }

    @Test
    void eachTargetBecomesTheSourcesPatternReplacingWhatItHadWithOneEventEach() {
        weeks.with(week("2026-11-09", window("2026-11-10", "07:00", "08:00")));

        List<WeekView> copies = valueOf(copying.copy(INSTRUCTOR, SOURCE, List.of(LocalDate.parse("2026-11-09"), LocalDate.parse("2026-11-16"))));

        assertThat(copies).extracting(WeekView::weekStart).containsExactly(LocalDate.parse("2026-11-09"), LocalDate.parse("2026-11-16"));
        assertThat(daysOf("2026-11-09")).containsOnlyKeys("2026-11-09", "2026-11-12");
        assertThat(copies.get(1).days()).isEqualTo(daysOf("2026-11-16")).containsOnlyKeys("2026-11-16", "2026-11-19");
        assertThat(weeks.events).hasSize(2).allMatch(AvailabilityWeekSaved.class::isInstance);
    }

    @Test
    void aCopyAcrossTheFallBackKeepsTheWallClockWindows() {
        // New York falls back on Sunday 2026-11-01: the week of 2026-10-26 holds the change.
        valueOf(copying.copy(INSTRUCTOR, SOURCE, List.of(LocalDate.parse("2026-10-26"))));

        assertThat(daysOf("2026-10-26").toString()).isEqualTo(daysOf("2026-10-19").toString()
                .replace("2026-10-19", "2026-10-26").replace("2026-10-22", "2026-10-29"));
        assertThat(new WeekView(Profiles.NEW_YORK, weeks.findWeekOrEmpty(Profiles.INSTRUCTOR, LocalDate.parse("2026-10-26")))
                .days().get("2026-10-29")).extracting(Object::toString).containsExactly("14:00–18:00", "19:00–20:00");
    }

    @Test
    void intoTheCurrentWeekOnlyTodayAndLaterChange() {
        weeks.with(week("2026-10-19", window("2026-10-19", "09:00", "12:00"), window("2026-10-22", "14:00", "18:00")));
        valueOf(copying.copy(INSTRUCTOR, LocalDate.parse("2026-11-02"), List.of(SOURCE)));

        assertThat(daysOf("2026-10-19")).containsOnlyKeys("2026-10-19");
    }

    @Test
    void aTargetWeekAlreadyPastIsRefusedAndNothingIsWritten() {
        Rejection rejection = rejectionOf(copying.copy(INSTRUCTOR, SOURCE,
                List.of(LocalDate.parse("2026-11-09"), LocalDate.parse("2026-10-12"))));

        assertThat(rejection.code()).isEqualTo(ProblemCode.PAST_DATE);
        assertThat(weeks.saves).isZero();
    }

    @Test
    void targetsThatAreNotMondaysOrRepeatOrAreTheSourceAreRefusedBeforeAnyWrite() {
        assertThat(rejectionOf(copying.copy(INSTRUCTOR, SOURCE, List.of(LocalDate.parse("2026-11-10")))).code())
                .isEqualTo(ProblemCode.INVALID_WEEK_START);
        assertThat(rejectionOf(copying.copy(INSTRUCTOR, SOURCE.plusDays(1), List.of(LocalDate.parse("2026-11-09")))).code())
                .isEqualTo(ProblemCode.INVALID_WEEK_START);
        Rejection fields = rejectionOf(copying.copy(INSTRUCTOR, SOURCE,
                List.of(LocalDate.parse("2026-11-09"), SOURCE, LocalDate.parse("2026-11-09"))));
        assertThat(fields.extra(Rejection.FieldErrors.class).orElseThrow().errors()).containsExactly(
                new FieldError("targetWeekStarts[1]", "is the week copied from"),
                new FieldError("targetWeekStarts[2]", "is listed twice"));
        assertThat(weeks.saves).isZero();
    }

    @Test
    void whenATargetCannotBeWrittenTheOnesWrittenArePutBack() {
        weeks.with(week("2026-11-09", window("2026-11-10", "07:00", "08:00")));
        weeks.failSavesOf(LocalDate.parse("2026-11-16"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> copying.copy(INSTRUCTOR, SOURCE,
                List.of(LocalDate.parse("2026-11-09"), LocalDate.parse("2026-11-16")))).isInstanceOf(IllegalStateException.class);

        assertThat(daysOf("2026-11-09")).containsOnlyKeys("2026-11-10");
    }
}
