package dev.lessonbook.functions.availability;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.aws.priming.Priming;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.availability.DynamoAvailabilityStore;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.calendar.DynamoCalendarDays;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.dynamodb.view.DynamoViewCache;
import dev.lessonbook.http.HttpFunction;
import dev.lessonbook.http.HttpPriming;
import dev.lessonbook.http.Route;
import dev.lessonbook.http.availability.WeekJson;
import dev.lessonbook.http.availability.WeekRequests;
import dev.lessonbook.view.ReadingWeekAvailability;
import java.time.Clock;

/** GET /v1/instructors/{instructorId}/availability/weeks/{weekStart}[?view=bookable] */
public final class GetAvailabilityHandler implements HttpFunction {
    private static final Tables TABLES = Tables.fromEnvironment();
    private static final ReadingWeekAvailability READING = new ReadingWeekAvailability(new DynamoProfileStore(TABLES),
            new DynamoAvailabilityStore(TABLES), new DynamoBookingStore(TABLES), new DynamoCalendarDays(TABLES),
            new DynamoViewCache(TABLES),
            Clock.systemUTC());
    private static final Route ROUTE = Route.reading(WeekRequests::readWeek)
            .then(query -> query.bookable()
                    ? READING.readBookable(query.caller(), query.instructorId(), query.weekStart())
                    : READING.read(query.caller(), query.instructorId(), query.weekStart()))
            .respond(view -> WeekJson.response(view.versioned(), view.timezone()));

    /** SnapStart priming (docs/decisions.md): the table client, and this route on an instructor that does not exist. */
    static final Priming PRIMING = Priming.register(TABLES.primer(), TABLES.queryPrimer(Keys.GSI1), HttpPriming.route(ROUTE,
            HttpPriming.request("GET /v1/instructors/{instructorId}/availability/weeks/{weekStart}")
                    .pathParam("instructorId", HttpPriming.NEVER_WRITTEN_ID).pathParam("weekStart", "2027-01-04")
                    .query("view", "bookable")));

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ROUTE.handle(event, context);
    }
}
