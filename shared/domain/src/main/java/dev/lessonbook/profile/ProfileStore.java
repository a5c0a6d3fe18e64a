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
                .orElseGet(() -> Result.rejected(ProblemCode.NOT_FOUND, "Instructor " + instructorId + " has no profile"));
    }
}
