package dev.lessonbook.profile;

import dev.lessonbook.access.Caller;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Result;

/**
 * PUT an instructor's profile: the instructor themself or an admin (else 403), checked by
 * {@link ProfileRules}, stored whole with its defaults filled in, so reads show the buffers
 * and currency that bookings will actually use.
 */
public final class SavingInstructorProfile {
    private final ProfileStore profiles;

    public SavingInstructorProfile(ProfileStore profiles) {
        this.profiles = profiles;
    }

    /** {@code profile.instructorId()} is the id of the path. */
    public Result<InstructorProfile> save(Caller caller, InstructorProfile profile) {
        if (!caller.actsFor(profile.instructorId())) {
            return Result.rejected(ProblemCode.FORBIDDEN, "Only the instructor or an admin may change this profile");
        }
        Result<InstructorProfile> checked = ProfileRules.validate(profile);
        if (checked instanceof Result.Ok<InstructorProfile> ok) {
            profiles.save(ok.value());
        }
        return checked;
    }
}
