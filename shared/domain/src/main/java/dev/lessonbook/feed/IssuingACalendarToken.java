package dev.lessonbook.feed;

import dev.lessonbook.access.Caller;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.ProfileStore;
import java.time.Clock;

/**
 * POST /v1/instructors/{id}/calendar-token: a new feed token for the instructor (or an admin on
 * their behalf). Issuing again rotates it: the token before stops opening the feed at once.
 */
public final class IssuingACalendarToken {
    private final ProfileStore profiles;
    private final CalendarTokens tokens;
    private final Clock clock;

    public IssuingACalendarToken(ProfileStore profiles, CalendarTokens tokens, Clock clock) {
        this.profiles = profiles;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The token, shown only in this answer. */
    public record Issued(String instructorId, String token) {}

    public Result<Issued> issue(Caller caller, String instructorId) {
        if (!caller.actsFor(instructorId)) {
            return Result.rejected(ProblemCode.FORBIDDEN, "Only the instructor or an admin may issue this calendar token");
        }
        return profiles.require(instructorId).map(profile -> {
            String token = FeedToken.newToken();
            tokens.save(instructorId, FeedToken.hash(token), clock.instant());
            return new Issued(instructorId, token);
        });
    }
}
