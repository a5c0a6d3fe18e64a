package dev.lessonbook.profile;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions.Editor;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.problem.Result;

/**
 * PUT an instructor's profile by the instructor themself or an admin (else 403, before anything
 * else: {@link Permissions#toChangeProfile}), checked by
 * {@link ProfileRules}, stored whole with its defaults filled in, so reads show the buffers
 * and currency that bookings will actually use.
 *
 * <p>The address lesson emails go to (docs/decisions.md "Real recipients"): the one given; left
 * out, the instructor's own token's address when they save it themself; otherwise — an admin's
 * save, a token without a valid address — the address stored before stays ({@link ProfileStore#save}).
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
        Result<InstructorProfile> checked = ProfileRules.validate(withDefaultEmail(editor, profile));
        if (checked instanceof Result.Ok<InstructorProfile> ok) {
            return Result.ok(profiles.save(ok.value()));
        }
        return checked;
    }

    private static InstructorProfile withDefaultEmail(Editor editor, InstructorProfile profile) {
        Caller caller = editor.caller();
        boolean themself = !caller.isAdmin() && caller.userId().equals(profile.instructorId());
        return profile.email() == null && themself && caller.email() != null ? profile.withEmail(caller.email()) : profile;
    }
}
