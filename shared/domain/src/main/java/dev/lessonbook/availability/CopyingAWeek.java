package dev.lessonbook.availability;

import dev.lessonbook.access.Permissions.Editor;
import dev.lessonbook.availability.AvailabilityStore.VersionedWeek;
import dev.lessonbook.availability.rules.WeekStartsOnMonday;
import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Rejection.FieldError;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.ProfileStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * POST a week's pattern onto other weeks (docs/spec.md §4.12): each target becomes the source's
 * windows on the same weekdays, replacing what it had, as a save with {@code clearExisting: true}
 * ({@link SavingWeekAvailability}: one transaction per target with its {@code AvailabilityWeekSaved}
 * and its cache invalidations; days before the local today keep what is stored). Windows are
 * wall-clock times of local dates, so a copy across a DST change keeps them.
 *
 * <p>All or nothing: every target is checked before anything is written, and a target that
 * cannot be written after others were (an outage) puts those back as they were before the
 * request, each again by a save, before the failure answers. A week holds 8 items, so 52 targets
 * cannot share one DynamoDB transaction (100 items).
 */
public final class CopyingAWeek {
    public static final int MAX_TARGETS = 52;

    private final ProfileStore profiles;
    private final AvailabilityStore weeks;
    private final SavingWeekAvailability saving;
    private final Clock clock;

    public CopyingAWeek(ProfileStore profiles, AvailabilityStore weeks, Clock clock) {
        this.profiles = profiles;
        this.weeks = weeks;
        this.saving = new SavingWeekAvailability(profiles, weeks, clock);
        this.clock = clock;
    }

    public Result<List<WeekView>> copy(Editor editor, LocalDate sourceWeek, List<LocalDate> targetWeeks) {
        return profiles.require(editor.instructorId()).flatMap(profile -> checked(profile, sourceWeek, targetWeeks))
                .flatMap(today -> copyAll(editor, sourceWeek, targetWeeks, today));
    }

    /** The instructor's local today, once every target is one that can be written. */
    private Result<LocalDate> checked(InstructorProfile profile, LocalDate sourceWeek, List<LocalDate> targetWeeks) {
        Optional<Rejection> notMonday = WeekStartsOnMonday.check(sourceWeek);
        if (notMonday.isPresent()) {
            return Result.rejected(notMonday.get());
        }
        List<FieldError> errors = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        for (int index = 0; index < targetWeeks.size(); index++) {
            LocalDate target = targetWeeks.get(index);
            String field = "targetWeekStarts[" + index + "]";
            if (target.equals(sourceWeek)) {
                errors.add(new FieldError(field, "is the week copied from"));
            } else if (!seen.add(target)) {
                errors.add(new FieldError(field, "is listed twice"));
            }
        }
        if (!errors.isEmpty()) {
            return Result.rejected(Rejection.validation(errors));
        }
        LocalDate today = LocalDate.now(clock.withZone(profile.timezone()));
        for (LocalDate target : targetWeeks) {
            Optional<Rejection> notTargetMonday = WeekStartsOnMonday.check(target);
            if (notTargetMonday.isPresent()) {
                return Result.rejected(notTargetMonday.get());
            }
            if (target.plusDays(6).isBefore(today)) {
                return Result.rejected(Rejection.of(ProblemCode.PAST_DATE, "The week of " + target
                        + " is in the past (today is " + today + " in " + profile.timezone().getId() + ")")
                        .with(new WeekExtras.OnDate(target)));
            }
        }
        return Result.ok(today);
    }

    private Result<List<WeekView>> copyAll(Editor editor, LocalDate sourceWeek, List<LocalDate> targetWeeks, LocalDate today) {
        WeekAvailability source = weeks.findWeekOrEmpty(editor.instructorId(), sourceWeek).week();
        List<VersionedWeek> before = new ArrayList<>();
        List<WeekView> copies = new ArrayList<>();
        for (LocalDate target : targetWeeks) {
            VersionedWeek previous = weeks.findWeekOrEmpty(editor.instructorId(), target);
            Result<WeekView> saved;
            try {
                saved = saving.save(replacing(editor, target, shifted(source, target), today));
            } catch (RuntimeException outage) {
                putBack(editor, before, today);
                throw outage;
            }
            switch (saved) {
                case Result.Ok<WeekView> ok -> {
                    before.add(previous);
                    copies.add(ok.value());
                }
                case Result.Rejected<WeekView> rejected -> {
                    putBack(editor, before, today);
                    return Result.rejected(rejected.rejection());
                }
            }
        }
        return Result.ok(copies);
    }

    /** The source's windows on the same weekdays of {@code target}. */
    private static List<WindowOnDate> shifted(WeekAvailability source, LocalDate target) {
        long days = ChronoUnit.DAYS.between(source.weekStart(), target);
        List<WindowOnDate> windows = new ArrayList<>();
        source.days().forEach((date, slots) -> {
            for (TimeWindow window : slots.windows()) {
                windows.add(new WindowOnDate(date.plusDays(days), window.startMinute(), window.endMinute()));
            }
        });
        return windows;
    }

    /** A replacing save of {@code windows}, less those before today: no save changes the past. */
    private static SaveWeekCommand replacing(Editor editor, LocalDate weekStart, List<WindowOnDate> windows, LocalDate today) {
        return new SaveWeekCommand(editor, weekStart,
                windows.stream().filter(window -> !window.date().isBefore(today)).toList(), true, Optional.empty());
    }

    /** Best effort: a put back that fails too leaves the copy it meant to undo, and the failure answers. */
    private void putBack(Editor editor, List<VersionedWeek> written, LocalDate today) {
        for (VersionedWeek previous : written) {
            WeekAvailability week = previous.week();
            saving.save(replacing(editor, week.weekStart(), shifted(week, week.weekStart()), today));
        }
    }
}
