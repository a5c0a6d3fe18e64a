package dev.lessonbook.functions.availability;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.availability.AvailabilityStore.VersionedWeek;
import dev.lessonbook.availability.DaySlots;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.PrimingCheck;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.availability.DynamoAvailabilityStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.http.TestEvents;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalServersExtension.class)
class SaveAvailabilityHandlerIT {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** The Monday two weeks ahead, so the sample's shape is tested on dates that stay in the future. */
    private static final LocalDate MONDAY = LocalDate.now(BERLIN).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(1);

    private static Tables tables;
    private static SaveAvailabilityHandler handler;

    @BeforeAll
    static void handlerOnTheEmulator(LocalServers.Endpoints endpoints) {
        tables = FunctionEnvironment.prepare(endpoints);
        for (String instructor : List.of("inst_42", "inst_43", "inst_44", "inst_copy")) {
            new DynamoProfileStore(tables).save(new InstructorProfile(instructor, BERLIN, Map.of(), List.of(
                    new LessonService("guitar", "Guitar", List.of(60), Map.of(LocationType.ONLINE, 6000L), "usd", true))));
        }
        handler = new SaveAvailabilityHandler();
    }

    @Test
    void theSampleWeekIsSavedMergedAndVersioned() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(week("inst_42", """
                {"windows":[{"date":"%1$s","start":"09:00","end":"10:00"},{"date":"%1$s","start":"10:00","end":"12:00"},
                 {"date":"%2$s","start":"14:30","end":"24:00"}],"clearExisting":true}""".formatted(MONDAY, MONDAY.plusDays(2)))
                .event(), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        VersionedWeek stored = new DynamoAvailabilityStore(tables).findWeek("inst_42", MONDAY).orElseThrow();
        assertThat(response.getHeaders()).containsEntry("ETag", "\"" + stored.version() + "\"");
        assertThat(response.getBody()).contains(
                "\"days\":{\"%s\":[{\"start\":\"09:00\",\"end\":\"12:00\"}],\"%s\":[{\"start\":\"14:30\",\"end\":\"24:00\"}]}"
                        .formatted(MONDAY, MONDAY.plusDays(2)));
        assertThat(stored.week().day(MONDAY)).isEqualTo(DaySlots.empty().open(9 * 60, 12 * 60));
    }

    @Test
    void overlappingWindowsAreRejectedWithTheExactDetailAndNothingIsWritten() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(week("inst_43", """
                {"windows":[{"date":"%1$s","start":"10:00","end":"11:00"},{"date":"%1$s","start":"10:30","end":"11:30"}]}"""
                .formatted(MONDAY)).event(), null);

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(response.getBody()).contains("\"code\":\"AVAILABILITY_OVERLAP\"",
                "\"detail\":\"Overlapping window on %s: 10:30–11:30 conflicts with 10:00–11:00\"".formatted(MONDAY),
                "\"window\":{\"start\":\"10:30\",\"end\":\"11:30\"}", "\"conflictsWith\":{\"start\":\"10:00\",\"end\":\"11:00\"}");
        assertThat(new DynamoAvailabilityStore(tables).findWeek("inst_43", MONDAY)).isEmpty();
    }

    @Test
    void aStaleIfMatchIsAPreconditionFailureWithTheCurrentVersion() {
        String body = "{\"windows\":[{\"date\":\"%s\",\"start\":\"09:00\",\"end\":\"10:00\"}]}".formatted(MONDAY);
        APIGatewayV2HTTPResponse first = handler.handleRequest(week("inst_44", body).event(), null);

        APIGatewayV2HTTPResponse stale = handler.handleRequest(week("inst_44",
                "{\"windows\":[{\"date\":\"%s\",\"start\":\"13:00\",\"end\":\"14:00\"}]}".formatted(MONDAY))
                .header("if-match", "\"not-the-version\"").event(), null);

        assertThat(stale.getStatusCode()).isEqualTo(412);
        String currentVersion = first.getHeaders().get("ETag").replace("\"", "");
        assertThat(stale.getBody()).contains("\"code\":\"VERSION_MISMATCH\"", "\"currentVersion\":\"" + currentVersion + "\"");
        assertThat(new DynamoAvailabilityStore(tables).findWeek("inst_44", MONDAY).orElseThrow().week().day(MONDAY))
                .isEqualTo(DaySlots.empty().open(9 * 60, 10 * 60));
    }

    @Test
    void anInstructorWithoutProfileCannotSaveAvailability() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(week("inst_new",
                "{\"windows\":[{\"date\":\"%s\",\"start\":\"09:00\",\"end\":\"10:00\"}]}".formatted(MONDAY)).event(), null);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(new DynamoAvailabilityStore(tables).findWeek("inst_new", MONDAY)).isEmpty();
    }

    @Test
    void aWeekIsCopiedOntoTargetsThatHadWindowsReplacingThem() {
        handler.handleRequest(week("inst_copy", "{\"windows\":[{\"date\":\"%s\",\"start\":\"09:00\",\"end\":\"12:00\"}]}"
                .formatted(MONDAY.plusDays(1))).event(), null);
        LocalDate had = MONDAY.plusWeeks(2);
        handler.handleRequest(week("inst_copy", "{\"windows\":[{\"date\":\"%s\",\"start\":\"15:00\",\"end\":\"16:00\"}]}"
                .formatted(had)).pathParam("weekStart", had.toString()).event(), null);

        APIGatewayV2HTTPResponse response = handler.handleRequest(copy("inst_copy",
                "{\"targetWeekStarts\":[\"%s\",\"%s\"]}".formatted(had, MONDAY.plusWeeks(3))).event(), null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(response.getBody()).startsWith("{\"items\":[{\"instructorId\":\"inst_copy\",\"weekStart\":\"" + had + "\"")
                .contains("\"days\":{\"%s\":[{\"start\":\"09:00\",\"end\":\"12:00\"}]}".formatted(had.plusDays(1)),
                        "\"days\":{\"%s\":[{\"start\":\"09:00\",\"end\":\"12:00\"}]}".formatted(MONDAY.plusWeeks(3).plusDays(1)));
        DynamoAvailabilityStore stored = new DynamoAvailabilityStore(tables);
        assertThat(stored.findWeek("inst_copy", had).orElseThrow().week().days()).containsOnlyKeys(had.plusDays(1));
        assertThat(stored.findDay("inst_copy", had)).isEqualTo(DaySlots.empty());
    }

    @Test
    void aCopyWithABadTargetWritesNothing() {
        APIGatewayV2HTTPResponse sourceAgain = handler.handleRequest(copy("inst_copy",
                "{\"targetWeekStarts\":[\"%s\",\"%s\"]}".formatted(MONDAY.plusWeeks(8), MONDAY)).event(), null);
        APIGatewayV2HTTPResponse none = handler.handleRequest(copy("inst_copy", "{\"targetWeekStarts\":[]}").event(), null);
        APIGatewayV2HTTPResponse past = handler.handleRequest(copy("inst_copy",
                "{\"targetWeekStarts\":[\"%s\",\"%s\"]}".formatted(MONDAY.plusWeeks(8), MONDAY.minusWeeks(4))).event(), null);

        assertThat(sourceAgain.getStatusCode()).isEqualTo(422);
        assertThat(sourceAgain.getBody()).contains("\"field\":\"targetWeekStarts[1]\"");
        assertThat(none.getStatusCode()).isEqualTo(422);
        assertThat(none.getBody()).contains("\"field\":\"targetWeekStarts\"");
        assertThat(past.getStatusCode()).isEqualTo(422);
        assertThat(past.getBody()).contains("\"code\":\"PAST_DATE\"");
        assertThat(new DynamoAvailabilityStore(tables).findWeek("inst_copy", MONDAY.plusWeeks(8))).isEmpty();
    }

    private static TestEvents.Builder copy(String instructor, String body) {
        return TestEvents.request("POST", "/v1/instructors/" + instructor + "/availability/weeks/" + MONDAY + "/copy")
                .as(instructor, "instructor")
                .pathParam("instructorId", instructor)
                .pathParam("weekStart", MONDAY.toString())
                .json(body);
    }

    private static TestEvents.Builder week(String instructor, String body) {
        return TestEvents.fromSample("save-availability.json")
                .as(instructor, "instructor")
                .pathParam("instructorId", instructor)
                .pathParam("weekStart", MONDAY.toString())
                .withoutHeader("if-match")
                .json(body);
    }

    @Test
    void primingBeforeTheSnapshotWritesNothing(LocalServers.Endpoints endpoints) {
        PrimingCheck.writesNothing(SaveAvailabilityHandler.PRIMING, endpoints);
    }
}
