package dev.lessonbook.profile;

/** Minutes an instructor is kept free before and after a lesson (multiples of 15). */
public record Buffer(int beforeMinutes, int afterMinutes) {

    /**
     * docs/spec.md §5.4: travelling to the student needs time both ways; a lesson online or at the
     * instructor's place needs only a quarter hour to wrap up.
     */
    public static Buffer defaultFor(LocationType locationType) {
        return switch (locationType) {
            case ONLINE, INSTRUCTOR_LOCATION -> new Buffer(0, 15);
            case STUDENT_LOCATION -> new Buffer(30, 30);
        };
    }
}
