package dev.lessonbook.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.availability.AvailabilityOverlap;
import dev.lessonbook.availability.WeekExtras;
import dev.lessonbook.booking.ConflictScope;
import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection.FieldError;
import dev.lessonbook.problem.Rejection;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemJsonTest {

    @Test
    void typeIsTheCodeInLowerKebabCase() {
        assertThat(ProblemJson.type(ProblemCode.VERSION_MISMATCH)).isEqualTo("https://lessonbook.dev/problems/version-mismatch");
        assertThat(ProblemJson.type(ProblemCode.MALFORMED_JSON)).isEqualTo("https://lessonbook.dev/problems/malformed-json");
    }

    @Test
    void documentHasTheStandardMembers() {
        String json = Written.json(ProblemJson.render(
                Rejection.of(ProblemCode.NOT_FOUND, "No booking b1"), "/v1/bookings/b1").document());

        assertThat(json).isEqualTo("{\"type\":\"https://lessonbook.dev/problems/not-found\",\"title\":\"Not found\","
                + "\"status\":404,\"detail\":\"No booking b1\",\"code\":\"NOT_FOUND\",\"instance\":\"/v1/bookings/b1\"}");
    }

    @Test
    void overlapExtrasRenderAsObjects() {
        Rejection overlap = new AvailabilityOverlap(LocalDate.of(2026, 12, 7), new TimeWindow(630, 690),
                new TimeWindow(600, 660)).rejection();

        var document = ProblemJson.render(overlap, "/v1/instructors/i1/availability/weeks/2026-12-07").document();

        assertThat(document.extras()).containsEntry("date", "2026-12-07");
        assertThat(Written.json(document.extras().get("window"))).isEqualTo("{\"start\":\"10:30\",\"end\":\"11:30\"}");
        assertThat(Written.json(document.extras().get("conflictsWith"))).isEqualTo("{\"start\":\"10:00\",\"end\":\"11:00\"}");
        assertThat(Written.json(document)).isEqualTo("{\"type\":\"https://lessonbook.dev/problems/availability-overlap\","
                + "\"title\":\"Availability overlap\",\"status\":409,"
                + "\"detail\":\"Overlapping window on 2026-12-07: 10:30–11:30 conflicts with 10:00–11:00\","
                + "\"code\":\"AVAILABILITY_OVERLAP\",\"instance\":\"/v1/instructors/i1/availability/weeks/2026-12-07\","
                + "\"conflictsWith\":{\"start\":\"10:00\",\"end\":\"11:00\"},\"date\":\"2026-12-07\","
                + "\"window\":{\"start\":\"10:30\",\"end\":\"11:30\"}}");
    }

    @Test
    void fieldErrorsRenderAsFieldAndMessage() {
        var document = ProblemJson.render(Rejection.validation(List.of(
                new FieldError("windows[0].date", "2026-02-30 is not a day of the calendar"),
                new FieldError("note", "must be at most 1000 characters"))), "/v1/bookings").document();

        assertThat(Written.json(document.extras().get("errors"))).isEqualTo(
                "[{\"field\":\"windows[0].date\",\"message\":\"2026-02-30 is not a day of the calendar\"},"
                        + "{\"field\":\"note\",\"message\":\"must be at most 1000 characters\"}]");
        assertThat(document.detail()).isEqualTo("2 fields are invalid");
    }

    @Test
    void theConflictScopeIsItsWireName() {
        var document = ProblemJson.render(ConflictScope.STUDENT.rejection(), "/v1/bookings").document();

        assertThat(document.extras()).containsEntry("conflictScope", "student");
        assertThat(document.detail()).isEqualTo(ConflictScope.STUDENT.detail());
        assertThat(document.status()).isEqualTo(409);
    }

    @Test
    void membersOfSeveralExtrasAreInNameOrder() {
        var document = ProblemJson.render(Rejection.of(ProblemCode.VERSION_MISMATCH, "x")
                .with(new WeekExtras.CurrentVersion("v1")).with(new ProblemJson.CorrelationId("c-1")), "/x").document();

        assertThat(Written.json(document)).startsWith("{\"type\":").contains(
                "\"code\":\"VERSION_MISMATCH\",\"instance\":\"/x\",\"correlationId\":\"c-1\",\"currentVersion\":\"v1\"}");
    }

    /** Something no mapper can write, inside an extra: a bug in the code that made it. */
    record Unwritable(Object thing) implements Rejection.Extra {}

    @Test
    void anExtraTheMapperCannotWriteIsLeftOutNotPrintedWithItsClassName() {
        var rendered = ProblemJson.render(Rejection.of(ProblemCode.NOT_FOUND, "x")
                .with(new Unwritable(new Object())).with(new WeekExtras.CurrentVersion("v1")), "/x");

        assertThat(rendered.document().extras()).doesNotContainKey("thing").containsEntry("currentVersion", "v1");
        assertThat(Written.json(rendered.document())).doesNotContain("java.lang.Object");
        assertThat(rendered.unrenderedExtras()).containsExactly("Unwritable");
    }

    record Things(List<Object> things) implements Rejection.Extra {}

    @Test
    void anExtraWithSomethingUnwritableInsideIsLeftOutWhole() {
        var rendered = ProblemJson.render(Rejection.of(ProblemCode.NOT_FOUND, "x")
                .with(new Things(List.of("fine", new Object()))), "/x");

        assertThat(rendered.document().extras()).doesNotContainKey("things");
        assertThat(rendered.unrenderedExtras()).containsExactly("Things");
    }

    record Missing(String missing) implements Rejection.Extra {}

    @Test
    void absentExtrasRenderAsJsonNull() {
        var document = ProblemJson.render(Rejection.of(ProblemCode.NOT_FOUND, "x").with(new Missing(null)), "/x")
                .document();

        assertThat(Written.json(document)).endsWith(",\"missing\":null}");
    }

    record Status(int status) implements Rejection.Extra {}

    @Test
    void extrasCannotOverwriteStandardMembers() {
        var rendered = ProblemJson.render(Rejection.of(ProblemCode.NOT_FOUND, "x").with(new Status(200)), "/x");

        assertThat(rendered.document().status()).isEqualTo(404);
        assertThat(rendered.document().extras()).doesNotContainKey("status");
        assertThat(rendered.unrenderedExtras()).containsExactly("status");
    }
}
