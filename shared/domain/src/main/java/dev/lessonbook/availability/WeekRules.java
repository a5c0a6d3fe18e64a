package dev.lessonbook.availability;

import dev.lessonbook.availability.rules.NoOverlapInPayload;
import dev.lessonbook.availability.rules.NoPastDates;
import dev.lessonbook.availability.rules.WeekStartsOnMonday;
import dev.lessonbook.availability.rules.WindowsInWeek;
import dev.lessonbook.availability.rules.WindowsOnGrid;
import dev.lessonbook.problem.Rejection;
import java.util.List;
import java.util.Optional;

/**
 * The payload rules of docs/spec.md §4, 1–5, in order; the first failure answers.
 *
 * <p>Ordering across windows is rule-major: rule 2 is checked for every window (in payload order)
 * before rule 3 is checked for any, and so on. So a payload with a date outside the week and a
 * time off the grid answers {@code DATE_OUTSIDE_WEEK} whichever window comes first — the answer
 * depends on the rules broken, never on the order the client happened to list its windows.
 * Within one rule, the first offending window in payload order is named.
 */
public final class WeekRules {
    /** docs/spec.md §9: at most 200 windows per week. */
    public static final int MAX_WINDOWS = 200;

    private static final List<WeekRule> RULES = List.of(
            new WeekStartsOnMonday(),
            new WindowsInWeek(),
            new WindowsOnGrid(),
            new NoPastDates(),
            new NoOverlapInPayload());

    private WeekRules() {}

    public static Optional<Rejection> check(WeekSaveCheck save) {
        if (save.command().windows().size() > MAX_WINDOWS) {
            return Optional.of(Rejection.validation(List.of(new Rejection.FieldError(
                    "windows", "at most " + MAX_WINDOWS + " windows per week, got " + save.command().windows().size()))));
        }
        return RULES.stream().map(rule -> rule.check(save)).flatMap(Optional::stream).findFirst();
    }
}
