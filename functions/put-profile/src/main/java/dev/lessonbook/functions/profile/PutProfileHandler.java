package dev.lessonbook.functions.profile;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.http.HttpFunction;
import dev.lessonbook.http.Route;
import dev.lessonbook.http.profile.ProfileJson;
import dev.lessonbook.http.profile.ProfileRequests;
import dev.lessonbook.profile.SavingInstructorProfile;

/** PUT /v1/instructors/{instructorId}/profile */
public final class PutProfileHandler implements HttpFunction {
    private static final SavingInstructorProfile SAVING =
            new SavingInstructorProfile(new DynamoProfileStore(Tables.fromEnvironment()));
    private static final Route ROUTE = Route.reading(ProfileRequests::putProfile)
            .then(update -> SAVING.save(update.editor(), update.profile()))
            .respond(ProfileJson::response);

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ROUTE.handle(event, context);
    }
}
