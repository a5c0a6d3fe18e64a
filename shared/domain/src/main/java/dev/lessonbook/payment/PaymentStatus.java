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
    MANUAL_REVIEW,
    /** The cardholder's bank opened a dispute (chargeback) on the captured payment; it is not settled yet. */
    DISPUTED,
    /** The dispute was lost: the disputed amount went back to the cardholder. */
    DISPUTE_LOST
}
