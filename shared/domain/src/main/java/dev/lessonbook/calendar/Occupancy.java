package dev.lessonbook.calendar;

import dev.lessonbook.profile.Buffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The time a booking keeps its instructor (buffers included) and its student busy, in UTC.
 * Both intervals lie on the 15-minute grid, so each is exactly a run of 15-minute lock units;
 * two bookings conflict iff they share a lock unit of the same person.
 */
public record Occupancy(Instant instructorFrom, Instant instructorUntil, Instant studentFrom, Instant studentUntil) {
    public static final Duration LOCK_UNIT = Duration.ofMinutes(15);

    public Occupancy {
        requireOnGrid(instructorFrom, instructorUntil);
        requireOnGrid(studentFrom, studentUntil);
    }

    /**
     * docs/spec.md §5.4: the instructor is busy from {@code before} ahead of the lesson to {@code after}
     * past its end; the student only for the lesson itself (their lessons may touch).
     */
    public static Occupancy forLesson(Instant startsAt, Instant endsAt, Buffer buffer) {
        return new Occupancy(
                startsAt.minus(Duration.ofMinutes(buffer.beforeMinutes())),
                endsAt.plus(Duration.ofMinutes(buffer.afterMinutes())),
                startsAt,
                endsAt);
    }

    /** Lock units of the instructor: epoch quarter-hour numbers. */
    public List<Long> instructorLockUnits() {
        return units(instructorFrom, instructorUntil);
    }

    /** Lock units of the student: epoch quarter-hour numbers. */
    public List<Long> studentLockUnits() {
        return units(studentFrom, studentUntil);
    }

    private static List<Long> units(Instant from, Instant until) {
        long unitSeconds = LOCK_UNIT.toSeconds();
        List<Long> units = new ArrayList<>();
        for (long unit = from.getEpochSecond() / unitSeconds; unit < until.getEpochSecond() / unitSeconds; unit++) {
            units.add(unit);
        }
        return units;
    }

    private static void requireOnGrid(Instant from, Instant until) {
        long unitSeconds = LOCK_UNIT.toSeconds();
        if (!from.isBefore(until) || from.getEpochSecond() % unitSeconds != 0 || until.getEpochSecond() % unitSeconds != 0
                || from.getNano() != 0 || until.getNano() != 0) {
            throw new IllegalArgumentException("Occupancy must be a non-empty 15-minute aligned interval: " + from + "-" + until);
        }
    }
}
