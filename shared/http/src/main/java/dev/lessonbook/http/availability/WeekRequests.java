package dev.lessonbook.http.availability;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions.Editor;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.availability.CopyingAWeek;
import dev.lessonbook.availability.SaveWeekCommand;
import dev.lessonbook.availability.WindowOnDate;
import dev.lessonbook.http.ApiRequest;
import dev.lessonbook.http.FieldErrors;
import dev.lessonbook.http.JsonBody;
import dev.lessonbook.http.JsonFields;
import dev.lessonbook.http.Limits;
import dev.lessonbook.http.Results;
import dev.lessonbook.http.WireFormats;
import dev.lessonbook.problem.Result;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the availability requests of docs/spec.md §3.1. */
public final class WeekRequests {
    private WeekRequests() {}

    /** GET …/availability/weeks/{weekStart}[?view=bookable]: any authenticated caller. */
    public record WeekQuery(Caller caller, String instructorId, LocalDate weekStart, boolean bookable) {}

    /**
     * PUT /v1/instructors/{instructorId}/availability/weeks/{weekStart}, in this order: the caller
     * (401/403), the instructor id (404), whether the caller may write it (403) — before the body
     * is even looked at — then the body (413/415/400) and every field at once (422): the
     * {@code weekStart} of the path, the windows, {@code clearExisting}.
     *
     * <p>{@code If-Match} is passed on as sent (quoted or bare, the domain reads both), except
     * {@code *}, which any week matches (a week always exists; never saved, it is empty), so it is
     * no precondition at all.
     */
    public static Result<SaveWeekCommand> saveWeek(ApiRequest request) {
        return Results.then(editor(request), editor -> Results.then(JsonBody.required(request), body -> {
            FieldErrors errors = new FieldErrors();
            LocalDate weekStart = weekStart(request, errors);
            JsonFields fields = JsonFields.root(body, errors);
            List<WindowOnDate> windows = new ArrayList<>();
            for (JsonFields window : fields.requiredObjects("windows", Limits.MAX_WINDOWS_PER_WEEK)) {
                LocalDate date = window.requiredDate("date");
                Integer start = window.requiredTime("start");
                Integer end = window.requiredTime("end");
                if (date != null && start != null && end != null) {
                    windows.add(new WindowOnDate(date, start, end));
                }
            }
            boolean clearExisting = fields.optionalBoolean("clearExisting", true);
            Optional<String> ifMatch = request.header("If-Match").map(String::strip)
                    .filter(value -> !value.isEmpty() && !value.equals("*"));
            return fields.finish(() -> new SaveWeekCommand(editor, weekStart, windows, clearExisting, ifMatch));
        }));
    }

    /** POST …/availability/weeks/{weekStart}/copy: {@code {"targetWeekStarts":["2027-01-11", …]}}, 1–52 dates. */
    public record CopyWeekCommand(Editor editor, LocalDate weekStart, List<LocalDate> targetWeekStarts) {}

    /** In the order of {@link #saveWeek}: caller, id, permission, then body and every field. */
    public static Result<CopyWeekCommand> copyWeek(ApiRequest request) {
        return Results.then(editor(request), editor -> Results.then(JsonBody.required(request), body -> {
            FieldErrors errors = new FieldErrors();
            LocalDate weekStart = weekStart(request, errors);
            JsonFields fields = JsonFields.root(body, errors);
            List<LocalDate> targets = fields.requiredDates("targetWeekStarts", CopyingAWeek.MAX_TARGETS);
            return fields.finish(() -> new CopyWeekCommand(editor, weekStart, targets));
        }));
    }

    public static Result<WeekQuery> readWeek(ApiRequest request) {
        return Results.then(request.caller(), caller -> Results.then(request.pathId("instructorId"), instructorId -> {
            FieldErrors errors = new FieldErrors();
            LocalDate weekStart = weekStart(request, errors);
            boolean bookable = false;
            Optional<String> view = request.query("view");
            if (view.isPresent()) {
                if (view.get().equals("bookable")) {
                    bookable = true;
                } else {
                    errors.add("view", "must be 'bookable' or left out");
                }
            }
            boolean bookableView = bookable;
            return errors.resultOf(() -> new WeekQuery(caller, instructorId, weekStart, bookableView));
        }));
    }

    private static Result<Editor> editor(ApiRequest request) {
        return Results.then(request.caller(), caller -> Results.then(request.pathId("instructorId"),
                instructorId -> Permissions.toChangeAvailability(caller, instructorId)));
    }

    private static LocalDate weekStart(ApiRequest request, FieldErrors errors) {
        return WireFormats.readDate(request.pathParam("weekStart").orElse(null), "weekStart", errors).orElse(null);
    }
}
