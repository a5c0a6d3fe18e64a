package dev.lessonbook.feed;

import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.BookingStore;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.ProfileStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * GET /v1/instructors/{id}/calendar.ics?token=: the instructor's lessons from {@value #DAYS_BACK}
 * days back to the end of the booking horizon, as iCalendar. A missing, wrong or rotated token is
 * the same 404 as an instructor without a feed, so the answer tells nobody which instructors have one.
 */
public final class ReadingACalendarFeed {
    static final int DAYS_BACK = 30;

    private final ProfileStore profiles;
    private final BookingStore bookings;
    private final CalendarTokens tokens;
    private final Clock clock;

    public ReadingACalendarFeed(ProfileStore profiles, BookingStore bookings, CalendarTokens tokens, Clock clock) {
        this.profiles = profiles;
        this.bookings = bookings;
        this.tokens = tokens;
        this.clock = clock;
    }

    public Result<String> read(String instructorId, Optional<String> token) {
        boolean opens = token.isPresent()
                && tokens.hashFor(instructorId).map(hash -> FeedToken.matches(token.get(), hash)).orElse(false);
        if (!opens) {
            return Result.rejected(ProblemCode.NOT_FOUND, "No calendar feed here");
        }
        return profiles.require(instructorId).map(this::feed);
    }

    private String feed(InstructorProfile profile) {
        Instant now = clock.instant();
        Instant from = now.minus(Duration.ofDays(DAYS_BACK));
        Instant to = profile.bookingLimits().lastBookableDate(now, profile.timezone()).plusDays(1)
                .atStartOfDay(profile.timezone()).toInstant();
        List<FeedEvent> events = bookings.findByInstructor(profile.instructorId(), from, to).stream()
                .filter(ReadingACalendarFeed::shown)
                .map(ReadingACalendarFeed::event)
                .toList();
        return ICalendarWriter.write("Lessonbook " + profile.instructorId(), events, now);
    }

    /** Lessons that happen or happened, and those cancelled; never a hold that lapsed or was not paid. */
    static boolean shown(Booking booking) {
        return switch (booking.status()) {
            case CONFIRMED, COMPLETED, CANCELLED -> true;
            case PENDING, PAYMENT_FAILED, EXPIRED -> false;
        };
    }

    /** The student by id only: a feed URL gets shared and synced to third parties, so no email and no note. */
    static FeedEvent event(Booking booking) {
        return new FeedEvent(booking.id() + "@lessonbook", sequence(booking), booking.startsAt(), booking.endsAt(),
                booking.status() == BookingStatus.CANCELLED,
                booking.serviceName() + " with student " + booking.studentId());
    }

    /**
     * How many times a calendar must replace this event: once per move of the lesson, and once more
     * for its cancellation, which is final (docs/decisions.md, "Calendar feed SEQUENCE").
     */
    static int sequence(Booking booking) {
        return booking.rescheduleCount() + (booking.status() == BookingStatus.CANCELLED ? 1 : 0);
    }
}
