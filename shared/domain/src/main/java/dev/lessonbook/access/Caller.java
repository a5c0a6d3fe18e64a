package dev.lessonbook.access;

/**
 * The authenticated user of a request: the token's {@code sub}, role claim and, when the token
 * carries a valid one, the email claim (docs/spec.md §1).
 *
 * @param email the address the identity provider vouches for; null when the token has none
 */
public record Caller(String userId, Role role, String email) {

    /** A caller whose token carries no address. */
    public Caller(String userId, Role role) {
        this(userId, role, null);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** The instructor themself, or an admin: who may write an instructor's resources. */
    public boolean actsFor(String instructorId) {
        return isAdmin() || (role == Role.INSTRUCTOR && userId.equals(instructorId));
    }

    /** Never the address: a caller may end up in an exception message, and addresses stay out of logs. */
    @Override
    public String toString() {
        return "Caller[userId=" + userId + ", role=" + role + (email == null ? "" : ", email=<hidden>") + "]";
    }
}
