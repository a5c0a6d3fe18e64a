package dev.lessonbook.booking;

import static dev.lessonbook.profile.ProfileRules.MAX_BUFFER_MINUTES;
import static dev.lessonbook.profile.ProfileRules.MAX_DURATION_MINUTES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.calendar.LockMove;
import dev.lessonbook.calendar.Occupancy;
import dev.lessonbook.profile.Buffer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The item arithmetic of docs/decisions.md, "Reschedule in one transaction". */
class RescheduleWritesTest {

    @Test
    void theLargestAllowedShapeMovesInOneTransaction() {
        // 240 minutes with 90-minute buffers, moved to a time sharing no unit, both times crossing
        // a Monday and both days' counters updated: 2 + 6 + 2 + 2 × (28 + 16) = 98.
        RescheduleWrites worst = worstMove(MAX_DURATION_MINUTES, MAX_BUFFER_MINUTES);

        assertThat(worst.locks().lockWrites()).isEqualTo(88);
        assertThat(worst.items()).isEqualTo(98);
        assertThat(worst.fitsOneTransaction()).isTrue();
    }

    @Test
    void aBufferLimitOneQuarterHourLongerCouldNotMoveTheLargestLesson() {
        // 2 + 6 + 2 + 2 × (30 + 16) = 102: the limit is the largest on the grid that fits.
        assertThat(worstMove(MAX_DURATION_MINUTES, MAX_BUFFER_MINUTES + 15).items()).isEqualTo(102);
        assertThat(worstMove(MAX_DURATION_MINUTES, MAX_BUFFER_MINUTES + 15).fitsOneTransaction()).isFalse();
    }

    @Test
    void theFormerFourHourBuffersNeededMoreThanOneTransaction() {
        // 48 instructor and 16 student units each way: 2 + 6 + 2 + 128 = 138.
        assertThat(worstMove(240, 240).items()).isEqualTo(138);
    }

    private static RescheduleWrites worstMove(int minutes, int buffer) {
        Instant start = Instant.parse("2026-12-07T00:00:00Z");
        Instant movedTo = start.plus(Duration.ofDays(7));
        LockMove move = LockMove.between(lesson(start, minutes, buffer), lesson(movedTo, minutes, buffer));
        return new RescheduleWrites(move, RescheduleWrites.MOST_STALE_VIEWS, RescheduleWrites.MOST_DAILY_COUNTERS);
    }

    private static Occupancy lesson(Instant start, int minutes, int buffer) {
        return Occupancy.forLesson(start, start.plus(Duration.ofMinutes(minutes)), new Buffer(buffer, buffer));
    }
}
