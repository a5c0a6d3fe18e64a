package dev.lessonbook.booking;

/**
 * A conditional booking write found the booking (or one of its slot locks) no longer in the
 * state the caller read: e.g. a hold that lapsed and was taken by another booking before its
 * confirmation. Nothing was written.
 */
public final class BookingChangedConcurrently extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ConflictScope takenBy;

    public BookingChangedConcurrently(String message) {
        this(message, null);
    }

    /** @param takenBy whose slot lock now belongs to another booking, when that is the reason */
    public BookingChangedConcurrently(String message, ConflictScope takenBy) {
        super(message);
        this.takenBy = takenBy;
    }

    public java.util.Optional<ConflictScope> takenBy() {
        return java.util.Optional.ofNullable(takenBy);
    }
}
