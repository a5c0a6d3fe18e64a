package dev.lessonbook.access;

import static dev.lessonbook.fixtures.Results.rejectionOf;
import static dev.lessonbook.fixtures.Results.valueOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import org.junit.jupiter.api.Test;

/** docs/spec.md §3: who may change what, each answered by one rule with one message. */
class PermissionsTest {
    private static final Caller STUDENT = new Caller("stu-1", Role.STUDENT);
    private static final Caller INSTRUCTOR = new Caller("ins-1", Role.INSTRUCTOR);
    private static final Caller ANOTHER_INSTRUCTOR = new Caller("ins-2", Role.INSTRUCTOR);
    private static final Caller ADMIN = new Caller("root", Role.ADMIN);

    @Test
    void onlyStudentsBook() {
        assertThat(valueOf(Permissions.toBook(STUDENT)).caller()).isEqualTo(STUDENT);
        assertForbidden(rejectionOf(Permissions.toBook(INSTRUCTOR)), "Only students can book lessons");
        assertForbidden(rejectionOf(Permissions.toBook(ADMIN)), "Only students can book lessons");
    }

    @Test
    void onlyAdminsManageWebhooks() {
        assertThat(valueOf(Permissions.toManageWebhooks(ADMIN)).caller()).isEqualTo(ADMIN);
        assertForbidden(rejectionOf(Permissions.toManageWebhooks(INSTRUCTOR)), "Only admins may manage webhook subscriptions");
        assertForbidden(rejectionOf(Permissions.toManageWebhooks(STUDENT)), "Only admins may manage webhook subscriptions");
    }

    @Test
    void theInstructorAndAnAdminMayChangeTheProfile() {
        assertThat(valueOf(Permissions.toChangeProfile(INSTRUCTOR, "ins-1")).instructorId()).isEqualTo("ins-1");
        assertThat(valueOf(Permissions.toChangeProfile(ADMIN, "ins-1")).caller()).isEqualTo(ADMIN);
    }

    @Test
    void anotherInstructorOrAStudentMayNotChangeTheProfile() {
        assertForbidden(rejectionOf(Permissions.toChangeProfile(ANOTHER_INSTRUCTOR, "ins-1")),
                "Only the instructor or an admin may change this profile");
        assertForbidden(rejectionOf(Permissions.toChangeProfile(new Caller("ins-1", Role.STUDENT), "ins-1")),
                "Only the instructor or an admin may change this profile");
    }

    @Test
    void theInstructorAndAnAdminMayChangeTheAvailability() {
        assertThat(valueOf(Permissions.toChangeAvailability(INSTRUCTOR, "ins-1")).caller()).isEqualTo(INSTRUCTOR);
        assertThat(valueOf(Permissions.toChangeAvailability(ADMIN, "ins-1")).instructorId()).isEqualTo("ins-1");
    }

    @Test
    void anotherInstructorOrAStudentMayNotChangeTheAvailability() {
        assertForbidden(rejectionOf(Permissions.toChangeAvailability(ANOTHER_INSTRUCTOR, "ins-1")),
                "Only the instructor or an admin may change this availability");
        assertForbidden(rejectionOf(Permissions.toChangeAvailability(new Caller("ins-1", Role.STUDENT), "ins-1")),
                "Only the instructor or an admin may change this availability");
    }

    @Test
    void theBookingsPartiesMayRescheduleItAsItsStudentWouldBookIt() {
        Caller student = new Caller("stu-1", Role.STUDENT);
        for (Caller party : new Caller[] {STUDENT, INSTRUCTOR, ADMIN}) {
            assertThat(valueOf(Permissions.toReschedule(party, "stu-1", "ins-1")).caller()).isEqualTo(student);
        }
        for (Caller stranger : new Caller[] {new Caller("stu-2", Role.STUDENT), ANOTHER_INSTRUCTOR, new Caller("ins-1", Role.STUDENT)}) {
            assertForbidden(rejectionOf(Permissions.toReschedule(stranger, "stu-1", "ins-1")),
                    "Only the booking's student, its instructor or an admin may reschedule it");
        }
    }

    private static void assertForbidden(Rejection rejection, String detail) {
        assertThat(rejection.code()).isEqualTo(ProblemCode.FORBIDDEN);
        assertThat(rejection.detail()).isEqualTo(detail);
        assertThat(rejection.extras()).isEmpty();
    }
}
