package dev.lessonbook.profile;

import dev.lessonbook.access.Permissions.Editor;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.problem.Result;

/**
 * PUT an instructor's profile by the instructor themself or an admin (else 403, before anything
 * else: {@link Permissions#toChangeProfile}), checked by
 * {@link ProfileRules}, stored whole with its defaults filled in, so reads show the buffers
 * and currency that bookings will actually use.
 */
public final class SavingInstructorProfile {
    private final ProfileStore profiles;

    public SavingInstructorProfile(ProfileStore profiles) {
        this.profiles = profiles;
    }

    /** {@code profile} is the editor's instructor's ({@link Permissions#toChangeProfile}). */
    public Result<InstructorProfile> save(Editor editor, InstructorProfile profile) {
        if (!editor.instructorId().equals(profile.instructorId())) {
            throw new IllegalArgumentException(editor + " may not change the profile of " + profile.instructorId());
        }
        Result<InstructorProfile> checked = ProfileRules.validate(profile);
        if (checked instanceof Result.Ok<InstructorProfile> ok) {
            profiles.save(ok.value());
        }
        return checked;
    }
}
