package dev.lessonbook.availability;

import dev.lessonbook.access.Caller;
import dev.lessonbook.calendar.CalendarDay;
import dev.lessonbook.calendar.CalendarDays;
import dev.lessonbook.calendar.DateRange;
import dev.lessonbook.calendar.TimeOff;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.ProfileStore;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * GET an instructor's days off in a range of local dates ({@link DateRange}: today and 30 days by
 * default, at most 366), by date. Reasons are the instructor's own: only they and admins read them.
 */
public final class ListingTimeOff {
    private final ProfileStore profiles;
    private final CalendarDays calendar;
    private final Clock clock;

    public ListingTimeOff(ProfileStore profiles, CalendarDays calendar, Clock clock) {
        this.profiles = profiles;
        this.calendar = calendar;
        this.clock = clock;
    }

    public Result<List<TimeOff>> list(Caller caller, String instructorId, Optional<LocalDate> from, Optional<LocalDate> to) {
        if (!caller.actsFor(instructorId)) {
            return Result.rejected(ProblemCode.FORBIDDEN, "Only the instructor or an admin may list this time off");
        }
        return profiles.require(instructorId)
                .flatMap(profile -> DateRange.of(from, to, LocalDate.now(clock.withZone(profile.timezone()))))
                .map(range -> calendar.find(instructorId, range.from(), range.to()).values().stream()
                        .map(CalendarDay::timeOff)
                        .flatMap(Optional::stream)
                        .sorted(java.util.Comparator.comparing(TimeOff::date))
                        .toList());
    }
}
