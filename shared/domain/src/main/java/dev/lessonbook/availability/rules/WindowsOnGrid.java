package dev.lessonbook.availability.rules;

import dev.lessonbook.availability.DaySlots;
import dev.lessonbook.availability.WeekExtras;
import dev.lessonbook.availability.WeekRule;
import dev.lessonbook.availability.WeekSaveCheck;
import dev.lessonbook.availability.WindowOnDate;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.util.Optional;

/**
 * docs/spec.md §4.3: {@code 00:00 ≤ start < end ≤ 24:00}, both on the 5-minute grid. Nothing is rounded
 * and nothing is split across midnight: a window the bitmap cannot hold exactly is refused.
 */
public final class WindowsOnGrid implements WeekRule {
    private static final int END_OF_DAY = 24 * 60;

    @Override
    public Optional<Rejection> check(WeekSaveCheck save) {
        return save.command().windows().stream()
                .filter(window -> !isValid(window))
                .findFirst()
                .map(WindowsOnGrid::rejection);
    }

    private static boolean isValid(WindowOnDate window) {
        return window.startMinute() >= 0 && window.startMinute() < window.endMinute() && window.endMinute() <= END_OF_DAY
                && window.startMinute() % DaySlots.SLOT_MINUTES == 0 && window.endMinute() % DaySlots.SLOT_MINUTES == 0;
    }

    private static Rejection rejection(WindowOnDate window) {
        WeekExtras.Times sent = WeekExtras.Times.of(window.startMinute(), window.endMinute());
        return Rejection.of(ProblemCode.INVALID_TIME,
                        "Invalid window on " + window.date() + ": " + sent.start() + "–" + sent.end()
                                + " (times must be on the 5-minute grid, start before end, within 00:00–24:00)")
                .with(new WeekExtras.InvalidWindow(window.date(), sent));
    }
}
