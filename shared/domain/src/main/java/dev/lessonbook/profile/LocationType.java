package dev.lessonbook.profile;

import java.util.Arrays;
import java.util.Optional;

/** Where a lesson takes place; the wire name is the API's snake_case spelling. */
public enum LocationType {
    ONLINE("online"),
    INSTRUCTOR_LOCATION("instructor_location"),
    STUDENT_LOCATION("student_location");

    private final String wireName;

    LocationType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<LocationType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }
}
