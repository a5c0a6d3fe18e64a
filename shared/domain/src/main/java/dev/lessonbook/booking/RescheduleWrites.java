package dev.lessonbook.booking;

import dev.lessonbook.calendar.LockMove;

/**
 * The items one reschedule writes in its single TransactWriteItems, counted against DynamoDB's
 * limit of {@value #TRANSACTION_ITEM_LIMIT} items per transaction. This is the one place the
 * arithmetic lives (docs/decisions.md, "Reschedule in one transaction"): whoever adds an item to
 * the move adds it here, and the test of the largest allowed shape then says whether it still fits.
 *
 * @param locks the lock units released and taken
 * @param staleViews cached views deleted with the write: the stats, the calendar feed and the
 *        bookable view of every local week the old or the new instructor occupancy touches
 * @param dailyCounters calendar-day items the move updates: the old local date's and the new
 *        one's when the date changes, none when it stays
 */
public record RescheduleWrites(LockMove locks, int staleViews, int dailyCounters) {
    public static final int TRANSACTION_ITEM_LIMIT = 100;
    /** The booking item itself (its due-work keys included) and the event's outbox item. */
    static final int BOOKING_AND_EVENT = 2;
    /** Stats, the calendar feed, two weeks for the old occupancy and two for the new (a buffer may cross Monday). */
    public static final int MOST_STALE_VIEWS = 6;
    /** The old day's counter and the new day's. */
    public static final int MOST_DAILY_COUNTERS = 2;

    /** The calendar-day items a move from {@code before} to {@code after} updates. */
    public static int dailyCounters(Booking before, Booking after) {
        return before.date().equals(after.date()) ? 0 : MOST_DAILY_COUNTERS;
    }

    public int items() {
        return BOOKING_AND_EVENT + staleViews + dailyCounters + locks.lockWrites();
    }

    public boolean fitsOneTransaction() {
        return items() <= TRANSACTION_ITEM_LIMIT;
    }
}
