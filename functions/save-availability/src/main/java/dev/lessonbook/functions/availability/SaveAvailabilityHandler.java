package dev.lessonbook.functions.availability;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.availability.CopyingAWeek;
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

/**
 * PUT /v1/instructors/{instructorId}/availability/weeks/{weekStart}, and POST …/{weekStart}/copy:
 * a copy is saves of weeks, with the same actions (docs/decisions.md, "Copy a week").
 */
public final class SaveAvailabilityHandler implements HttpFunction {
    private static final Tables TABLES = PublishingTables.fromEnvironment();
    private static final DynamoProfileStore PROFILES = new DynamoProfileStore(TABLES);
    private static final DynamoAvailabilityStore WEEKS = new DynamoAvailabilityStore(TABLES);
    private static final SavingWeekAvailability SAVING = new SavingWeekAvailability(PROFILES, WEEKS, Clock.systemUTC());
    private static final CopyingAWeek COPYING = new CopyingAWeek(PROFILES, WEEKS, Clock.systemUTC());
    private static final Route SAVE = Route.reading(WeekRequests::saveWeek)
            .then(SAVING::save)
            .respond(view -> WeekJson.response(view.versioned(), view.timezone()));
    private static final Route COPY = Route.reading(WeekRequests::copyWeek)
            .then(command -> COPYING.copy(command.editor(), command.weekStart(), command.targetWeekStarts()))
            .respond(WeekJson::list);

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        boolean copy = event != null && event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                && "POST".equals(event.getRequestContext().getHttp().getMethod());
        return (copy ? COPY : SAVE).handle(event, context);
    }
}
