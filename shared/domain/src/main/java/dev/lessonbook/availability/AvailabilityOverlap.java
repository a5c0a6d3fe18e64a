package dev.lessonbook.availability;

import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Two windows of one date that overlap (touching is not overlapping): the 409 of docs/spec.md §4.5 and
 * §4.6. {@code window} is the one being refused, {@code conflictsWith} the one it collides with.
 *
 * <p>When a payload holds several overlaps, the one reported is on the earliest date, and on that
 * date the earliest-starting window that overlaps one before it (ties in start broken by payload
 * order), paired with the earliest-starting window it overlaps.
 */
public record AvailabilityOverlap(LocalDate date, TimeWindow window, TimeWindow conflictsWith) {

    /** The first overlap between windows of the payload itself (windows already on the grid). */
    public static Optional<AvailabilityOverlap> firstWithin(List<WindowOnDate> payload) {
        for (var day : byDateInStartOrder(payload).entrySet()) {
            List<TimeWindow> windows = day.getValue();
            for (int later = 1; later < windows.size(); later++) {
                for (int earlier = 0; earlier < later; earlier++) {
                    if (windows.get(earlier).overlaps(windows.get(later))) {
                        return Optional.of(new AvailabilityOverlap(day.getKey(), windows.get(later), windows.get(earlier)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The first payload window that overlaps a stored window without being identical to it. Stored
     * windows are compared as read back (merged), so re-sending exactly what a read returned is a no-op.
     */
    public static Optional<AvailabilityOverlap> firstAgainst(List<WindowOnDate> payload, WeekAvailability stored) {
        for (var day : byDateInStartOrder(payload).entrySet()) {
            List<TimeWindow> storedWindows = stored.day(day.getKey()).windows();
            for (TimeWindow window : day.getValue()) {
                if (storedWindows.contains(window)) {
                    continue;
                }
                for (TimeWindow existing : storedWindows) {
                    if (existing.overlaps(window)) {
                        return Optional.of(new AvailabilityOverlap(day.getKey(), window, existing));
                    }
                }
            }
        }
        return Optional.empty();
    }

    public Rejection rejection() {
        return Rejection.of(ProblemCode.AVAILABILITY_OVERLAP,
                        "Overlapping window on " + date + ": " + window + " conflicts with " + conflictsWith)
                .with(new WeekExtras.Overlap(date, WeekExtras.Times.of(window), WeekExtras.Times.of(conflictsWith)));
    }

    /** Dates ascending; each date's windows by start, a stable sort so equal starts keep payload order. */
    private static TreeMap<LocalDate, List<TimeWindow>> byDateInStartOrder(List<WindowOnDate> payload) {
        TreeMap<LocalDate, List<TimeWindow>> byDate = new TreeMap<>();
        for (WindowOnDate window : payload) {
            byDate.computeIfAbsent(window.date(), date -> new ArrayList<>())
                    .add(new TimeWindow(window.startMinute(), window.endMinute()));
        }
        byDate.values().forEach(windows -> windows.sort(Comparator.comparingInt(TimeWindow::startMinute)));
        return byDate;
    }
}
