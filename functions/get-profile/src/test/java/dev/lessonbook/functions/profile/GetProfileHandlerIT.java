package dev.lessonbook.functions.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.PrimingCheck;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.http.TestEvents;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalServersExtension.class)
class GetProfileHandlerIT {
    private static GetProfileHandler handler;

    @BeforeAll
    static void handlerOnTheEmulator(LocalServers.Endpoints endpoints) {
        new DynamoProfileStore(FunctionEnvironment.prepare(endpoints)).save(new InstructorProfile("inst_42",
                ZoneId.of("America/New_York"), Map.of(), List.of(new LessonService("piano", "Piano", List.of(60),
                        Map.of(LocationType.ONLINE, 5000L), "usd", true)), null, "inst_42@example.com"));
        handler = new GetProfileHandler();
    }

    @Test
    void anyAuthenticatedUserReadsAProfile() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TestEvents.sample("get-profile.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"instructorId\":\"inst_42\"", "\"timezone\":\"America/New_York\"",
                "\"id\":\"piano\"");
    }

    @Test
    void theAddressIsShownToTheInstructorButNotToAStudent() {
        APIGatewayV2HTTPResponse asStudent = handler.handleRequest(TestEvents.fromSample("get-profile.json")
                .as("stud_7", "student").event(), null);
        APIGatewayV2HTTPResponse asInstructor = handler.handleRequest(TestEvents.fromSample("get-profile.json")
                .as("inst_42", "instructor").event(), null);

        assertThat(asStudent.getStatusCode()).isEqualTo(200);
        assertThat(asStudent.getBody()).doesNotContain("email", "inst_42@example.com");
        assertThat(asInstructor.getBody()).contains("\"email\":\"inst_42@example.com\"");
    }

    @Test
    void anInstructorWithoutProfileIsNotFound() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                TestEvents.fromSample("get-profile.json").pathParam("instructorId", "nobody").event(), null);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getBody()).contains("\"code\":\"NOT_FOUND\"");
    }

    @Test
    void aRequestWithoutClaimsIsUnauthenticated() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                TestEvents.fromSample("get-profile.json").claims(null).event(), null);

        assertThat(response.getStatusCode()).isEqualTo(401);
    }

    @Test
    void primingBeforeTheSnapshotWritesNothing(LocalServers.Endpoints endpoints) {
        PrimingCheck.writesNothing(GetProfileHandler.PRIMING, endpoints);
    }
}
