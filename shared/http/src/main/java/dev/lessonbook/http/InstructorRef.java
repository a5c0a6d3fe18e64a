package dev.lessonbook.http;

import dev.lessonbook.access.Caller;
import dev.lessonbook.problem.Result;

/**
 * A request about one instructor's resources ({@code /v1/instructors/{instructorId}/…}) that
 * carries no body: GET profile, the bookings list, the stats.
 */
public record InstructorRef(Caller caller, String instructorId) {

    /** 401/403 for the caller, 404 for an id that cannot exist. Who may read is the use case's call. */
    public static Result<InstructorRef> read(ApiRequest request) {
        return Results.both(request.caller(), request.pathId("instructorId"), InstructorRef::new);
    }
}
