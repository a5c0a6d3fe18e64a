package dev.lessonbook.view;

import dev.lessonbook.availability.DaySlots;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.calendar.Occupancy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The local slots that bookings keep their instructor busy (buffers included), for the bookable
 * view (docs/spec.md §4.10). Works lock unit by lock unit: each 15-minute UTC unit lands on one local
 * date and wall-clock time, so an occupancy spanning midnight or a DST change is split correctly
 * (a fall-back hour marks the repeated wall-clock time once for each pass).
 */
public final class BookedSlots {
    private static final int MINUTES_PER_DAY = 24 * 60;

    private BookedSlots() {}

    /** Local date → slots occupied by {@code bookings} in {@code zone}; callers pick the bookings that occupy time. */
    public static Map<LocalDate, DaySlots> occupiedBy(Collection<Booking> bookings, ZoneId zone) {
        Map<LocalDate, DaySlots> occupied = new HashMap<>();
        long unitSeconds = Occupancy.LOCK_UNIT.toSeconds();
        for (Booking booking : bookings) {
            for (long unit : booking.occupancy().instructorLockUnits()) {
                LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochSecond(unit * unitSeconds), zone);
                int minute = local.getHour() * 60 + local.getMinute();
                // Every offset in use today is a whole quarter hour, so this is exact; the rounding
                // only keeps an exotic historical offset from breaking the grid.
                int from = minute - minute % DaySlots.SLOT_MINUTES;
                int until = Math.min(MINUTES_PER_DAY, roundUp(minute + (int) Occupancy.LOCK_UNIT.toMinutes()));
                occupied.merge(local.toLocalDate(), DaySlots.empty().open(from, until), DaySlots::union);
            }
        }
        return occupied;
    }

    private static int roundUp(int minute) {
        return (minute + DaySlots.SLOT_MINUTES - 1) / DaySlots.SLOT_MINUTES * DaySlots.SLOT_MINUTES;
    }
}
