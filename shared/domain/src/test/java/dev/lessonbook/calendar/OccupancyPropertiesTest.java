package dev.lessonbook.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.profile.Buffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The lock-unit encoding the database enforces agrees with plain interval overlap, buffers included. */
class OccupancyPropertiesTest {
    private static final Instant ORIGIN = Instant.parse("2026-12-07T00:00:00Z");

    @Property
    void twoBookingsShareAnInstructorLockUnitIffTheirInstructorTimeOverlaps(
            @ForAll("lessons") Occupancy a, @ForAll("lessons") Occupancy b) {
        boolean overlaps = a.instructorFrom().isBefore(b.instructorUntil()) && b.instructorFrom().isBefore(a.instructorUntil());

        assertThat(!Collections.disjoint(a.instructorLockUnits(), b.instructorLockUnits())).isEqualTo(overlaps);
    }

    @Property
    void twoBookingsShareAStudentLockUnitIffTheLessonsOverlap(@ForAll("lessons") Occupancy a, @ForAll("lessons") Occupancy b) {
        boolean overlaps = a.studentFrom().isBefore(b.studentUntil()) && b.studentFrom().isBefore(a.studentUntil());

        assertThat(!Collections.disjoint(a.studentLockUnits(), b.studentLockUnits())).isEqualTo(overlaps);
    }

    @Property
    void theInstructorIsBusyForTheLessonAndBothBuffers(@ForAll("lessons") Occupancy occupancy) {
        Duration instructor = Duration.between(occupancy.instructorFrom(), occupancy.instructorUntil());

        assertThat((long) occupancy.instructorLockUnits().size()).isEqualTo(instructor.toMinutes() / 15);
        assertThat(occupancy.instructorFrom()).isBeforeOrEqualTo(occupancy.studentFrom());
        assertThat(occupancy.instructorUntil()).isAfterOrEqualTo(occupancy.studentUntil());
    }

    @Provide
    Arbitrary<Occupancy> lessons() {
        // Starts within one day on the quarter hour, 15–240 minutes, buffers 0–60: collisions are common.
        return Combinators.combine(
                        Arbitraries.integers().between(0, 95),
                        Arbitraries.integers().between(1, 16),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 4))
                .as((quarter, quarters, before, after) -> {
                    Instant startsAt = ORIGIN.plus(Duration.ofMinutes(15L * quarter));
                    return Occupancy.forLesson(startsAt, startsAt.plus(Duration.ofMinutes(15L * quarters)),
                            new Buffer(15 * before, 15 * after));
                });
    }
}
