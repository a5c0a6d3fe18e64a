package dev.lessonbook.http.feed;

import dev.lessonbook.http.ApiRequest;
import dev.lessonbook.problem.Result;
import java.util.Optional;

/** Reads the calendar feed's requests. */
public final class CalendarFeedRequests {
    private CalendarFeedRequests() {}

    /** GET …/calendar.ics?token=: no caller (calendar apps send no bearer token); the token is checked by the use case. */
    public record FeedQuery(String instructorId, Optional<String> token) {}

    public static Result<FeedQuery> feed(ApiRequest request) {
        return request.pathId("instructorId").map(id -> new FeedQuery(id, request.query("token").filter(t -> !t.isEmpty())));
    }
}
