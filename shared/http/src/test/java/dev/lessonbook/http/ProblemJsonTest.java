package dev.lessonbook.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.booking.ConflictScope;
import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.json.Json;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection.FieldError;
import dev.lessonbook.problem.Rejection;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProblemJsonTest {

    @Test
    void typeIsTheCodeInLowerKebabCase() {
        assertThat(ProblemJson.type(ProblemCode.VERSION_MISMATCH)).isEqualTo("https://lessonbook.dev/problems/version-mismatch");
        assertThat(ProblemJson.type(ProblemCode.MALFORMED_JSON)).isEqualTo("https://lessonbook.dev/problems/malformed-json");
    }

    @Test
    void documentHasTheStandardMembers() {
        String json = Json.write(ProblemJson.render(
                Rejection.of(ProblemCode.NOT_FOUND, "No booking b1"), "/v1/bookings/b1").document());

        assertThat(json).isEqualTo("{\"type\":\"https://lessonbook.dev/problems/not-found\",\"title\":\"Not found\","
                + "\"status\":404,\"detail\":\"No booking b1\",\"code\":\"NOT_FOUND\",\"instance\":\"/v1/bookings/b1\"}");
    }

    @Test
    void overlapExtrasRenderAsObjects() {
        Rejection overlap = Rejection.of(ProblemCode.AVAILABILITY_OVERLAP,
                        "Overlapping window on 2026-12-07: 10:30–11:30 conflicts with 10:00–11:00")
                .with("date", LocalDate.of(2026, 12, 7))
                .with("window", new TimeWindow(630, 690))
                .with("conflictsWith", new TimeWindow(600, 660));

        var document = ProblemJson.render(overlap, "/v1/instructors/i1/availability/weeks/2026-12-07").document();

        assertThat(document).containsEntry("date", "2026-12-07");
        assertThat(Json.write(document.get("window"))).isEqualTo("{\"start\":\"10:30\",\"end\":\"11:30\"}");
        assertThat(Json.write(document.get("conflictsWith"))).isEqualTo("{\"start\":\"10:00\",\"end\":\"11:00\"}");
    }

    @Test
    void fieldErrorsRenderAsFieldAndMessage() {
        var document = ProblemJson.render(Rejection.validation(List.of(
                new FieldError("windows[0].date", "2026-02-30 is not a day of the calendar"),
                new FieldError("note", "must be at most 1000 characters"))), "/v1/bookings").document();

        assertThat(Json.write(document.get("errors"))).isEqualTo(
                "[{\"field\":\"windows[0].date\",\"message\":\"2026-02-30 is not a day of the calendar\"},"
                        + "{\"field\":\"note\",\"message\":\"must be at most 1000 characters\"}]");
        assertThat(document).containsEntry("detail", "2 fields are invalid");
    }

    @Test
    void enumsWithAWireNameUseIt() {
        var document = ProblemJson.render(Rejection.of(ProblemCode.BOOKING_CONFLICT, ConflictScope.STUDENT.detail())
                .with("conflictScope", ConflictScope.STUDENT), "/v1/bookings").document();

        assertThat(document).containsEntry("conflictScope", "student");
    }

    @Test
    void extraOfUnknownTypeIsLeftOutNotPrintedWithItsClassName() {
        record Internal(String secret) {}
        var rendered = ProblemJson.render(Rejection.of(ProblemCode.NOT_FOUND, "x")
                .with("thing", new Internal("pi_123")).with("currentVersion", "v1"), "/x");

        assertThat(rendered.document()).doesNotContainKey("thing").containsEntry("currentVersion", "v1");
        assertThat(rendered.unrenderedExtras()).containsExactly("thing");
    }

    @Test
    void anExtraWithAnUnknownTypeInsideIsLeftOutWhole() {
        record Internal(String secret) {}
        var rendered = ProblemJson.render(Rejection.of(ProblemCode.NOT_FOUND, "x")
                .with("things", List.of("fine", new Internal("pi_123"))), "/x");

        assertThat(rendered.document()).doesNotContainKey("things");
        assertThat(rendered.unrenderedExtras()).containsExactly("things");
    }

    @Test
    void absentExtrasRenderAsJsonNull() {
        var document = ProblemJson.render(Rejection.of(ProblemCode.NOT_FOUND, "x")
                .with("missing", null).with("empty", Optional.empty()), "/x").document();

        assertThat(Json.write(document)).endsWith(",\"empty\":null,\"missing\":null}");
    }

    @Test
    void extrasCannotOverwriteStandardMembers() {
        var rendered = ProblemJson.render(Rejection.of(ProblemCode.NOT_FOUND, "x").with("status", 200), "/x");

        assertThat(rendered.document()).containsEntry("status", 404);
        assertThat(rendered.unrenderedExtras()).containsExactly("status");
    }
}
