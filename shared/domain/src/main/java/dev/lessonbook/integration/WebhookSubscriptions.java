package dev.lessonbook.integration;

import java.util.List;
import java.util.Optional;

/** Where subscriptions are kept (the port; DynamoDB in functions, a map in tests). */
public interface WebhookSubscriptions {

    /** Stores a new subscription; its id is fresh. */
    void create(WebhookSubscription subscription);

    Optional<WebhookSubscription> find(String id);

    /**
     * The subscription as an attempt of delivery {@code deliveryId} reads it just before sending:
     * as current as {@link #find} (a deleted one is empty), but a store may read it from a copy
     * near the delivery so that attempts do not all read one place (DynamoDB: the delivery's shard).
     */
    default Optional<WebhookSubscription> findToSend(String id, String deliveryId) {
        return find(id);
    }

    /** Every subscription, oldest first. */
    List<WebhookSubscription> all();

    /** False when there was none. */
    boolean delete(String id);

    /**
     * Replaces the stored subscription with {@code updated} if its secret is still
     * {@code expectedSecret} (so of two concurrent rotations one loses and reads again);
     * false when it changed or is gone.
     */
    boolean replaceIfSecretIs(WebhookSubscription updated, String expectedSecret);

    /** Sets the status of the subscription, if it still exists (a delivery failed for good, or one got through again). */
    void markStatus(String id, SubscriptionStatus status);
}
