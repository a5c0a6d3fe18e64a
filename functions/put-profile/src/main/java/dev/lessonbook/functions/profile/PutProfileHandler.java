package dev.lessonbook.functions.profile;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.aws.priming.Priming;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.http.HttpFunction;
import dev.lessonbook.http.HttpPriming;
import dev.lessonbook.http.Route;
import dev.lessonbook.http.profile.ProfileJson;
import dev.lessonbook.http.profile.ProfileRequests;
import dev.lessonbook.profile.SavingInstructorProfile;

/** PUT /v1/instructors/{instructorId}/profile */
public final class PutProfileHandler implements HttpFunction {
    private static final Tables TABLES = Tables.fromEnvironment();
    private static final SavingInstructorProfile SAVING = new SavingInstructorProfile(new DynamoProfileStore(TABLES));
    private static final Route ROUTE = Route.reading(ProfileRequests::putProfile)
            .then(update -> SAVING.save(update.editor(), update.profile()))
            .respond(ProfileJson::response);

    /**
     * SnapStart priming (docs/decisions.md): the table client, and a profile read from a request and
     * rendered — never saved.
     */
    static final Priming PRIMING = Priming.register(TABLES.primer(), HttpPriming.reading(ProfileRequests::putProfile,
            update -> ProfileJson.response(update.profile()),
            HttpPriming.request("PUT /v1/instructors/{instructorId}/profile").pathParam("instructorId", HttpPriming.NEVER_WRITTEN_ID)
                    .json("""
                            {"timezone":"Europe/Berlin","services":[{"id":"piano","name":"Piano","durationOptions":[30,60],
                             "rates":{"online":6000,"instructor_location":7000,"student_location":8000},"currency":"usd","active":true}]}""")));

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ROUTE.handle(event, context);
    }
}
