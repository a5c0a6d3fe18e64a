package dev.lessonbook.booking;

/**
 * A conditional booking write found the booking (or one of its slot locks) no longer in the
 * state the caller read: e.g. a hold that lapsed and was taken by another booking before its
 * confirmation. Nothing was written.
 */
public final class BookingChangedConcurrently extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BookingChangedConcurrently(String message) {
        super(message);
    }
}
