package dev.lessonbook.calendar;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What moving one booking from one occupancy to another does to its lock units, per person:
 * the units only the old time holds are released, the units only the new time needs are taken,
 * and the units both share are kept untouched. Keeping the shared units is required, not an
 * optimisation: one transaction may not touch an item twice, so a unit cannot be deleted and
 * created again in the same move — and it is why moving a lesson 15 minutes within its own
 * buffer never conflicts with itself.
 */
public record LockMove(
        List<Long> instructorReleased, List<Long> instructorTaken,
        List<Long> studentReleased, List<Long> studentTaken) {

    public LockMove {
        instructorReleased = List.copyOf(instructorReleased);
        instructorTaken = List.copyOf(instructorTaken);
        studentReleased = List.copyOf(studentReleased);
        studentTaken = List.copyOf(studentTaken);
    }

    public static LockMove between(Occupancy from, Occupancy to) {
        return new LockMove(
                minus(from.instructorLockUnits(), to.instructorLockUnits()),
                minus(to.instructorLockUnits(), from.instructorLockUnits()),
                minus(from.studentLockUnits(), to.studentLockUnits()),
                minus(to.studentLockUnits(), from.studentLockUnits()));
    }

    /** Lock items the move writes: a delete per released unit, a conditional put per taken one. */
    public int lockWrites() {
        return instructorReleased.size() + instructorTaken.size() + studentReleased.size() + studentTaken.size();
    }

    private static List<Long> minus(List<Long> units, List<Long> removed) {
        Set<Long> remaining = new LinkedHashSet<>(units);
        removed.forEach(remaining::remove);
        return List.copyOf(remaining);
    }
}
