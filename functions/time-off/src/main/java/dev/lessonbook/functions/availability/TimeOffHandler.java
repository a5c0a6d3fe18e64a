package dev.lessonbook.functions.availability;

import dev.lessonbook.http.HttpPriming;
import dev.lessonbook.aws.priming.Priming;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.availability.ListingTimeOff;
import dev.lessonbook.availability.TakingTimeOff;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.calendar.DynamoCalendarDays;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.http.HttpFunction;
import dev.lessonbook.http.Route;
import dev.lessonbook.http.availability.TimeOffJson;
import dev.lessonbook.http.availability.TimeOffRequests;
import java.time.Clock;

/**
 * PUT and DELETE /v1/instructors/{instructorId}/time-off/{date}, GET /v1/instructors/{instructorId}/time-off:
 * one function for the three routes of one item type, with one least-privilege policy
 * (docs/decisions.md, "Time off").
 */
public final class TimeOffHandler implements HttpFunction {
    private static final Tables TABLES = Tables.fromEnvironment();
    private static final DynamoProfileStore PROFILES = new DynamoProfileStore(TABLES);
    private static final DynamoCalendarDays CALENDAR = new DynamoCalendarDays(TABLES);
    private static final TakingTimeOff TAKING = new TakingTimeOff(PROFILES, CALENDAR, Clock.systemUTC());
    private static final ListingTimeOff LISTING = new ListingTimeOff(PROFILES, CALENDAR, Clock.systemUTC());
    private static final Route PUT = Route.reading(TimeOffRequests::put)
            .then(request -> TAKING.take(request.editor(), request.timeOff()))
            .respond(TimeOffJson::taken);
    private static final Route DELETE = Route.reading(TimeOffRequests::delete)
            .then(request -> TAKING.end(request.editor(), request.date()))
            .respond(TimeOffJson::ended);
    private static final Route LIST = Route.reading(TimeOffRequests::list)
            .then(query -> LISTING.list(query.caller(), query.instructorId(), query.from(), query.to()))
            .respond(TimeOffJson::list);

    /** SnapStart priming (docs/decisions.md): the table client and the list route on an instructor never written. */
    static final Priming PRIMING = Priming.register(TABLES.primer(), HttpPriming.route(LIST,
            HttpPriming.request("GET /v1/instructors/{instructorId}/time-off").pathParam("instructorId", HttpPriming.NEVER_WRITTEN_ID)
                    .query("from", "2027-01-04").query("to", "2027-01-10")));

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String method = event == null || event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                ? "" : event.getRequestContext().getHttp().getMethod();
        return switch (method) {
            case "PUT" -> PUT.handle(event, context);
            case "DELETE" -> DELETE.handle(event, context);
            default -> LIST.handle(event, context);
        };
    }
}
