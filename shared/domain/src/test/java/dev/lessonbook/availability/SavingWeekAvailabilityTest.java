package dev.lessonbook.availability;

import static dev.lessonbook.fixtures.Results.rejectionOf;
import static dev.lessonbook.fixtures.Results.valueOf;
import static dev.lessonbook.fixtures.Weeks.MONDAY;
import static dev.lessonbook.fixtures.Weeks.add;
import static dev.lessonbook.fixtures.Weeks.command;
import static dev.lessonbook.fixtures.Weeks.replace;
import static dev.lessonbook.fixtures.Weeks.week;
import static dev.lessonbook.fixtures.Weeks.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Role;
import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.event.AvailabilityWeekSaved;
import dev.lessonbook.fixtures.InMemoryAvailabilityStore;
import dev.lessonbook.fixtures.InMemoryProfileStore;
import dev.lessonbook.fixtures.Profiles;
import dev.lessonbook.fixtures.Weeks;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SavingWeekAvailabilityTest {
    /** Tuesday 2026-12-01, noon in New York: Monday 2026-11-30 is past, the week of 2026-12-07 is all ahead. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T17:00:00Z"), ZoneOffset.UTC);
    private static final String THIS_WEEK = "2026-11-30";

    private final InMemoryProfileStore profiles = new InMemoryProfileStore().with(Profiles.aProfile().build());
    private final InMemoryAvailabilityStore weeks = new InMemoryAvailabilityStore();
    private final SavingWeekAvailability saving = new SavingWeekAvailability(profiles, weeks, CLOCK);

    private Map<String, List<TimeWindow>> storedDays(String weekStart) {
        return WeekView.days(weeks.findWeekOrEmpty(Profiles.INSTRUCTOR, LocalDate.parse(weekStart)).week());
    }

    private static List<TimeWindow> windows(String... startEndPairs) {
        return java.util.stream.IntStream.range(0, startEndPairs.length / 2)
                .mapToObj(i -> new TimeWindow(Weeks.minutes(startEndPairs[2 * i]), Weeks.minutes(startEndPairs[2 * i + 1])))
                .toList();
    }

    @Test
    void savedWeekReadsBackSortedAndMerged() {
        WeekView saved = valueOf(saving.save(replace(MONDAY,
                window("2026-12-08", "11:00", "12:00"),
                window("2026-12-07", "10:00", "11:00"),
                window("2026-12-07", "09:00", "10:00"))));

        assertThat(saved.days()).containsExactly(
                Map.entry("2026-12-07", windows("09:00", "11:00")),
                Map.entry("2026-12-08", windows("11:00", "12:00")));
        assertThat(saved.timezone()).isEqualTo(Profiles.NEW_YORK);
        assertThat(saved.version()).isEqualTo(WeekVersion.of(saved.versioned().week()));
        assertThat(saved.etag()).isEqualTo("\"" + saved.version() + "\"");
    }

    @Test
    void anAdminMaySaveAnyInstructorsWeek() {
        valueOf(saving.save(command(new Caller("root", Role.ADMIN), MONDAY, true, Optional.empty(),
                window("2026-12-07", "09:00", "10:00"))));

        assertThat(storedDays(MONDAY)).containsKey("2026-12-07");
    }

    @Test
    void instructorWithoutProfileCannotSaveAvailability() {
        SavingWeekAvailability withoutProfiles = new SavingWeekAvailability(new InMemoryProfileStore(), weeks, CLOCK);

        Rejection rejection = rejectionOf(withoutProfiles.save(replace(MONDAY, window("2026-12-07", "09:00", "10:00"))));

        assertThat(rejection.code()).isEqualTo(ProblemCode.NOT_FOUND);
        assertThat(weeks.saves).isZero();
    }

    @Test
    void replacingClearsDaysNotInThePayload() {
        weeks.with(week(MONDAY, window("2026-12-07", "09:00", "10:00"), window("2026-12-09", "09:00", "10:00")));

        valueOf(saving.save(replace(MONDAY, window("2026-12-08", "13:00", "14:00"))));

        assertThat(storedDays(MONDAY)).containsOnlyKeys("2026-12-08");
    }

    @Test
    void replacingKeepsWhatIsStoredOnPastDates() {
        weeks.with(week(THIS_WEEK, window("2026-11-30", "09:00", "10:00"), window("2026-12-02", "09:00", "10:00")));

        valueOf(saving.save(replace(THIS_WEEK, window("2026-12-03", "13:00", "14:00"))));

        assertThat(storedDays(THIS_WEEK)).containsOnlyKeys("2026-11-30", "2026-12-03");
    }

    @Test
    void addingMergesThePayloadIntoTheStoredWeek() {
        weeks.with(week(MONDAY, window("2026-12-07", "09:00", "10:00")));

        valueOf(saving.save(add(MONDAY, window("2026-12-07", "11:00", "12:00"), window("2026-12-08", "09:00", "10:00"))));

        assertThat(storedDays(MONDAY)).containsExactly(
                Map.entry("2026-12-07", windows("09:00", "10:00", "11:00", "12:00")),
                Map.entry("2026-12-08", windows("09:00", "10:00")));
    }

    @Test
    void addingAWindowIdenticalToAStoredOneChangesNothing() {
        weeks.with(week(MONDAY, window("2026-12-07", "09:00", "11:00")));
        String before = weeks.findWeekOrEmpty(Profiles.INSTRUCTOR, LocalDate.parse(MONDAY)).version();

        WeekView saved = valueOf(saving.save(add(MONDAY, window("2026-12-07", "09:00", "11:00"))));

        assertThat(saved.version()).isEqualTo(before);
    }

    @Test
    void addingAWindowThatOverlapsAStoredOneIsRejectedAndNothingIsWritten() {
        weeks.with(week(MONDAY, window("2026-12-07", "10:00", "11:00")));

        Rejection rejection = rejectionOf(saving.save(add(MONDAY,
                window("2026-12-08", "09:00", "10:00"),
                window("2026-12-07", "10:30", "11:30"))));

        assertThat(rejection.code()).isEqualTo(ProblemCode.AVAILABILITY_OVERLAP);
        assertThat(rejection.detail()).isEqualTo("Overlapping window on 2026-12-07: 10:30–11:30 conflicts with 10:00–11:00");
        assertThat(rejection.extra(WeekExtras.Overlap.class)).get().extracting(WeekExtras.Overlap::conflictsWith)
                .isEqualTo(new WeekExtras.Times("10:00", "11:00"));
        assertThat(weeks.saves).isZero();
    }

    @Test
    void addingAWindowInsideAStoredOneIsAnOverlap() {
        weeks.with(week(MONDAY, window("2026-12-07", "09:00", "12:00")));

        assertThat(rejectionOf(saving.save(add(MONDAY, window("2026-12-07", "10:00", "11:00")))).detail())
                .isEqualTo("Overlapping window on 2026-12-07: 10:00–11:00 conflicts with 09:00–12:00");
    }

    @Test
    void addingATouchingWindowMergesWithTheStoredOne() {
        weeks.with(week(MONDAY, window("2026-12-07", "09:00", "10:00")));

        valueOf(saving.save(add(MONDAY, window("2026-12-07", "10:00", "11:00"))));

        assertThat(storedDays(MONDAY)).containsEntry("2026-12-07", windows("09:00", "11:00"));
    }

    @Test
    void ifMatchWithTheCurrentVersionQuotedOrBareIsAccepted() {
        weeks.with(week(MONDAY, window("2026-12-07", "09:00", "10:00")));
        String version = weeks.findWeekOrEmpty(Profiles.INSTRUCTOR, LocalDate.parse(MONDAY)).version();

        WeekView quoted = valueOf(saving.save(command(Weeks.INSTRUCTOR, MONDAY, true, Optional.of("\"" + version + "\""),
                window("2026-12-07", "09:00", "10:00"))));
        WeekView bare = valueOf(saving.save(command(Weeks.INSTRUCTOR, MONDAY, true, Optional.of(quoted.version()),
                window("2026-12-07", "13:00", "14:00"))));

        assertThat(bare.days()).containsEntry("2026-12-07", windows("13:00", "14:00"));
    }

    @Test
    void ifMatchWithAnotherVersionIsRejectedWithTheCurrentVersion() {
        weeks.with(week(MONDAY, window("2026-12-07", "09:00", "10:00")));
        String current = weeks.findWeekOrEmpty(Profiles.INSTRUCTOR, LocalDate.parse(MONDAY)).version();

        Rejection rejection = rejectionOf(saving.save(command(Weeks.INSTRUCTOR, MONDAY, true, Optional.of("\"stale\""),
                window("2026-12-07", "13:00", "14:00"))));

        assertThat(rejection.code()).isEqualTo(ProblemCode.VERSION_MISMATCH);
        assertThat(rejection.code().status()).isEqualTo(412);
        assertThat(rejection.extra(WeekExtras.CurrentVersion.class)).contains(new WeekExtras.CurrentVersion(current));
        assertThat(weeks.saves).isZero();
    }

    @Test
    void ifMatchOfTheEmptyVersionMatchesAWeekNeverSaved() {
        valueOf(saving.save(command(Weeks.INSTRUCTOR, MONDAY, true, Optional.of(WeekVersion.EMPTY),
                window("2026-12-07", "13:00", "14:00"))));
    }

    @Test
    void aWriteThatLosesItsIfMatchRaceIsAVersionMismatch() {
        weeks.changeConcurrently(1, current -> week(MONDAY, window("2026-12-09", "08:00", "09:00")));

        Rejection rejection = rejectionOf(saving.save(command(Weeks.INSTRUCTOR, MONDAY, true, Optional.of(WeekVersion.EMPTY),
                window("2026-12-07", "13:00", "14:00"))));

        assertThat(rejection.code()).isEqualTo(ProblemCode.VERSION_MISMATCH);
        assertThat(rejection.extra(WeekExtras.CurrentVersion.class)).contains(new WeekExtras.CurrentVersion(
                WeekVersion.of(week(MONDAY, window("2026-12-09", "08:00", "09:00")))));
    }

    @Test
    void concurrentMergesWithoutIfMatchAreBothKept() {
        weeks.changeConcurrently(1, current -> week(MONDAY, window("2026-12-09", "08:00", "09:00")));

        valueOf(saving.save(add(MONDAY, window("2026-12-07", "13:00", "14:00"))));

        assertThat(storedDays(MONDAY)).containsOnlyKeys("2026-12-07", "2026-12-09");
        assertThat(weeks.events).hasSize(1);
    }

    @Test
    void aMergeThatKeepsLosingTheRaceGivesUpWithServiceUnavailable() {
        weeks.changeConcurrently(SavingWeekAvailability.MERGE_ATTEMPTS,
                current -> current.day(LocalDate.parse("2026-12-09")).isEmpty()
                        ? week(MONDAY, window("2026-12-09", "08:00", "09:00"))
                        : week(MONDAY));

        assertThat(rejectionOf(saving.save(add(MONDAY, window("2026-12-07", "13:00", "14:00")))).code())
                .isEqualTo(ProblemCode.SERVICE_UNAVAILABLE);
        assertThat(weeks.saves).isEqualTo(SavingWeekAvailability.MERGE_ATTEMPTS);
    }

    @Test
    void replacingWithoutIfMatchIsLastWriterWins() {
        weeks.changeConcurrently(1, current -> week(MONDAY, window("2026-12-09", "08:00", "09:00")));

        valueOf(saving.save(replace(MONDAY, window("2026-12-07", "13:00", "14:00"))));

        assertThat(storedDays(MONDAY)).containsOnlyKeys("2026-12-07");
        assertThat(weeks.saves).isEqualTo(1);
    }

    @Test
    void savingTheSameWeekTwiceGivesTheSameVersion() {
        WeekView first = valueOf(saving.save(replace(MONDAY, window("2026-12-07", "09:00", "10:00"))));
        WeekView second = valueOf(saving.save(replace(MONDAY, window("2026-12-07", "09:00", "10:00"))));

        assertThat(second.version()).isEqualTo(first.version());
    }

    @Test
    void aSaveEmitsOneSelfContainedEvent() {
        WeekView saved = valueOf(saving.save(replace(MONDAY,
                window("2026-12-07", "09:00", "10:00"), window("2026-12-07", "10:00", "12:00"))));

        assertThat(weeks.events).hasSize(1);
        assertThat(weeks.events.get(0)).isInstanceOf(AvailabilityWeekSaved.class);
        AvailabilityWeekSaved event = (AvailabilityWeekSaved) weeks.events.get(0);
        assertThat(event.occurredAt()).isEqualTo(CLOCK.instant());
        assertThat(event.instructorId()).isEqualTo(Profiles.INSTRUCTOR);
        assertThat(event.eventId()).isNotBlank();
        assertThat(event.weekStart()).isEqualTo(LocalDate.parse(MONDAY));
        assertThat(event.timezone()).isEqualTo(saved.timezone());
        assertThat(event.version()).isEqualTo(saved.version());
        assertThat(event.days()).isEqualTo(Map.of(LocalDate.parse("2026-12-07"), List.of(new TimeWindow(9 * 60, 12 * 60))));
    }

    @Test
    void aRejectedSaveWritesNothingAndEmitsNothing() {
        rejectionOf(saving.save(replace(MONDAY, window("2026-12-07", "09:03", "10:00"))));

        assertThat(weeks.saves).isZero();
        assertThat(weeks.events).isEmpty();
    }
}
