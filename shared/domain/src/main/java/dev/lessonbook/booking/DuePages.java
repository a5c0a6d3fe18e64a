package dev.lessonbook.booking;

import java.util.List;

/**
 * The bookings a store's due index lists for one kind of work, a page at a time
 * ({@link BookingStore#due}): ids only, because the index lags the bookings and each one is read
 * again before anything is done to it. Read by one thread.
 */
public interface DuePages {
    /** The next page of booking ids, earliest due first within it; empty once the index lists no more. */
    List<String> next();
}
