package dev.lessonbook.profile;

import java.util.Optional;

/** Port: instructor profiles. */
public interface ProfileStore {

    Optional<InstructorProfile> find(String instructorId);

    void save(InstructorProfile profile);
}
