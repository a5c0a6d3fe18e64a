package dev.lessonbook.payment;

public enum PaymentStatus {
    NOT_REQUIRED,
    /** Card saved; the authorization happens 24 h before the lesson. */
    SCHEDULED,
    AUTHORIZED,
    CAPTURED,
    RELEASED,
    REFUNDED,
    FAILED,
    MANUAL_REVIEW
}
