package dev.lessonbook.integration;

/** A delivery is PENDING while attempts go on, then DELIVERED (a 2xx) or FAILED (retried for 24 h in vain). */
public enum DeliveryStatus {
    PENDING,
    DELIVERED,
    FAILED
}
