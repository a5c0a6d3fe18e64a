package dev.lessonbook.booking;

import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
/** Whose time a conflicting booking already occupies. */
public enum ConflictScope {
    INSTRUCTOR("instructor", "Instructor already has a booking that overlaps this time"),
    STUDENT("student", "Student already has a booking that overlaps this time");

    private final String wireName;
    private final String detail;

    ConflictScope(String wireName, String detail) {
        this.wireName = wireName;
        this.detail = detail;
    }

    public String wireName() {
        return wireName;
    }

    /** The exact detail text of the 409 (docs/spec.md §5.7). */
    public String detail() {
        return detail;
    }

    /** The 409 BOOKING_CONFLICT a request gets when this scope's time is taken: its detail, and whose time. */
    public Rejection rejection() {
        return Rejection.of(ProblemCode.BOOKING_CONFLICT, detail).with(new Taken(wireName));
    }

    /** {@code conflictScope}: whose time is taken, {@code instructor} or {@code student}. */
    public record Taken(String conflictScope) implements Rejection.Extra {}
}
