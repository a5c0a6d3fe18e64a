package dev.lessonbook.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.availability.AvailabilityStore.VersionedWeek;
import dev.lessonbook.availability.DaySlots;
import dev.lessonbook.availability.SaveWeekCommand;
import dev.lessonbook.availability.WeekAvailability;
import dev.lessonbook.availability.WindowOnDate;
import dev.lessonbook.http.availability.WeekJson;
import dev.lessonbook.http.availability.WeekRequests;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Result;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shape a function's handler takes: a route built once, and one line per request. */
class OneLineHandlerTest {

    /** Stands in for the availability use case: opens the windows as given, no rules. */
    static Result<VersionedWeek> save(SaveWeekCommand command) {
        if (command.ifMatch().isPresent() && !command.ifMatch().get().equals("\"v0\"")) {
            return Result.rejected(dev.lessonbook.problem.Rejection.of(ProblemCode.VERSION_MISMATCH, "changed")
                    .with(new dev.lessonbook.availability.WeekExtras.CurrentVersion("v0")));
        }
        Map<java.time.LocalDate, DaySlots> days = new HashMap<>();
        for (WindowOnDate window : command.windows()) {
            days.merge(window.date(), DaySlots.empty().open(window.startMinute(), window.endMinute()), DaySlots::union);
        }
        return Result.ok(VersionedWeek.of(new WeekAvailability(command.instructorId(), command.weekStart(), days)));
    }

    public static final class SaveAvailabilityHandler
            implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        private static final Route ROUTE = Route.reading(WeekRequests::saveWeek)
                .then(OneLineHandlerTest::save)
                .respond(week -> WeekJson.response(week, ZoneId.of("Europe/Berlin")));

        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            return ROUTE.handle(event, context);
        }
    }

    @Test
    void sampleEventThroughTheHandlerAnswersProblemOrWeek() {
        APIGatewayV2HTTPEvent event = TestEvents.sample("save-availability.json");

        APIGatewayV2HTTPResponse mismatch = new SaveAvailabilityHandler().handleRequest(event, new FakeContext("r1"));
        assertThat(mismatch.getStatusCode()).isEqualTo(412);
        assertThat(mismatch.getBody()).contains("\"currentVersion\":\"v0\"").contains("\"instance\":\"/v1/instructors/inst_42/availability/weeks/2026-12-07\"");

        event.getHeaders().remove("if-match");
        APIGatewayV2HTTPResponse saved = new SaveAvailabilityHandler().handleRequest(event, new FakeContext("r2"));
        assertThat(saved.getStatusCode()).isEqualTo(200);
        assertThat(saved.getHeaders()).containsKey("ETag").containsEntry("Content-Type", "application/json");
        assertThat(saved.getBody()).contains("\"days\":{\"2026-12-07\":[{\"start\":\"09:00\",\"end\":\"12:00\"}],"
                + "\"2026-12-09\":[{\"start\":\"14:30\",\"end\":\"24:00\"}]}");
    }
}
