package dev.lessonbook.access;

import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Result;
import java.util.Objects;

/**
 * Who may change what (docs/spec.md §3), each rule once with the 403 a caller who may not is told.
 * A caller a rule lets through is a permit — a {@link Booker} or an {@link Editor} — that only
 * these rules issue, so the use cases take one instead of checking again. The HTTP readers ask
 * before they read the body: a forbidden caller learns nothing about the body's rules
 * (docs/decisions.md, "Order of checks").
 */
public final class Permissions {

    private Permissions() {}

    /** Only students book lessons. */
    public static Result<Booker> toBook(Caller caller) {
        return caller.role() == Role.STUDENT
                ? Result.ok(new Booker(caller))
                : Result.rejected(ProblemCode.FORBIDDEN, "Only students can book lessons");
    }

    /**
     * Moving a booking of {@code studentId} with {@code instructorId}: its student, its instructor
     * or an admin. What it grants is the booking's student as a {@link Booker}: the new time is
     * checked by the booking rules as if that student booked it, whoever asks.
     */
    public static Result<Booker> toReschedule(Caller caller, String studentId, String instructorId) {
        boolean party = caller.isAdmin() || caller.actsFor(instructorId)
                || (caller.role() == Role.STUDENT && caller.userId().equals(studentId));
        return party
                ? Result.ok(new Booker(new Caller(studentId, Role.STUDENT)))
                : Result.rejected(ProblemCode.FORBIDDEN, "Only the booking's student, its instructor or an admin may reschedule it");
    }

    /** An instructor's profile: that instructor, or an admin. */
    public static Result<Editor> toChangeProfile(Caller caller, String instructorId) {
        return toChange(caller, instructorId, "this profile");
    }

    /** An instructor's availability: that instructor, or an admin. */
    public static Result<Editor> toChangeAvailability(Caller caller, String instructorId) {
        return toChange(caller, instructorId, "this availability");
    }

    /** Webhook subscriptions reach the marketplace's own systems: admins only. */
    public static Result<Administrator> toManageWebhooks(Caller caller) {
        return caller.isAdmin()
                ? Result.ok(new Administrator(caller))
                : Result.rejected(ProblemCode.FORBIDDEN, "Only admins may manage webhook subscriptions");
    }

    private static Result<Editor> toChange(Caller caller, String instructorId, String what) {
        return caller.actsFor(instructorId)
                ? Result.ok(new Editor(caller, instructorId))
                : Result.rejected(ProblemCode.FORBIDDEN, "Only the instructor or an admin may change " + what);
    }

    /** A student allowed to book lessons. */
    public static final class Booker {
        private final Caller student;

        private Booker(Caller student) {
            this.student = student;
        }

        public Caller caller() {
            return student;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Booker that && student.equals(that.student);
        }

        @Override
        public int hashCode() {
            return student.hashCode();
        }

        @Override
        public String toString() {
            return "Booker[" + student + "]";
        }
    }

    /** An admin: who may manage what belongs to the whole marketplace (webhook subscriptions). */
    public static final class Administrator {
        private final Caller admin;

        private Administrator(Caller admin) {
            this.admin = admin;
        }

        public Caller caller() {
            return admin;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Administrator that && admin.equals(that.admin);
        }

        @Override
        public int hashCode() {
            return admin.hashCode();
        }

        @Override
        public String toString() {
            return "Administrator[" + admin + "]";
        }
    }

    /** A caller allowed to change what belongs to {@code instructorId}: that instructor, or an admin. */
    public static final class Editor {
        private final Caller caller;
        private final String instructorId;

        private Editor(Caller caller, String instructorId) {
            this.caller = caller;
            this.instructorId = instructorId;
        }

        public Caller caller() {
            return caller;
        }

        public String instructorId() {
            return instructorId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Editor that && caller.equals(that.caller) && instructorId.equals(that.instructorId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(caller, instructorId);
        }

        @Override
        public String toString() {
            return "Editor[" + caller + " of " + instructorId + "]";
        }
    }
}
