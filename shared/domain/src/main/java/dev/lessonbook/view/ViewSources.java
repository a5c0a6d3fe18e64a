package dev.lessonbook.view;

import dev.lessonbook.availability.AvailabilityStore.VersionedWeek;
import dev.lessonbook.availability.AvailabilityStore;
import dev.lessonbook.availability.DaySlots;
import dev.lessonbook.availability.WeekAvailability;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.BookingStore;
import dev.lessonbook.feed.FeedEvent;
import dev.lessonbook.feed.FeedEvents;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.stats.BookingStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each view computed from the source of truth (consistent reads), with the instant time alone
 * would make it wrong. The read functions call these on a miss, the cache worker after a write.
 */
public final class ViewSources {
    /**
     * Bookings are found by start time, but a booking starting before the week (or after it) can
     * reach into it through its lesson and buffers; a day either side covers any lesson (≤ 4 h)
     * plus buffers.
     */
    private static final Duration REACH = Duration.ofDays(1);
    /** Bounds of "all of an instructor's bookings" as index sort keys (ISO instants compare as text). */
    private static final Instant FIRST_BOOKING = Instant.EPOCH;
    private static final Instant AFTER_LAST_BOOKING = Instant.parse("9999-01-01T00:00:00Z");
    /** How far back a calendar feed shows lessons (issue 18). */
    public static final Duration FEED_DAYS_BACK = Duration.ofDays(30);
    /**
     * The feed view reaches a day further back than the feed and lives at most that day, so every
     * read while it is valid finds all it must show; the reader cuts off the rest.
     */
    static final Duration FEED_REACH = Duration.ofDays(1);

    private final AvailabilityStore weeks;
    private final BookingStore bookings;
    private final Clock clock;

    public ViewSources(AvailabilityStore weeks, BookingStore bookings, Clock clock) {
        this.weeks = weeks;
        this.bookings = bookings;
        this.clock = clock;
    }

    public FreshView<VersionedWeek> weekMap(String instructorId, LocalDate weekStart) {
        return FreshView.untilChanged(weeks.findWeekOrEmpty(instructorId, weekStart));
    }

    /**
     * The stored week minus the instructor time of bookings that occupy time now (buffers
     * included). It lapses when the first PENDING hold in it expires: that time becomes free.
     */
    public FreshView<WeekAvailability> bookable(InstructorProfile profile, LocalDate weekStart) {
        String instructorId = profile.instructorId();
        ZoneId zone = profile.timezone();
        WeekAvailability stored = weeks.findWeekOrEmpty(instructorId, weekStart).week();
        Instant now = clock.instant();
        Instant from = weekStart.atStartOfDay(zone).toInstant().minus(REACH);
        Instant to = weekStart.plusDays(7).atStartOfDay(zone).toInstant().plus(REACH);
        List<Booking> active = bookings.findByInstructor(instructorId, from, to).stream()
                .filter(booking -> booking.occupiesTimeAt(now))
                .toList();
        Map<LocalDate, DaySlots> booked = BookedSlots.occupiedBy(active, zone);
        Map<LocalDate, DaySlots> free = new HashMap<>();
        stored.days().forEach((date, slots) -> free.put(date, slots.minus(booked.getOrDefault(date, DaySlots.empty()))));
        Instant validUntil = active.stream()
                .filter(booking -> booking.status() == BookingStatus.PENDING)
                .map(Booking::holdExpiresAt)
                .min(Instant::compareTo)
                .orElse(Instant.MAX);
        return new FreshView<>(new WeekAvailability(instructorId, weekStart, free), validUntil);
    }

    /**
     * docs/spec.md §7 over all of the instructor's bookings. It lapses when the next confirmed lesson
     * starts (no longer upcoming) or the month ends in the instructor's timezone (this month's
     * earnings restart).
     */
    public FreshView<BookingStats> stats(InstructorProfile profile) {
        ZoneId zone = profile.timezone();
        List<Booking> all = bookings.findByInstructor(profile.instructorId(), FIRST_BOOKING, AFTER_LAST_BOOKING);
        Instant now = clock.instant();
        Instant nextMonth = YearMonth.now(clock.withZone(zone)).plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Instant validUntil = all.stream()
                .filter(booking -> booking.status() == BookingStatus.CONFIRMED && booking.startsAt().isAfter(now))
                .map(Booking::startsAt)
                .filter(startsAt -> startsAt.isBefore(nextMonth))
                .min(Instant::compareTo)
                .orElse(nextMonth);
        return new FreshView<>(BookingStats.of(profile.instructorId(), all, zone, clock), validUntil);
    }

    /**
     * The calendar feed's events ({@link FeedEvents}) of every booking starting from
     * {@link #FEED_DAYS_BACK} and a day before now, however far ahead (the horizon, which the
     * profile may change without an event, is applied by the reader). It lapses after that day:
     * by then lessons it left out could be inside the 30 days. Only a booking's change, which
     * invalidates it, changes it otherwise.
     */
    public FreshView<List<FeedEvent>> feed(InstructorProfile profile) {
        Instant now = clock.instant();
        List<FeedEvent> events = bookings.findByInstructor(profile.instructorId(), now.minus(FEED_DAYS_BACK).minus(FEED_REACH),
                        AFTER_LAST_BOOKING).stream()
                .map(FeedEvents::of)
                .flatMap(Optional::stream)
                .toList();
        return new FreshView<>(events, now.plus(FEED_REACH));
    }
}
