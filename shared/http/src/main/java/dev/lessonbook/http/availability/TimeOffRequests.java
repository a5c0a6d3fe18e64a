package dev.lessonbook.http.availability;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Permissions.Editor;
import dev.lessonbook.availability.TakingTimeOff;
import dev.lessonbook.calendar.TimeOff;
import dev.lessonbook.http.ApiRequest;
import dev.lessonbook.http.FieldErrors;
import dev.lessonbook.http.InstructorRef;
import dev.lessonbook.http.JsonBody;
import dev.lessonbook.http.JsonFields;
import dev.lessonbook.http.Results;
import dev.lessonbook.http.WireFormats;
import dev.lessonbook.problem.Result;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Reads the time-off requests (docs/spec.md §4.11): {@code PUT} and {@code DELETE
 * /v1/instructors/{instructorId}/time-off/{date}} by that instructor or an admin (403 before the
 * body), and {@code GET /v1/instructors/{instructorId}/time-off?from=&to=}.
 */
public final class TimeOffRequests {
    private TimeOffRequests() {}

    /** A day off the editor wants to take. */
    public record TakeTimeOff(Editor editor, TimeOff timeOff) {}

    /** A day off the editor wants to end. */
    public record EndTimeOff(Editor editor, LocalDate date) {}

    /** The days off of {@code from}–{@code to}; who may read is the use case's call. */
    public record TimeOffQuery(Caller caller, String instructorId, Optional<LocalDate> from, Optional<LocalDate> to) {}

    /** The body is optional: {@code {"reason":"…"}} (at most 200 characters) or nothing at all. */
    public static Result<TakeTimeOff> put(ApiRequest request) {
        return Results.then(editor(request), editor -> Results.then(JsonBody.optional(request), body -> {
            JsonFields fields = JsonFields.root(body);
            LocalDate date = date(request, fields.errors());
            Optional<String> reason = TakingTimeOff.reason(fields.optionalText("reason", TimeOff.MAX_REASON_CHARS).orElse(null));
            return fields.finish(() -> new TakeTimeOff(editor, new TimeOff(date, reason)));
        }));
    }

    public static Result<EndTimeOff> delete(ApiRequest request) {
        return Results.then(editor(request), editor -> {
            FieldErrors errors = new FieldErrors();
            LocalDate date = date(request, errors);
            return errors.resultOf(() -> new EndTimeOff(editor, date));
        });
    }

    public static Result<TimeOffQuery> list(ApiRequest request) {
        return Results.then(InstructorRef.read(request), ref -> {
            FieldErrors errors = new FieldErrors();
            Optional<LocalDate> from = WireFormats.readDateQuery(request, "from", errors);
            Optional<LocalDate> to = WireFormats.readDateQuery(request, "to", errors);
            return errors.resultOf(() -> new TimeOffQuery(ref.caller(), ref.instructorId(), from, to));
        });
    }

    private static Result<Editor> editor(ApiRequest request) {
        return Results.then(request.caller(), caller -> Results.then(request.pathId("instructorId"),
                instructorId -> Permissions.toChangeAvailability(caller, instructorId)));
    }

    private static LocalDate date(ApiRequest request, FieldErrors errors) {
        return WireFormats.readDate(request.pathParam("date").orElse(null), "date", errors).orElse(null);
    }
}
