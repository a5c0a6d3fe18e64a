package dev.lessonbook.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.profile.Buffer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockMoveTest {

    @Test
    void movingFifteenMinutesWithinTheOwnBufferKeepsTheSharedUnits() {
        // 10:00–11:00 with a quarter hour either side: the instructor 09:45–11:15, then 10:00–11:30.
        LockMove move = LockMove.between(lesson("2026-12-09T10:00:00Z", 60, 15), lesson("2026-12-09T10:15:00Z", 60, 15));

        assertThat(move.instructorReleased()).containsExactly(unit("2026-12-09T09:45:00Z"));
        assertThat(move.instructorTaken()).containsExactly(unit("2026-12-09T11:15:00Z"));
        assertThat(move.studentReleased()).containsExactly(unit("2026-12-09T10:00:00Z"));
        assertThat(move.studentTaken()).containsExactly(unit("2026-12-09T11:00:00Z"));
        assertThat(move.lockWrites()).isEqualTo(4);
    }

    @Test
    void movingToADisjointTimeReleasesEveryOldUnitAndTakesEveryNewOne() {
        Occupancy from = lesson("2026-12-09T10:00:00Z", 60, 15);
        Occupancy to = lesson("2026-12-10T10:00:00Z", 60, 15);

        LockMove move = LockMove.between(from, to);

        assertThat(move.instructorReleased()).isEqualTo(from.instructorLockUnits());
        assertThat(move.instructorTaken()).isEqualTo(to.instructorLockUnits());
        assertThat(move.studentReleased()).isEqualTo(from.studentLockUnits());
        assertThat(move.studentTaken()).isEqualTo(to.studentLockUnits());
    }

    @Test
    void notMovingWritesNoLock() {
        Occupancy same = lesson("2026-12-09T10:00:00Z", 60, 15);

        assertThat(LockMove.between(same, same).lockWrites()).isZero();
    }

    private static Occupancy lesson(String startsAt, int minutes, int buffer) {
        Instant start = Instant.parse(startsAt);
        return Occupancy.forLesson(start, start.plus(Duration.ofMinutes(minutes)), new Buffer(buffer, buffer));
    }

    private static long unit(String at) {
        return Instant.parse(at).getEpochSecond() / Occupancy.LOCK_UNIT.toSeconds();
    }
}
