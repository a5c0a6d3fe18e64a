package dev.lessonbook.integration;

/**
 * {@code ACTIVE} until a delivery to the subscription fails for good; then {@code FAILING}, which
 * an operator sees in the list. A failing subscription is never deleted by Lessonbook and still
 * receives new events: the receiver may be back.
 */
public enum SubscriptionStatus {
    ACTIVE,
    FAILING
}
