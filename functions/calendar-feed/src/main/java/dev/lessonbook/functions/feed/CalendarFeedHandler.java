package dev.lessonbook.functions.feed;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.aws.priming.Priming;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.feed.DynamoCalendarTokens;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.dynamodb.view.DynamoViewCache;
import dev.lessonbook.feed.CalendarTokens;
import dev.lessonbook.feed.IssuingACalendarToken;
import dev.lessonbook.http.ApiResponse;
import dev.lessonbook.http.HttpFunction;
import dev.lessonbook.http.HttpPriming;
import dev.lessonbook.http.InstructorRef;
import dev.lessonbook.http.Route;
import dev.lessonbook.http.feed.CalendarFeedJson;
import dev.lessonbook.http.feed.CalendarFeedRequests;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.profile.ProfileStore;
import dev.lessonbook.view.ReadingACalendarFeed;
import java.time.Clock;
import java.util.Map;

/**
 * The instructor's calendar feed, two routes in one function (docs/decisions.md, "Calendar feed"):
 * {@code POST /v1/instructors/{instructorId}/calendar-token} (bearer-authenticated) issues or rotates
 * the feed token; {@code GET /v1/instructors/{instructorId}/calendar.ics?token=} (no authorizer:
 * calendar apps send no bearer token) serves the feed to whoever holds the token, from the shared
 * feed view (a miss fills it from the instructor's bookings).
 */
public final class CalendarFeedHandler implements HttpFunction {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Tables TABLES = Tables.fromEnvironment();
    private static final ProfileStore PROFILES = new DynamoProfileStore(TABLES);
    private static final CalendarTokens TOKENS = new DynamoCalendarTokens(TABLES);
    private static final IssuingACalendarToken ISSUING = new IssuingACalendarToken(PROFILES, TOKENS, CLOCK);
    private static final ReadingACalendarFeed READING =
            new ReadingACalendarFeed(PROFILES, new DynamoBookingStore(TABLES), TOKENS, new DynamoViewCache(TABLES), CLOCK);

    static final String FEED = "GET /v1/instructors/{instructorId}/calendar.ics";
    static final String TOKEN = "POST /v1/instructors/{instructorId}/calendar-token";
    private static final Map<String, Route> ROUTES = Map.of(
            TOKEN, Route.reading(InstructorRef::read)
                    .then(ref -> ISSUING.issue(ref.caller(), ref.instructorId()))
                    .respond(CalendarFeedJson::token),
            FEED, Route.reading(CalendarFeedRequests::feed)
                    .then(query -> READING.read(query.instructorId(), query.token()))
                    .respond(CalendarFeedJson::feed));
    /** A route key this function is not deployed for: nothing exists there. */
    private static final Route UNROUTED = Route.of(request -> ApiResponse.problem(
            Rejection.of(ProblemCode.NOT_FOUND, "No resource exists at " + request.path())));

    /** SnapStart priming (docs/decisions.md): the table client and the feed of an instructor never written. */
    static final Priming PRIMING = Priming.register(TABLES.primer(), HttpPriming.route(ROUTES.get(FEED),
            HttpPriming.request(FEED).pathParam("instructorId", HttpPriming.NEVER_WRITTEN_ID).query("token", "cal_priming")));

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ROUTES.getOrDefault(event == null || event.getRouteKey() == null ? "" : event.getRouteKey(), UNROUTED)
                .handle(event, context);
    }
}
