package dev.lessonbook.functions.stats;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.aws.priming.Priming;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.dynamodb.view.DynamoViewCache;
import dev.lessonbook.http.HttpFunction;
import dev.lessonbook.http.HttpPriming;
import dev.lessonbook.http.InstructorRef;
import dev.lessonbook.http.Route;
import dev.lessonbook.http.stats.StatsJson;
import dev.lessonbook.view.ReadingStats;
import java.time.Clock;

/** GET /v1/instructors/{instructorId}/booking-stats */
public final class BookingStatsHandler implements HttpFunction {
    private static final Tables TABLES = Tables.fromEnvironment();
    private static final ReadingStats READING = new ReadingStats(new DynamoProfileStore(TABLES),
            new DynamoBookingStore(TABLES), new DynamoViewCache(TABLES), Clock.systemUTC());
    private static final Route ROUTE = Route.reading(InstructorRef::read)
            .then(ref -> READING.read(ref.caller(), ref.instructorId()))
            .respond(StatsJson::response);

    /** SnapStart priming (docs/decisions.md): the table client, and this route on an instructor that does not exist. */
    static final Priming PRIMING = Priming.register(TABLES.primer(), TABLES.queryPrimer(Keys.GSI1), HttpPriming.route(ROUTE,
            HttpPriming.request("GET /v1/instructors/{instructorId}/booking-stats")
                    .pathParam("instructorId", HttpPriming.NEVER_WRITTEN_ID)));

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ROUTE.handle(event, context);
    }
}
