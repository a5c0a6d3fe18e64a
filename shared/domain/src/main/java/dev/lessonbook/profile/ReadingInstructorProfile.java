package dev.lessonbook.profile;

import dev.lessonbook.access.Caller;
import dev.lessonbook.problem.Result;

/**
 * GET an instructor's profile: public to any authenticated caller; 404 when there is none. Its
 * email address is shown only to the instructor themself and admins (docs/decisions.md "Real
 * recipients"): students and other instructors read the profile without it.
 */
public final class ReadingInstructorProfile {
    private final ProfileStore profiles;

    public ReadingInstructorProfile(ProfileStore profiles) {
        this.profiles = profiles;
    }

    public Result<InstructorProfile> read(Caller caller, String instructorId) {
        return profiles.require(instructorId)
                .map(profile -> caller.actsFor(instructorId) ? profile : profile.withEmail(null));
    }
}
