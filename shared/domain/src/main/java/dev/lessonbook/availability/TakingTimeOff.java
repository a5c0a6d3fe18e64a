package dev.lessonbook.availability;

import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Permissions.Editor;
import dev.lessonbook.calendar.CalendarDays;
import dev.lessonbook.calendar.TimeOff;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.ProfileStore;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/**
 * PUT and DELETE of a day off (docs/spec.md §4.11) by the instructor or an admin
 * ({@link Permissions#toChangeAvailability}). The stored windows and the bookings of the date are
 * left as they are (availability never mutates bookings); the answer of a PUT says how many
 * lessons the date holds, counted in the same write that closes it, so a booking racing the time
 * off either is among them or is refused by the database.
 */
public final class TakingTimeOff {
    private final ProfileStore profiles;
    private final CalendarDays calendar;
    private final Clock clock;

    public TakingTimeOff(ProfileStore profiles, CalendarDays calendar, Clock clock) {
        this.profiles = profiles;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** The day off and the lessons it holds. */
    public record Taken(TimeOff timeOff, int confirmedBookings) {}

    public Result<Taken> take(Editor editor, TimeOff timeOff) {
        return notPast(editor.instructorId(), timeOff.date())
                .map(date -> new Taken(timeOff, calendar.takeOff(editor.instructorId(), timeOff)));
    }

    /** Ends a day off; a date that is not off is 404. */
    public Result<LocalDate> end(Editor editor, LocalDate date) {
        return notPast(editor.instructorId(), date).flatMap(day -> calendar.removeTimeOff(editor.instructorId(), day)
                ? Result.ok(day)
                : Result.rejected(ProblemCode.NOT_FOUND, "No time off on " + day));
    }

    /** 404 without a profile (its timezone says what today is), 422 PAST_DATE before today: the past is not changed. */
    private Result<LocalDate> notPast(String instructorId, LocalDate date) {
        return profiles.require(instructorId).flatMap(profile -> {
            LocalDate today = localToday(profile);
            if (date.isBefore(today)) {
                return Result.rejected(Rejection.of(ProblemCode.PAST_DATE, "Date " + date + " is in the past (today is "
                        + today + " in " + profile.timezone().getId() + ")").with(new WeekExtras.OnDate(date)));
            }
            return Result.ok(date);
        });
    }

    private LocalDate localToday(InstructorProfile profile) {
        return LocalDate.now(clock.withZone(profile.timezone()));
    }

    /** A reason as given: blank counts as none. */
    public static Optional<String> reason(String given) {
        return Optional.ofNullable(given).filter(text -> !text.isBlank());
    }
}
