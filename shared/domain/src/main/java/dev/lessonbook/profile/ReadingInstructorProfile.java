package dev.lessonbook.profile;

import dev.lessonbook.access.Caller;
import dev.lessonbook.problem.Result;

/** GET an instructor's profile: public to any authenticated caller; 404 when there is none. */
public final class ReadingInstructorProfile {
    private final ProfileStore profiles;

    public ReadingInstructorProfile(ProfileStore profiles) {
        this.profiles = profiles;
    }

    public Result<InstructorProfile> read(Caller caller, String instructorId) {
        return profiles.require(instructorId);
    }
}
