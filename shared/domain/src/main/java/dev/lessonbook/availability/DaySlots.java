package dev.lessonbook.availability;

import dev.lessonbook.calendar.TimeWindow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Which 5-minute slots of one local day are open: a 288-bit bitmap (36 bytes when stored).
 * Slot {@code i} covers minutes {@code [5i, 5i + 5)}. Immutable.
 */
public final class DaySlots {
    public static final int SLOT_MINUTES = 5;
    public static final int SLOTS_PER_DAY = 24 * 60 / SLOT_MINUTES;
    public static final int BYTES = SLOTS_PER_DAY / 8;

    private static final DaySlots EMPTY = new DaySlots(new byte[BYTES]);

    private final byte[] bits;

    private DaySlots(byte[] bits) {
        this.bits = bits;
    }

    public static DaySlots empty() {
        return EMPTY;
    }

    public static DaySlots fromBytes(byte[] stored) {
        if (stored.length != BYTES) {
            throw new IllegalArgumentException("A day bitmap has " + BYTES + " bytes, got " + stored.length);
        }
        return new DaySlots(stored.clone());
    }

    public byte[] toBytes() {
        return bits.clone();
    }

    /** Opens the slots of {@code [startMinute, endMinute)}; both on the 5-minute grid, end ≤ 1440. */
    public DaySlots open(int startMinute, int endMinute) {
        checkRange(startMinute, endMinute);
        byte[] copy = bits.clone();
        for (int slot = startMinute / SLOT_MINUTES; slot < endMinute / SLOT_MINUTES; slot++) {
            copy[slot >> 3] |= (byte) (1 << (slot & 7));
        }
        return new DaySlots(copy);
    }

    public boolean isOpen(int slot) {
        return (bits[slot >> 3] & (1 << (slot & 7))) != 0;
    }

    /** True when every slot of {@code [startMinute, endMinute)} is open. */
    public boolean coversAll(int startMinute, int endMinute) {
        checkRange(startMinute, endMinute);
        for (int slot = startMinute / SLOT_MINUTES; slot < endMinute / SLOT_MINUTES; slot++) {
            if (!isOpen(slot)) {
                return false;
            }
        }
        return true;
    }

    /** True when any slot of {@code [startMinute, endMinute)} is open. */
    public boolean coversAny(int startMinute, int endMinute) {
        checkRange(startMinute, endMinute);
        for (int slot = startMinute / SLOT_MINUTES; slot < endMinute / SLOT_MINUTES; slot++) {
            if (isOpen(slot)) {
                return true;
            }
        }
        return false;
    }

    public DaySlots union(DaySlots other) {
        byte[] copy = new byte[BYTES];
        for (int i = 0; i < BYTES; i++) {
            copy[i] = (byte) (bits[i] | other.bits[i]);
        }
        return new DaySlots(copy);
    }

    public DaySlots minus(DaySlots other) {
        byte[] copy = new byte[BYTES];
        for (int i = 0; i < BYTES; i++) {
            copy[i] = (byte) (bits[i] & ~other.bits[i]);
        }
        return new DaySlots(copy);
    }

    public boolean isEmpty() {
        for (byte b : bits) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The open time as maximal runs: touching windows read back as one. */
    public List<TimeWindow> windows() {
        List<TimeWindow> windows = new ArrayList<>();
        int slot = 0;
        while (slot < SLOTS_PER_DAY) {
            if (!isOpen(slot)) {
                slot++;
                continue;
            }
            int start = slot;
            while (slot < SLOTS_PER_DAY && isOpen(slot)) {
                slot++;
            }
            windows.add(new TimeWindow(start * SLOT_MINUTES, slot * SLOT_MINUTES));
        }
        return windows;
    }

    /** Lower-case hex of the 36 bytes; stable, used in the week's content hash. */
    public String toHex() {
        return HexFormat.of().formatHex(bits);
    }

    private static void checkRange(int startMinute, int endMinute) {
        if (startMinute < 0 || endMinute > 24 * 60 || startMinute >= endMinute
                || startMinute % SLOT_MINUTES != 0 || endMinute % SLOT_MINUTES != 0) {
            throw new IllegalArgumentException("Not a 5-minute range of one day: " + startMinute + "-" + endMinute);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DaySlots that && Arrays.equals(bits, that.bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        return "DaySlots" + windows();
    }
}
