package dev.lessonbook.availability;

import dev.lessonbook.access.Caller;
import dev.lessonbook.availability.AvailabilityStore.VersionedWeek;
import dev.lessonbook.availability.rules.WeekStartsOnMonday;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingStore;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.ProfileStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GET a week: the stored availability (SPEC §3.1), or with {@code view=bookable} the stored
 * windows minus the time active bookings keep the instructor busy (SPEC §4.10). Any
 * authenticated caller may read; a week never saved reads as empty with {@link WeekVersion#EMPTY}.
 */
public final class ReadingWeekAvailability {
    /**
     * Bookings are found by start time, but a booking starting before the week (or after it) can
     * reach into it through its lesson and buffers; a day either side covers any lesson (≤ 4 h)
     * plus buffers.
     */
    private static final Duration REACH = Duration.ofDays(1);

    private final ProfileStore profiles;
    private final AvailabilityStore weeks;
    private final BookingStore bookings;
    private final Clock clock;

    public ReadingWeekAvailability(ProfileStore profiles, AvailabilityStore weeks, BookingStore bookings, Clock clock) {
        this.profiles = profiles;
        this.weeks = weeks;
        this.bookings = bookings;
        this.clock = clock;
    }

    /** The stored week. {@code caller} is any authenticated user. */
    public Result<WeekView> read(Caller caller, String instructorId, LocalDate weekStart) {
        return profileFor(instructorId, weekStart)
                .map(profile -> new WeekView(profile.timezone(), weeks.findWeekOrEmpty(instructorId, weekStart)));
    }

    /** The stored week minus the instructor time of bookings that occupy time now (buffers included). */
    public Result<WeekView> readBookable(Caller caller, String instructorId, LocalDate weekStart) {
        return profileFor(instructorId, weekStart).map(profile -> {
            WeekAvailability stored = weeks.findWeekOrEmpty(instructorId, weekStart).week();
            Instant now = clock.instant();
            Instant from = weekStart.atStartOfDay(profile.timezone()).toInstant().minus(REACH);
            Instant to = weekStart.plusDays(7).atStartOfDay(profile.timezone()).toInstant().plus(REACH);
            List<Booking> active = bookings.findByInstructor(instructorId, from, to).stream()
                    .filter(booking -> booking.occupiesTimeAt(now))
                    .toList();
            Map<LocalDate, DaySlots> booked = BookedSlots.occupiedBy(active, profile.timezone());
            Map<LocalDate, DaySlots> free = new HashMap<>();
            stored.days().forEach((date, slots) -> free.put(date, slots.minus(booked.getOrDefault(date, DaySlots.empty()))));
            return new WeekView(profile.timezone(), VersionedWeek.of(new WeekAvailability(instructorId, weekStart, free)));
        });
    }

    private Result<InstructorProfile> profileFor(String instructorId, LocalDate weekStart) {
        Optional<Rejection> notMonday = WeekStartsOnMonday.check(weekStart);
        if (notMonday.isPresent()) {
            return Result.rejected(notMonday.get());
        }
        return profiles.require(instructorId);
    }
}
