package dev.lessonbook.http.feed;

import dev.lessonbook.feed.IssuingACalendarToken;
import dev.lessonbook.http.ApiResponse;

/** The calendar feed's answers. */
public final class CalendarFeedJson {
    /** RFC 5545 §8.1; UTF-8 is the format's default charset, said anyway for clients that guess. */
    public static final String MEDIA_TYPE = "text/calendar; charset=utf-8";

    private CalendarFeedJson() {}

    /** The token, shown only here, and the URL a calendar app subscribes to (relative to the API's base). */
    public record TokenDocument(String instructorId, String token, String feedUrl) {}

    public static ApiResponse.Document token(IssuingACalendarToken.Issued issued) {
        return ApiResponse.ok(new TokenDocument(issued.instructorId(), issued.token(),
                "/v1/instructors/" + issued.instructorId() + "/calendar.ics?token=" + issued.token()));
    }

    public static ApiResponse.Text feed(String calendar) {
        return ApiResponse.text(MEDIA_TYPE, calendar)
                // A feed names students: no shared cache may keep it.
                .withHeader("Cache-Control", "private, max-age=300");
    }
}
