package dev.lessonbook.profile;

import static dev.lessonbook.fixtures.Profiles.aProfile;
import static dev.lessonbook.fixtures.Results.rejectionOf;
import static dev.lessonbook.fixtures.Results.valueOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Role;
import dev.lessonbook.fixtures.InMemoryProfileStore;
import dev.lessonbook.fixtures.Profiles;
import dev.lessonbook.problem.ProblemCode;
import org.junit.jupiter.api.Test;

class ProfileUseCasesTest {
    private final InMemoryProfileStore profiles = new InMemoryProfileStore();
    private final SavingInstructorProfile saving = new SavingInstructorProfile(profiles);
    private final ReadingInstructorProfile reading = new ReadingInstructorProfile(profiles);

    @Test
    void anInstructorSavesTheirProfileWithDefaultsFilledIn() {
        valueOf(saving.save(editor(new Caller(Profiles.INSTRUCTOR, Role.INSTRUCTOR)), aProfile().build()));

        InstructorProfile stored = valueOf(reading.read(new Caller("stu-1", Role.STUDENT), Profiles.INSTRUCTOR));
        assertThat(stored.buffers()).hasSize(LocationType.values().length);
    }

    @Test
    void anInvalidProfileIsNotStored() {
        rejectionOf(saving.save(editor(new Caller("root", Role.ADMIN)), aProfile().buffer(LocationType.ONLINE, 7, 0).build()));

        assertThat(profiles.find(Profiles.INSTRUCTOR)).isEmpty();
    }

    @Test
    void anInstructorsProfileSavedWithoutAnAddressTakesTheirTokensAddress() {
        InstructorProfile saved = valueOf(saving.save(editor(new Caller(Profiles.INSTRUCTOR, Role.INSTRUCTOR, "ins@mail.test")),
                aProfile().build()));

        assertThat(saved.email()).isEqualTo("ins@mail.test");
        assertThat(profiles.find(Profiles.INSTRUCTOR).orElseThrow().email()).isEqualTo("ins@mail.test");
    }

    @Test
    void anAddressGivenInTheProfileWinsOverTheTokens() {
        InstructorProfile saved = valueOf(saving.save(editor(new Caller(Profiles.INSTRUCTOR, Role.INSTRUCTOR, "ins@mail.test")),
                aProfile().build().withEmail("lessons@studio.test")));

        assertThat(saved.email()).isEqualTo("lessons@studio.test");
    }

    @Test
    void anAdminsSaveWithoutAnAddressKeepsTheInstructorsNotTheAdmins() {
        valueOf(saving.save(editor(new Caller(Profiles.INSTRUCTOR, Role.INSTRUCTOR, "ins@mail.test")), aProfile().build()));

        InstructorProfile saved = valueOf(saving.save(editor(new Caller("root", Role.ADMIN, "root@mail.test")), aProfile().build()));

        assertThat(saved.email()).isEqualTo("ins@mail.test");
    }

    @Test
    void aProfileAddressThatIsNotOneIsAFieldError() {
        var rejection = rejectionOf(saving.save(editor(new Caller(Profiles.INSTRUCTOR, Role.INSTRUCTOR)),
                aProfile().build().withEmail("not an address")));

        assertThat(rejection.code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
        assertThat(rejection.toString()).contains("email");
        assertThat(profiles.find(Profiles.INSTRUCTOR)).isEmpty();
    }

    @Test
    void theAddressIsShownToTheInstructorAndAdminsOnly() {
        valueOf(saving.save(editor(new Caller(Profiles.INSTRUCTOR, Role.INSTRUCTOR, "ins@mail.test")), aProfile().build()));

        assertThat(valueOf(reading.read(new Caller("stu-1", Role.STUDENT), Profiles.INSTRUCTOR)).email()).isNull();
        assertThat(valueOf(reading.read(new Caller("ins-2", Role.INSTRUCTOR), Profiles.INSTRUCTOR)).email()).isNull();
        assertThat(valueOf(reading.read(new Caller(Profiles.INSTRUCTOR, Role.INSTRUCTOR), Profiles.INSTRUCTOR)).email())
                .isEqualTo("ins@mail.test");
        assertThat(valueOf(reading.read(new Caller("root", Role.ADMIN), Profiles.INSTRUCTOR)).email()).isEqualTo("ins@mail.test");
    }

    @Test
    void readingAMissingProfileIsNotFound() {
        assertThat(rejectionOf(reading.read(new Caller("stu-1", Role.STUDENT), "nobody")).code()).isEqualTo(ProblemCode.NOT_FOUND);
    }

    private static Permissions.Editor editor(Caller caller) {
        return Permissions.toChangeProfile(caller, Profiles.INSTRUCTOR).orElseThrow();
    }
}
