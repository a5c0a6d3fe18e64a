package dev.lessonbook.booking;

public enum BookingStatus {
    /** Slot held while payment is in progress; the hold expires by itself. */
    PENDING,
    CONFIRMED,
    COMPLETED,
    CANCELLED,
    PAYMENT_FAILED,
    /** A hold that was never confirmed. */
    EXPIRED
}
