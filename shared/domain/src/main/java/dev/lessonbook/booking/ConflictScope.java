package dev.lessonbook.booking;

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
}
