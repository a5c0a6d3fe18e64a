package dev.lessonbook.booking;

import dev.lessonbook.access.Caller;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.ProfileStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * GET an instructor's bookings, every status, by start time. {@code from} and {@code to} are
 * local dates of the instructor's timezone, both included: a lesson belongs to the range when it
 * starts on one of those days. Without {@code from} the range starts today (local); without
 * {@code to} it lasts {@value #DEFAULT_DAYS} days. At most {@value #MAX_DAYS} days per request.
 */
public final class ListingInstructorBookings {
    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 366;

    private final ProfileStore profiles;
    private final BookingStore bookings;
    private final Clock clock;

    public ListingInstructorBookings(ProfileStore profiles, BookingStore bookings, Clock clock) {
        this.profiles = profiles;
        this.bookings = bookings;
        this.clock = clock;
    }

    public Result<List<Booking>> list(Caller caller, String instructorId, Optional<LocalDate> from, Optional<LocalDate> to) {
        if (!caller.actsFor(instructorId)) {
            return Result.rejected(ProblemCode.FORBIDDEN, "Only the instructor or an admin may list these bookings");
        }
        return profiles.require(instructorId).flatMap(profile -> list(profile, from, to));
    }

    private Result<List<Booking>> list(InstructorProfile profile, Optional<LocalDate> from, Optional<LocalDate> to) {
        LocalDate first = from.orElseGet(() -> LocalDate.now(clock.withZone(profile.timezone())));
        LocalDate last = to.orElseGet(() -> first.plusDays(DEFAULT_DAYS - 1));
        if (last.isBefore(first)) {
            return Result.rejected(Rejection.validation(List.of(new Rejection.FieldError("to", "must not be before from"))));
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            return Result.rejected(Rejection.validation(List.of(
                    new Rejection.FieldError("to", "a range covers at most " + MAX_DAYS + " days"))));
        }
        return Result.ok(bookings.findByInstructor(profile.instructorId(),
                first.atStartOfDay(profile.timezone()).toInstant(),
                last.plusDays(1).atStartOfDay(profile.timezone()).toInstant()));
    }
}
