package dev.lessonbook.access;

/** The authenticated user of a request: the token's {@code sub} and role claim. */
public record Caller(String userId, Role role) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** The instructor themself, or an admin: who may write an instructor's resources. */
    public boolean actsFor(String instructorId) {
        return isAdmin() || (role == Role.INSTRUCTOR && userId.equals(instructorId));
    }
}
