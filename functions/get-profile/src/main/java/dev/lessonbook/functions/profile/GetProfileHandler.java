package dev.lessonbook.functions.profile;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.aws.priming.Priming;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.http.HttpFunction;
import dev.lessonbook.http.HttpPriming;
import dev.lessonbook.http.InstructorRef;
import dev.lessonbook.http.Route;
import dev.lessonbook.http.profile.ProfileJson;
import dev.lessonbook.profile.ReadingInstructorProfile;

/** GET /v1/instructors/{instructorId}/profile */
public final class GetProfileHandler implements HttpFunction {
    private static final Tables TABLES = Tables.fromEnvironment();
    private static final ReadingInstructorProfile READING = new ReadingInstructorProfile(new DynamoProfileStore(TABLES));
    private static final Route ROUTE = Route.reading(InstructorRef::read)
            .then(ref -> READING.read(ref.caller(), ref.instructorId()))
            .respond(ProfileJson::response);

    /** SnapStart priming (docs/decisions.md): the table client, and this route on a profile that does not exist. */
    static final Priming PRIMING = Priming.register(TABLES.primer(), HttpPriming.route(ROUTE,
            HttpPriming.request("GET /v1/instructors/{instructorId}/profile").pathParam("instructorId", HttpPriming.NEVER_WRITTEN_ID)));

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ROUTE.handle(event, context);
    }
}
