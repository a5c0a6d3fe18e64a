package dev.lessonbook.functions.availability;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.calendar.DynamoCalendarDays;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.http.TestEvents;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The three time-off routes through the real handler, on moto. */
@ExtendWith(LocalServersExtension.class)
class TimeOffHandlerIT {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate SOON = LocalDate.now(BERLIN).plusDays(5);

    private static Tables tables;
    private static TimeOffHandler handler;

    @BeforeAll
    static void handlerOnTheEmulator(LocalServers.Endpoints endpoints) {
        tables = FunctionEnvironment.prepare(endpoints);
        for (String instructor : List.of("inst_42", "inst_off", "inst_list")) {
            new DynamoProfileStore(tables).save(new InstructorProfile(instructor, BERLIN, Map.of(), List.of(new LessonService(
                    "guitar", "Guitar", List.of(60), Map.of(LocationType.ONLINE, 6000L), "usd", true))));
        }
        handler = new TimeOffHandler();
    }

    private static TestEvents.Builder put(String instructor, LocalDate date) {
        return TestEvents.fromSample("put-time-off.json").as(instructor, "instructor")
                .pathParam("instructorId", instructor).pathParam("date", date.toString());
    }

    private static TestEvents.Builder delete(String instructor, LocalDate date) {
        return TestEvents.fromSample("delete-time-off.json").as(instructor, "instructor")
                .pathParam("instructorId", instructor).pathParam("date", date.toString());
    }

    @Test
    void theInstructorTakesADayOffWithAReasonAndSeesTheLessonsItHolds() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(put("inst_42", SOON).event(), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("{\"date\":\"" + SOON + "\",\"reason\":\"Christmas Eve with the family\","
                + "\"confirmedBookings\":0}");
        assertThat(new DynamoCalendarDays(tables).find("inst_42", SOON, SOON).get(SOON).isOff()).isTrue();
    }

    @Test
    void aDayOffEndsWith204AndEndingItAgainIsNotFound() {
        handler.handleRequest(put("inst_off", SOON).json("{}").event(), null);

        APIGatewayV2HTTPResponse ended = handler.handleRequest(delete("inst_off", SOON).event(), null);
        APIGatewayV2HTTPResponse again = handler.handleRequest(delete("inst_off", SOON).event(), null);

        assertThat(ended.getStatusCode()).isEqualTo(204);
        assertThat(ended.getBody()).isNull();
        assertThat(again.getStatusCode()).isEqualTo(404);
        assertThat(again.getBody()).contains("\"code\":\"NOT_FOUND\"", "No time off on " + SOON);
    }

    @Test
    void theListShowsTheDaysOffInTheRangeByDate() {
        handler.handleRequest(put("inst_list", SOON.plusDays(2)).json("{\"reason\":\"conference\"}").event(), null);
        handler.handleRequest(put("inst_list", SOON).body("").event(), null);

        APIGatewayV2HTTPResponse response = handler.handleRequest(TestEvents.fromSample("list-time-off.json")
                .as("inst_list", "instructor").pathParam("instructorId", "inst_list")
                .query("from", SOON.toString()).query("to", SOON.plusDays(2).toString()).event(), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("{\"items\":[{\"date\":\"" + SOON + "\",\"reason\":null},"
                + "{\"date\":\"" + SOON.plusDays(2) + "\",\"reason\":\"conference\"}]}");
    }

    @Test
    void anotherInstructorMayNeitherTakeNorListTheDaysOff() {
        APIGatewayV2HTTPResponse taking = handler.handleRequest(put("inst_42", SOON).as("inst_99", "instructor").event(), null);
        APIGatewayV2HTTPResponse listing = handler.handleRequest(TestEvents.fromSample("list-time-off.json")
                .as("stud_7", "student").event(), null);

        assertThat(taking.getStatusCode()).isEqualTo(403);
        assertThat(listing.getStatusCode()).isEqualTo(403);
    }

    @Test
    void badInputIsAClear4xxAndChangesNothing() {
        APIGatewayV2HTTPResponse past = handler.handleRequest(put("inst_42", LocalDate.now(BERLIN).minusDays(2)).event(), null);
        APIGatewayV2HTTPResponse longReason = handler.handleRequest(put("inst_42", SOON.plusDays(9))
                .json("{\"reason\":\"" + "x".repeat(201) + "\"}").event(), null);
        APIGatewayV2HTTPResponse badDate = handler.handleRequest(put("inst_42", SOON).pathParam("date", "2027-02-30").event(), null);
        APIGatewayV2HTTPResponse unknown = handler.handleRequest(put("inst_42", SOON.plusDays(9)).json("{\"why\":\"x\"}").event(), null);
        APIGatewayV2HTTPResponse noProfile = handler.handleRequest(put("inst_nobody", SOON).event(), null);
        APIGatewayV2HTTPResponse longRange = handler.handleRequest(TestEvents.fromSample("list-time-off.json")
                .query("from", "2027-01-01").query("to", "2028-01-02").event(), null);

        assertThat(past.getStatusCode()).isEqualTo(422);
        assertThat(past.getBody()).contains("\"code\":\"PAST_DATE\"");
        assertThat(longReason.getStatusCode()).isEqualTo(422);
        assertThat(longReason.getBody()).contains("\"field\":\"reason\"");
        assertThat(badDate.getStatusCode()).isEqualTo(422);
        assertThat(badDate.getBody()).contains("\"field\":\"date\"");
        assertThat(unknown.getStatusCode()).isEqualTo(422);
        assertThat(unknown.getBody()).contains("\"field\":\"why\"");
        assertThat(noProfile.getStatusCode()).isEqualTo(404);
        assertThat(longRange.getStatusCode()).isEqualTo(422);
        assertThat(longRange.getBody()).contains("\"field\":\"to\"");
        assertThat(new DynamoCalendarDays(tables).find("inst_42", SOON.plusDays(9), SOON.plusDays(9))).isEmpty();
    }
}
