package dev.lessonbook.profile;

import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Result;
import java.util.Optional;

/** Port: instructor profiles. */
public interface ProfileStore {

    Optional<InstructorProfile> find(String instructorId);

    /**
     * Stores {@code profile} whole, except that a profile without an email keeps the address stored
     * before, if any (an admin's save must not drop the instructor's address).
     *
     * @return the profile as stored
     */
    InstructorProfile save(InstructorProfile profile);

    /** The profile, or the 404 every use case answers for an instructor without one. */
    default Result<InstructorProfile> require(String instructorId) {
        return find(instructorId)
                .<Result<InstructorProfile>>map(Result::ok)
                .orElseGet(() -> noProfile(instructorId));
    }

    /** The 404 for an instructor without a profile. */
    static Result<InstructorProfile> noProfile(String instructorId) {
        return Result.rejected(ProblemCode.NOT_FOUND, "Instructor " + instructorId + " has no profile");
    }

    /**
     * Create-booking's read of the instructor's profile, and — in the same request, so a booking
     * reads no more often — the payment customer stored for {@code studentId} by an earlier booking,
     * if any (docs/decisions.md "The student's Customer"). A store that keeps no customers answers
     * none: the payment gateway then finds or makes one.
     */
    default ProfileForBooking requireForBooking(String instructorId, String studentId) {
        return new ProfileForBooking(require(instructorId), Optional.empty());
    }

    /** The profile (or its 404) and the student's stored payment customer. */
    record ProfileForBooking(Result<InstructorProfile> profile, Optional<String> studentsCustomerId) {
    }
}
