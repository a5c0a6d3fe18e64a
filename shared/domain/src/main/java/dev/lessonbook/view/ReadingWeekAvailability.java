package dev.lessonbook.view;

import dev.lessonbook.access.Caller;
import dev.lessonbook.availability.AvailabilityStore.VersionedWeek;
import dev.lessonbook.availability.AvailabilityStore;
import dev.lessonbook.availability.WeekAvailability;
import dev.lessonbook.availability.WeekVersion;
import dev.lessonbook.availability.WeekView;
import dev.lessonbook.availability.rules.WeekStartsOnMonday;
import dev.lessonbook.booking.BookingStore;
import dev.lessonbook.calendar.CalendarDay;
import dev.lessonbook.calendar.CalendarDays;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.ProfileStore;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * GET a week: the stored availability (docs/spec.md §3.1), or with {@code view=bookable} the stored
 * windows minus the time active bookings keep the instructor busy (docs/spec.md §4.10). Any
 * authenticated caller may read; a week never saved reads as empty with {@link WeekVersion#EMPTY}.
 * Both are served from the shared view cache when it holds them (docs/spec.md §8); the profile is always
 * read, for the 404 and because a view computed in another timezone does not count.
 */
public final class ReadingWeekAvailability {
    private final ProfileStore profiles;
    private final ViewSources sources;
    private final CachedViews views;
    private final CalendarDays calendar;
    private final Clock clock;

    public ReadingWeekAvailability(ProfileStore profiles, AvailabilityStore weeks, BookingStore bookings,
            CalendarDays calendar, Clock clock) {
        this(profiles, weeks, bookings, calendar, ViewCache.NONE, clock);
    }

    public ReadingWeekAvailability(ProfileStore profiles, AvailabilityStore weeks, BookingStore bookings,
            CalendarDays calendar, ViewCache cache, Clock clock) {
        this.profiles = profiles;
        this.calendar = calendar;
        this.sources = new ViewSources(weeks, bookings, clock);
        this.views = new CachedViews(cache, clock);
        this.clock = clock;
    }

    /** The stored week. {@code caller} is any authenticated user. */
    public Result<WeekView> read(Caller caller, String instructorId, LocalDate weekStart) {
        return profileFor(instructorId, weekStart).map(profile -> new WeekView(profile.timezone(),
                views.read(new ViewKey.WeekMap(instructorId, weekStart), profile.timezone(),
                        () -> sources.weekMap(instructorId, weekStart))));
    }

    /**
     * The stored week minus the instructor time of bookings that occupy time now (buffers
     * included), then closed where the instructor's booking rules forbid booking now
     * ({@link OpenForBooking}): notice and horizon change with the clock alone, the daily limit
     * with the profile, which no event announces, and the calendar days (lessons counted, days
     * off) are read fresh, one query, as the booking transaction will see them.
     */
    public Result<WeekView> readBookable(Caller caller, String instructorId, LocalDate weekStart) {
        return profileFor(instructorId, weekStart).map(profile -> {
            WeekAvailability bookable = views.read(new ViewKey.Bookable(instructorId, weekStart), profile.timezone(),
                    () -> sources.bookable(profile, weekStart));
            Map<LocalDate, CalendarDay> days = calendar.find(instructorId, weekStart, weekStart.plusDays(6));
            return new WeekView(profile.timezone(), VersionedWeek.of(OpenForBooking.at(bookable, profile, days, clock.instant())));
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
