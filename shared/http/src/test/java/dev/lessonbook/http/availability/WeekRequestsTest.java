package dev.lessonbook.http.availability;

import static dev.lessonbook.http.Outcomes.fieldErrors;
import static dev.lessonbook.http.Outcomes.fields;
import static dev.lessonbook.http.Outcomes.rejected;
import static dev.lessonbook.http.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Role;
import dev.lessonbook.availability.SaveWeekCommand;
import dev.lessonbook.availability.WindowOnDate;
import dev.lessonbook.http.ApiRequest;
import dev.lessonbook.http.CallerResolver;
import dev.lessonbook.http.TestEvents;
import dev.lessonbook.http.WireFormats;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection.FieldError;
import dev.lessonbook.problem.Result;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WeekRequestsTest {
    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

    private static Result<SaveWeekCommand> save(APIGatewayV2HTTPEvent event) {
        return WeekRequests.saveWeek(ApiRequest.of(event, new CallerResolver("role")));
    }

    private static Result<SaveWeekCommand> save(String body) {
        return save(put().json(body).event());
    }

    private static TestEvents.Builder put() {
        return TestEvents.request("PUT", "/v1/instructors/i1/availability/weeks/2026-12-07").as("i1", "instructor")
                .pathParam("instructorId", "i1").pathParam("weekStart", "2026-12-07");
    }

    private static String window(String date, String start, String end) {
        return "{\"date\":\"" + date + "\",\"start\":\"" + start + "\",\"end\":\"" + end + "\"}";
    }

    @Test
    void sampleEventBecomesTheCommand() {
        SaveWeekCommand command = value(save(TestEvents.sample("save-availability.json")));

        assertThat(command.caller()).isEqualTo(new Caller("inst_42", Role.INSTRUCTOR));
        assertThat(command.instructorId()).isEqualTo("inst_42");
        assertThat(command.weekStart()).isEqualTo(MONDAY);
        assertThat(command.windows()).containsExactly(
                new WindowOnDate(MONDAY, 540, 600),
                new WindowOnDate(MONDAY, 600, 720),
                new WindowOnDate(MONDAY.plusDays(2), 870, 1440));
        assertThat(command.clearExisting()).isTrue();
        assertThat(command.ifMatch()).contains("\"q7W2n9Rj3kLm0Xa1\"");
    }

    @Test
    void clearExistingDefaultsToTrueAndCanBeFalse() {
        assertThat(value(save("{\"windows\":[]}")).clearExisting()).isTrue();
        assertThat(value(save("{\"windows\":[],\"clearExisting\":false}")).clearExisting()).isFalse();
    }

    @Test
    void ifMatchIsPassedOnBareOrQuotedAndStarIsNoPrecondition() {
        assertThat(value(save(put().header("If-Match", "abc").json("{\"windows\":[]}").event())).ifMatch()).contains("abc");
        assertThat(value(save(put().header("if-match", " \"abc\" ").json("{\"windows\":[]}").event())).ifMatch()).contains("\"abc\"");
        assertThat(value(save(put().header("If-Match", "*").json("{\"windows\":[]}").event())).ifMatch()).isEmpty();
        assertThat(value(save("{\"windows\":[]}")).ifMatch()).isEmpty();
    }

    @Test
    void endOfDayIs24Hundred() {
        assertThat(value(save("{\"windows\":[" + window("2026-12-07", "22:00", "24:00") + "]}")).windows())
                .containsExactly(new WindowOnDate(MONDAY, 1320, 1440));
    }

    @Test
    void timesPastMidnightAreLeftToTheDomainRules() {
        assertThat(value(save("{\"windows\":[" + window("2026-12-07", "23:00", "24:05") + "," + window("2026-12-08", "24:00", "25:00") + "]}")).windows())
                .containsExactly(new WindowOnDate(MONDAY, 1380, 1445), new WindowOnDate(MONDAY.plusDays(1), 1440, 1500));
    }

    @Test
    void dateThatDoesNotExistFailsValidation() {
        assertThat(fieldErrors(save("{\"windows\":[" + window("2026-02-30", "09:00", "10:00") + "]}")))
                .containsExactly(new FieldError("windows[0].date", "2026-02-30 is not a day of the calendar"));
    }

    @Test
    void timeWithoutTwoDigitHoursFailsValidation() {
        assertThat(fieldErrors(save("{\"windows\":[" + window("2026-12-07", "9:00", "10:00") + "]}")))
                .containsExactly(new FieldError("windows[0].start", WireFormats.TIME_RULE));
    }

    @Test
    void unknownFieldFailsValidation() {
        assertThat(fields(save("{\"windows\":[],\"timezone\":\"UTC\"}"))).containsExactly("timezone");
        assertThat(fields(save("{\"windows\":[{\"date\":\"2026-12-07\",\"start\":\"09:00\",\"end\":\"10:00\",\"note\":\"x\"}]}")))
                .containsExactly("windows[0].note");
    }

    @Test
    void wrongTypesFailValidation() {
        assertThat(fieldErrors(save("{\"windows\":{},\"clearExisting\":\"yes\"}"))).containsExactly(
                new FieldError("windows", "must be an array"), new FieldError("clearExisting", "must be true or false"));
        assertThat(fieldErrors(save("{\"windows\":[{\"date\":20261207,\"start\":900,\"end\":null}]}"))).containsExactly(
                new FieldError("windows[0].date", "must be a string"), new FieldError("windows[0].start", "must be a string"),
                new FieldError("windows[0].end", "is required"));
    }

    @Test
    void missingWindowsFailsValidation() {
        assertThat(fieldErrors(save("{}"))).containsExactly(new FieldError("windows", "is required"));
    }

    @Test
    void moreThan200WindowsFailValidation() {
        String windows = String.join(",", java.util.Collections.nCopies(201, window("2026-12-07", "09:00", "09:05")));

        assertThat(fieldErrors(save("{\"windows\":[" + windows + "]}")))
                .containsExactly(new FieldError("windows", "must have at most 200 items, got 201"));
    }

    @Test
    void weekStartThatIsNoDateFailsValidationWithTheBodyErrors() {
        APIGatewayV2HTTPEvent event = put().pathParam("weekStart", "2026-02-30")
                .json("{\"windows\":[" + window("2026-12-07", "9:00", "10:00") + "]}").event();

        assertThat(fields(save(event))).containsExactly("weekStart", "windows[0].start");
    }

    @Test
    void aWeekStartMustLieBetween1900And2200() {
        APIGatewayV2HTTPEvent early = put().pathParam("weekStart", "1899-12-25").json("{\"windows\":[]}").event();
        TestEvents.Builder get = TestEvents.request("GET", "/v1/instructors/i1/availability/weeks/2201-01-04")
                .pathParam("instructorId", "i1").pathParam("weekStart", "2201-01-04");

        assertThat(fields(save(early))).containsExactly("weekStart");
        assertThat(fields(WeekRequests.readWeek(get.build()))).containsExactly("weekStart");
        assertThat(fields(save("{\"windows\":[" + window("1899-12-31", "09:00", "10:00") + "]}")))
                .containsExactly("windows[0].date");
    }

    @Test
    void anotherInstructorIsForbiddenBeforeTheBodyIsRead() {
        rejected(save(put().as("i2", "instructor").json("not json").event()), ProblemCode.FORBIDDEN);
        rejected(save(put().as("s1", "student").json("{}").event()), ProblemCode.FORBIDDEN);
    }

    @Test
    void adminMayWriteAnyInstructorsWeek() {
        assertThat(value(save(put().as("root", "admin").json("{\"windows\":[]}").event())).caller().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void missingClaimsAreUnauthenticated() {
        rejected(save(put().claims(null).json("{\"windows\":[]}").event()), ProblemCode.UNAUTHENTICATED);
    }

    @Test
    void unknownRoleIsForbidden() {
        rejected(save(put().as("i1", "teacher").json("{\"windows\":[]}").event()), ProblemCode.FORBIDDEN);
    }

    @Test
    void instructorIdThatCannotExistIsNotFound() {
        rejected(save(put().as("root", "admin").pathParam("instructorId", "i1;drop").json("{\"windows\":[]}").event()),
                ProblemCode.NOT_FOUND);
    }

    @Test
    void bodyProblemsAnswerBeforeFieldProblems() {
        rejected(save(put().body("{\"windows\":[]}").header("content-type", "text/plain").event()), ProblemCode.UNSUPPORTED_MEDIA_TYPE);
        rejected(save(put().json("{\"windows\":[],\"windows\":[]}").event()), ProblemCode.MALFORMED_JSON);
        rejected(save(put().json("").event()), ProblemCode.MALFORMED_JSON);
    }

    @Test
    void readingAWeekTakesTheBookableView() {
        TestEvents.Builder get = TestEvents.request("GET", "/v1/instructors/i1/availability/weeks/2026-12-07")
                .pathParam("instructorId", "i1").pathParam("weekStart", "2026-12-07");

        assertThat(value(WeekRequests.readWeek(get.build())).bookable()).isFalse();
        assertThat(value(WeekRequests.readWeek(get.query("view", "bookable").build())))
                .isEqualTo(new WeekRequests.WeekQuery(new Caller("u1", Role.STUDENT), "i1", MONDAY, true));
        assertThat(fields(WeekRequests.readWeek(get.query("view", "all").pathParam("weekStart", "next").build())))
                .containsExactly("weekStart", "view");
    }
}
