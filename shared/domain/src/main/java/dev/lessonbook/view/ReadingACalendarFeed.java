package dev.lessonbook.view;

import dev.lessonbook.booking.BookingStore;
import dev.lessonbook.feed.CalendarTokens;
import dev.lessonbook.feed.FeedEvent;
import dev.lessonbook.feed.FeedToken;
import dev.lessonbook.feed.ICalendarWriter;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.ProfileStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * GET /v1/instructors/{id}/calendar.ics?token=: the instructor's lessons from 30 days back to the
 * end of the booking horizon, as iCalendar. A missing, wrong or rotated token is the same 404 as
 * an instructor without a feed, so the answer tells nobody which instructors have one.
 *
 * <p>Served from the shared feed view ({@link ViewKey.Feed}), which every booking write deletes in
 * its own transaction, so a read right after a change shows it; the window is cut at read time,
 * since the horizon comes from the profile (changed without an event) and both ends move with the
 * clock alone.
 */
public final class ReadingACalendarFeed {
    private final ProfileStore profiles;
    private final CalendarTokens tokens;
    private final ViewSources sources;
    private final CachedViews views;
    private final Clock clock;

    public ReadingACalendarFeed(ProfileStore profiles, BookingStore bookings, CalendarTokens tokens, ViewCache cache,
            Clock clock) {
        this.profiles = profiles;
        this.tokens = tokens;
        // The feed never reads availability.
        this.sources = new ViewSources(null, bookings, clock);
        this.views = new CachedViews(cache, clock);
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
        List<FeedEvent> all = views.read(new ViewKey.Feed(profile.instructorId()), profile.timezone(),
                () -> sources.feed(profile));
        Instant now = clock.instant();
        Instant from = now.minus(ViewSources.FEED_DAYS_BACK);
        Instant to = profile.bookingLimits().lastBookableDate(now, profile.timezone()).plusDays(1)
                .atStartOfDay(profile.timezone()).toInstant();
        List<FeedEvent> shown = all.stream()
                .filter(event -> !event.startsAt().isBefore(from) && event.startsAt().isBefore(to))
                .toList();
        return ICalendarWriter.write("Lessonbook " + profile.instructorId(), shown, now);
    }
}
