package dev.lessonbook.functions.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.PrimingCheck;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.http.TestEvents;
import dev.lessonbook.profile.BookingLimits;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LocationType;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalServersExtension.class)
class PutProfileHandlerIT {
    private static Tables tables;
    private static PutProfileHandler handler;

    @BeforeAll
    static void handlerOnTheEmulator(LocalServers.Endpoints endpoints) {
        tables = FunctionEnvironment.prepare(endpoints);
        handler = new PutProfileHandler();
    }

    @Test
    void theInstructorSavesTheirProfileFromTheSampleEvent() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TestEvents.sample("put-profile.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"timezone\":\"Europe/Berlin\"", "\"currency\":\"eur\"");
        InstructorProfile stored = new DynamoProfileStore(tables).find("inst_42").orElseThrow();
        assertThat(stored.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(stored.bufferFor(LocationType.STUDENT_LOCATION).beforeMinutes()).isEqualTo(45);
        assertThat(stored.bufferFor(LocationType.ONLINE).afterMinutes()).as("default buffer").isEqualTo(15);
    }

    @Test
    void aProfileSavedWithoutAnAddressTakesTheTokensAndShowsItToTheInstructor() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TestEvents.sample("put-profile.json"), null);

        assertThat(response.getBody()).contains("\"email\":\"inst_42@example.com\"");
        assertThat(new DynamoProfileStore(tables).find("inst_42").orElseThrow().email()).isEqualTo("inst_42@example.com");
    }

    @Test
    void anAddressThatIsNotOneIsAFieldErrorAndStoresNothing() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TestEvents.fromSample("put-profile.json")
                .as("inst_mail", "instructor").pathParam("instructorId", "inst_mail")
                .json("{\"timezone\":\"Europe/Berlin\",\"email\":\"inst at example\",\"services\":[]}").event(), null);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(response.getBody()).contains("\"code\":\"VALIDATION_FAILED\"", "\"field\":\"email\"")
                .doesNotContain("inst at example");
        assertThat(new DynamoProfileStore(tables).find("inst_mail")).isEmpty();
    }

    @Test
    void anAdminsSaveWithoutAnAddressKeepsTheStoredOne() {
        String body = "{\"timezone\":\"Europe/Berlin\",\"services\":[]}";
        handler.handleRequest(TestEvents.fromSample("put-profile.json").pathParam("instructorId", "inst_kept")
                .claims(java.util.Map.of("sub", "inst_kept", "role", "instructor", "email", "kept@example.com")).json(body)
                .event(), null);

        APIGatewayV2HTTPResponse response = handler.handleRequest(TestEvents.fromSample("put-profile.json")
                .pathParam("instructorId", "inst_kept")
                .claims(java.util.Map.of("sub", "root", "role", "admin", "email", "root@example.com")).json(body).event(), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"email\":\"kept@example.com\"");
        assertThat(new DynamoProfileStore(tables).find("inst_kept").orElseThrow().email()).isEqualTo("kept@example.com");
    }

    @Test
    void anotherInstructorCannotWriteTheProfile() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                TestEvents.fromSample("put-profile.json").as("inst_99", "instructor").pathParam("instructorId", "inst_77").event(), null);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(new DynamoProfileStore(tables).find("inst_77")).isEmpty();
    }

    @Test
    void anInvalidTimezoneIsAFieldErrorAndStoresNothing() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TestEvents.fromSample("put-profile.json")
                .as("inst_55", "instructor").pathParam("instructorId", "inst_55")
                .json("{\"timezone\":\"Mars/Olympus\",\"services\":[]}").event(), null);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getBody()).contains("\"code\":\"VALIDATION_FAILED\"", "\"field\":\"timezone\"");
        assertThat(new DynamoProfileStore(tables).find("inst_55")).isEmpty();
    }

    @Test
    void bookingRulesAreStoredAndShownWithEveryDefaultFilledIn() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TestEvents.fromSample("put-profile.json")
                .as("inst_rules", "instructor").pathParam("instructorId", "inst_rules")
                .json("{\"timezone\":\"Europe/Berlin\",\"bookingRules\":{\"minimumNoticeMinutes\":{\"online\":1440},"
                        + "\"maxLessonsPerDay\":4},\"services\":[]}").event(), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"bookingRules\":{\"minimumNoticeMinutes\":{\"online\":1440,"
                + "\"instructor_location\":60,\"student_location\":180},\"maxAdvanceDays\":180,\"maxLessonsPerDay\":4}");
        BookingLimits stored = new DynamoProfileStore(tables).find("inst_rules").orElseThrow().bookingLimits();
        assertThat(stored.noticeMinutesFor(LocationType.ONLINE)).isEqualTo(1440);
        assertThat(stored.maxLessonsPerDay()).hasValue(4);
    }

    @Test
    void bookingRulesOutOfRangeAreFieldErrorsAndStoreNothing() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TestEvents.fromSample("put-profile.json")
                .as("inst_bad_rules", "instructor").pathParam("instructorId", "inst_bad_rules")
                .json("{\"timezone\":\"Europe/Berlin\",\"bookingRules\":{\"minimumNoticeMinutes\":{\"student_location\":-5},"
                        + "\"maxAdvanceDays\":731,\"maxLessonsPerDay\":0},\"services\":[]}").event(), null);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getBody()).contains("\"code\":\"VALIDATION_FAILED\"",
                "\"field\":\"bookingRules.minimumNoticeMinutes.student_location\"",
                "\"field\":\"bookingRules.maxAdvanceDays\"", "\"field\":\"bookingRules.maxLessonsPerDay\"");
        assertThat(new DynamoProfileStore(tables).find("inst_bad_rules")).isEmpty();
    }

    @Test
    void primingBeforeTheSnapshotWritesNothing(LocalServers.Endpoints endpoints) {
        PrimingCheck.writesNothing(PutProfileHandler.PRIMING, endpoints);
    }
}
