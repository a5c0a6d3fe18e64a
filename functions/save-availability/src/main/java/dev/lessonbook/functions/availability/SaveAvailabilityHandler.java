package dev.lessonbook.functions.availability;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.availability.SavingWeekAvailability;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.availability.DynamoAvailabilityStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.http.HttpFunction;
import dev.lessonbook.http.Route;
import dev.lessonbook.http.availability.WeekJson;
import dev.lessonbook.http.availability.WeekRequests;
import dev.lessonbook.messaging.PublishingTables;
import java.time.Clock;

/** PUT /v1/instructors/{instructorId}/availability/weeks/{weekStart} */
public final class SaveAvailabilityHandler implements HttpFunction {
    private static final Tables TABLES = PublishingTables.fromEnvironment();
    private static final SavingWeekAvailability SAVING = new SavingWeekAvailability(
            new DynamoProfileStore(TABLES), new DynamoAvailabilityStore(TABLES), Clock.systemUTC());
    private static final Route ROUTE = Route.reading(WeekRequests::saveWeek)
            .then(SAVING::save)
            .respond(view -> WeekJson.response(view.versioned(), view.timezone()));

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ROUTE.handle(event, context);
    }
}
