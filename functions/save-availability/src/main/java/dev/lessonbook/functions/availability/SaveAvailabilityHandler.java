package dev.lessonbook.functions.availability;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.availability.CopyingAWeek;
import dev.lessonbook.availability.AvailabilityStore;
import dev.lessonbook.availability.SavingWeekAvailability;
import dev.lessonbook.availability.WeekAvailability;
import dev.lessonbook.aws.priming.Priming;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.availability.DynamoAvailabilityStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.http.HttpFunction;
import dev.lessonbook.http.HttpPriming;
import dev.lessonbook.http.Route;
import dev.lessonbook.http.availability.WeekJson;
import dev.lessonbook.http.availability.WeekRequests;
import dev.lessonbook.messaging.PublishingTables;
import java.time.Clock;
import java.time.ZoneId;

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

    /**
     * SnapStart priming (docs/decisions.md): the table client and the event publisher (marshalled,
     * not sent), and a week read from a request and rendered — never saved.
     */
    static final Priming PRIMING = Priming.register(TABLES.primer(), HttpPriming.reading(WeekRequests::saveWeek,
            command -> WeekJson.response(new AvailabilityStore.VersionedWeek(
                    WeekAvailability.empty(command.instructorId(), command.weekStart()), "priming"), ZoneId.of("Europe/Berlin")),
            HttpPriming.request("PUT /v1/instructors/{instructorId}/availability/weeks/{weekStart}")
                    .pathParam("instructorId", HttpPriming.NEVER_WRITTEN_ID).pathParam("weekStart", "2027-01-04")
                    .json("""
                            {"windows":[{"date":"2027-01-04","start":"09:00","end":"12:00"},{"date":"2027-01-05","start":"13:30","end":"24:00"}],
                             "clearExisting":true}""")));

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        boolean copy = event != null && event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                && "POST".equals(event.getRequestContext().getHttp().getMethod());
        return (copy ? COPY : SAVE).handle(event, context);
    }
}
