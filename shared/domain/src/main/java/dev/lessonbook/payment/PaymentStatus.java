package dev.lessonbook.payment;

public enum PaymentStatus {
    NOT_REQUIRED,
    /**
     * The card asks its holder to authenticate (3-D Secure) before the provider holds the amount or
     * saves the card; the booking stays PENDING with its slot held until the provider says how it
     * went, or the hold ends (docs/spec.md §6, "3-D Secure").
     */
    REQUIRES_ACTION,
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
