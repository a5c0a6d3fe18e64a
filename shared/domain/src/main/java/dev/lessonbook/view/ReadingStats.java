package dev.lessonbook.view;

import dev.lessonbook.access.Caller;
import dev.lessonbook.booking.BookingStore;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.ProfileStore;
import dev.lessonbook.stats.BookingStats;
import java.time.Clock;

/**
 * GET an instructor's booking stats (docs/spec.md §3.3, §7): that instructor or an admin (else 403), an
 * instructor with a profile (else 404). Served from the shared stats view, which every booking
 * write deletes in its own transaction, so a read right after a create or a cancel shows it.
 */
public final class ReadingStats {
    private final ProfileStore profiles;
    private final ViewSources sources;
    private final CachedViews views;

    public ReadingStats(ProfileStore profiles, BookingStore bookings, ViewCache cache, Clock clock) {
        this.profiles = profiles;
        // Stats never read availability.
        this.sources = new ViewSources(null, bookings, clock);
        this.views = new CachedViews(cache, clock);
    }

    public Result<BookingStats> read(Caller caller, String instructorId) {
        if (!caller.actsFor(instructorId)) {
            return Result.rejected(ProblemCode.FORBIDDEN, "Only the instructor or an admin may read these stats");
        }
        return profiles.require(instructorId).map(profile -> views.read(
                new ViewKey.Stats(instructorId), profile.timezone(), () -> sources.stats(profile)));
    }
}
