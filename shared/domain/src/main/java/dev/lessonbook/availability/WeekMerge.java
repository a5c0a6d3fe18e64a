package dev.lessonbook.availability;

import dev.lessonbook.problem.Result;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How a payload that passed {@link WeekRules} combines with the stored week (docs/spec.md §4.6). Dates
 * before the instructor's local today are never changed by a save: with {@code clearExisting}
 * they keep what is stored, and without it the payload cannot name them (rule 4).
 */
public final class WeekMerge {

    private WeekMerge() {}

    public static Result<WeekAvailability> apply(WeekAvailability stored, SaveWeekCommand command, LocalDate localToday) {
        WeekAvailability payload = fromWindows(stored.instructorId(), stored.weekStart(), command.windows());
        if (command.clearExisting()) {
            return Result.ok(eachDay(stored, date -> date.isBefore(localToday) ? stored.day(date) : payload.day(date)));
        }
        return AvailabilityOverlap.firstAgainst(command.windows(), stored)
                .<Result<WeekAvailability>>map(overlap -> Result.rejected(overlap.rejection()))
                .orElseGet(() -> Result.ok(eachDay(stored, date -> stored.day(date).union(payload.day(date)))));
    }

    /** The week whose open slots are exactly the union of {@code windows} (on the grid, inside the week). */
    public static WeekAvailability fromWindows(String instructorId, LocalDate weekStart, List<WindowOnDate> windows) {
        Map<LocalDate, DaySlots> days = new HashMap<>();
        for (WindowOnDate window : windows) {
            days.merge(window.date(), DaySlots.empty().open(window.startMinute(), window.endMinute()), DaySlots::union);
        }
        return new WeekAvailability(instructorId, weekStart, days);
    }

    private static WeekAvailability eachDay(WeekAvailability stored, Function<LocalDate, DaySlots> slotsOf) {
        Map<LocalDate, DaySlots> days = new HashMap<>();
        for (int offset = 0; offset < 7; offset++) {
            LocalDate date = stored.weekStart().plusDays(offset);
            days.put(date, slotsOf.apply(date));
        }
        return new WeekAvailability(stored.instructorId(), stored.weekStart(), days);
    }
}
