package dev.lessonbook.availability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Role;
import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.problem.Result;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Availability against plain interval arithmetic: merging, overlap detection, versions, save semantics. */
class AvailabilityPropertiesTest {
    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
    private static final Caller INSTRUCTOR = new Caller("ins-1", Role.INSTRUCTOR);

    @Property
    void windowsToBitsToWindowsYieldsTheMergedNormalForm(@ForAll("windowsOfADay") List<TimeWindow> windows) {
        DaySlots slots = DaySlots.empty();
        for (TimeWindow window : windows) {
            slots = slots.open(window.startMinute(), window.endMinute());
        }

        assertThat(slots.windows()).isEqualTo(mergedByIntervalArithmetic(windows));
    }

    @Property
    void payloadOverlapIsFoundExactlyWhenTwoWindowsOfADateOverlap(@ForAll("windowsOfTheWeek") List<WindowOnDate> payload) {
        boolean overlapExists = false;
        for (int i = 0; i < payload.size(); i++) {
            for (int j = i + 1; j < payload.size(); j++) {
                WindowOnDate a = payload.get(i);
                WindowOnDate b = payload.get(j);
                overlapExists |= a.date().equals(b.date()) && a.startMinute() < b.endMinute() && b.startMinute() < a.endMinute();
            }
        }

        Optional<AvailabilityOverlap> found = AvailabilityOverlap.firstWithin(payload);

        assertThat(found.isPresent()).isEqualTo(overlapExists);
        found.ifPresent(overlap -> {
            assertThat(overlap.window().overlaps(overlap.conflictsWith())).isTrue();
            assertThat(overlap.window().startMinute()).isGreaterThanOrEqualTo(overlap.conflictsWith().startMinute());
        });
    }

    @Property
    void theSameContentHasTheSameVersionWhateverTheOrderOfItsWindows(@ForAll("windowsOfTheWeek") List<WindowOnDate> windows) {
        List<WindowOnDate> shuffled = new ArrayList<>(windows);
        Collections.reverse(shuffled);

        assertThat(WeekVersion.of(WeekMerge.fromWindows("ins-1", MONDAY, shuffled)))
                .isEqualTo(WeekVersion.of(WeekMerge.fromWindows("ins-1", MONDAY, windows)));
    }

    @Property
    void replacingMakesTheWeekThePayloadExceptOnPastDates(
            @ForAll("windowsOfTheWeek") List<WindowOnDate> stored,
            @ForAll("disjointWindowsOfTheWeek") List<WindowOnDate> payload,
            @ForAll @IntRange(min = 0, max = 7) int daysPast) {
        LocalDate today = MONDAY.plusDays(daysPast);
        List<WindowOnDate> future = payload.stream().filter(window -> !window.date().isBefore(today)).toList();
        WeekAvailability storedWeek = WeekMerge.fromWindows("ins-1", MONDAY, stored);

        WeekAvailability saved = ok(WeekMerge.apply(storedWeek, command(future, true), today));

        WeekAvailability payloadWeek = WeekMerge.fromWindows("ins-1", MONDAY, future);
        for (int day = 0; day < 7; day++) {
            LocalDate date = MONDAY.plusDays(day);
            assertThat(saved.day(date)).isEqualTo(date.isBefore(today) ? storedWeek.day(date) : payloadWeek.day(date));
        }
    }

    @Property
    void addingUnitesWithTheStoredWeekUnlessAWindowOverlapsAStoredOneWithoutBeingIt(
            @ForAll("windowsOfTheWeek") List<WindowOnDate> stored,
            @ForAll("disjointWindowsOfTheWeek") List<WindowOnDate> payload) {
        WeekAvailability storedWeek = WeekMerge.fromWindows("ins-1", MONDAY, stored);
        boolean collides = payload.stream().anyMatch(window -> {
            List<TimeWindow> storedWindows = storedWeek.day(window.date()).windows();
            TimeWindow asked = new TimeWindow(window.startMinute(), window.endMinute());
            return !storedWindows.contains(asked) && storedWindows.stream().anyMatch(existing ->
                    existing.startMinute() < asked.endMinute() && asked.startMinute() < existing.endMinute());
        });

        Result<WeekAvailability> saved = WeekMerge.apply(storedWeek, command(payload, false), MONDAY);

        assertThat(saved instanceof Result.Rejected<?>).isEqualTo(collides);
        if (saved instanceof Result.Ok<WeekAvailability>(WeekAvailability week)) {
            WeekAvailability payloadWeek = WeekMerge.fromWindows("ins-1", MONDAY, payload);
            for (int day = 0; day < 7; day++) {
                LocalDate date = MONDAY.plusDays(day);
                assertThat(week.day(date)).isEqualTo(storedWeek.day(date).union(payloadWeek.day(date)));
            }
        }
    }

    private static SaveWeekCommand command(List<WindowOnDate> windows, boolean clearExisting) {
        return new SaveWeekCommand(Permissions.toChangeAvailability(INSTRUCTOR, "ins-1").orElseThrow(), MONDAY, windows,
                clearExisting, Optional.empty());
    }

    private static WeekAvailability ok(Result<WeekAvailability> result) {
        return ((Result.Ok<WeekAvailability>) result).value();
    }

    /** The oracle: sort by start, then glue each window onto the previous one when they overlap or touch. */
    private static List<TimeWindow> mergedByIntervalArithmetic(List<TimeWindow> windows) {
        List<TimeWindow> sorted = windows.stream().sorted(Comparator.comparingInt(TimeWindow::startMinute)).toList();
        List<TimeWindow> merged = new ArrayList<>();
        for (TimeWindow window : sorted) {
            TimeWindow last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && window.startMinute() <= last.endMinute()) {
                merged.set(merged.size() - 1, new TimeWindow(last.startMinute(), Math.max(last.endMinute(), window.endMinute())));
            } else {
                merged.add(window);
            }
        }
        return merged;
    }

    @Provide
    Arbitrary<List<TimeWindow>> windowsOfADay() {
        return gridWindow().list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<WindowOnDate>> windowsOfTheWeek() {
        // Few dates and short days make overlaps and touches common.
        Arbitrary<WindowOnDate> window = Combinators.combine(Arbitraries.integers().between(0, 2), gridWindow())
                .as((day, time) -> new WindowOnDate(MONDAY.plusDays(day), time.startMinute(), time.endMinute()));
        return window.list().ofMaxSize(8);
    }

    /** Per date, cut points on the grid: consecutive pairs are windows that never overlap (they may touch). */
    @Provide
    Arbitrary<List<WindowOnDate>> disjointWindowsOfTheWeek() {
        Arbitrary<List<WindowOnDate>> oneDay = Combinators.combine(
                        Arbitraries.integers().between(0, 6),
                        Arbitraries.integers().between(0, DaySlots.SLOTS_PER_DAY).set().ofMaxSize(8),
                        Arbitraries.of(true, false))
                .as((day, cuts, skipEverySecond) -> {
                    List<Integer> sorted = cuts.stream().sorted().toList();
                    List<WindowOnDate> windows = new ArrayList<>();
                    for (int i = 0; i + 1 < sorted.size(); i += skipEverySecond ? 2 : 1) {
                        windows.add(new WindowOnDate(MONDAY.plusDays(day), sorted.get(i) * 5, sorted.get(i + 1) * 5));
                    }
                    return windows;
                });
        return oneDay.list().ofMaxSize(3).map(days -> {
            // One list per date at most, so windows of different lists never share a date.
            List<WindowOnDate> all = new ArrayList<>();
            java.util.Set<LocalDate> seen = new java.util.HashSet<>();
            for (List<WindowOnDate> day : days) {
                if (!day.isEmpty() && seen.add(day.get(0).date())) {
                    all.addAll(day);
                }
            }
            return all;
        });
    }

    private static Arbitrary<TimeWindow> gridWindow() {
        // Windows within 06:00–12:00 so random ones meet often; lengths 5 minutes to 3 hours.
        return Combinators.combine(Arbitraries.integers().between(72, 143), Arbitraries.integers().between(1, 36))
                .as((startSlot, slots) -> new TimeWindow(startSlot * 5, Math.min(144, startSlot + slots) * 5));
    }
}
