package dev.lessonbook.contact;

/**
 * Where a booking's emails go, kept with the booking when it is made (docs/spec.md §8): the
 * student's address from their token's email claim, the instructor's from their profile. Either
 * may be null — a token or a profile without one, a booking made before addresses were kept — and
 * that party is then emailed nothing (or, for the instructor, the profile's address at send time:
 * docs/decisions.md "Real recipients").
 */
public record LessonAddresses(String student, String instructor) {
    /** A booking that kept no address (one made before addresses were kept). */
    public static final LessonAddresses NONE = new LessonAddresses(null, null);

    /** Never the addresses themselves: they stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "LessonAddresses[student=" + (student == null ? "none" : "<hidden>")
                + ", instructor=" + (instructor == null ? "none" : "<hidden>") + "]";
    }
}
