package dev.lessonbook.notification;

/** A user told about a booking, and in which capacity. */
public record Recipient(String userId, Party party) {

    public enum Party {
        STUDENT,
        INSTRUCTOR
    }

    public static Recipient student(String userId) {
        return new Recipient(userId, Party.STUDENT);
    }

    public static Recipient instructor(String userId) {
        return new Recipient(userId, Party.INSTRUCTOR);
    }
}
