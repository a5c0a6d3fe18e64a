package dev.lessonbook.booking;

import dev.lessonbook.access.Caller;
import dev.lessonbook.calendar.DateRange;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.ProfileStore;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * GET an instructor's bookings, every status, by start time. {@code from} and {@code to} are
 * local dates of the instructor's timezone, both included: a lesson belongs to the range when it
 * starts on one of those days. Without {@code from} the range starts today (local); without
 * {@code to} it lasts {@value #DEFAULT_DAYS} days. At most {@value #MAX_DAYS} days per request.
 */
public final class ListingInstructorBookings {
    public static final int DEFAULT_DAYS = DateRange.DEFAULT_DAYS;
    public static final int MAX_DAYS = DateRange.MAX_DAYS;

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
        return DateRange.of(from, to, LocalDate.now(clock.withZone(profile.timezone()))).map(range ->
                bookings.findByInstructor(profile.instructorId(),
                        range.from().atStartOfDay(profile.timezone()).toInstant(),
                        range.to().plusDays(1).atStartOfDay(profile.timezone()).toInstant()));
    }
}
