package dev.lessonbook.integration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where deliveries are kept (the port). Every change is conditional on what it was computed
 * from, so two workers holding the same attempt — SQS delivers a message at least once — never
 * both make it, and a replay never overwrites an attempt in flight.
 */
public interface WebhookDeliveries {

    /** Stores {@code delivery} unless one with its id exists; false when it did. */
    boolean createIfAbsent(WebhookDelivery delivery);

    Optional<WebhookDelivery> find(String subscriptionId, String deliveryId);

    /**
     * Stores {@code updated} if the stored delivery still has {@code expected}'s status and
     * attempts; false otherwise (somebody else moved it).
     */
    boolean replace(WebhookDelivery expected, WebhookDelivery updated);

    /** PENDING deliveries whose next attempt was due before {@code before}, earliest first, at most {@code limit}. */
    List<WebhookDelivery> dueBefore(Instant before, int limit);

    /** A subscription's deliveries, newest first, at most {@code limit}; only those of {@code status} when given. */
    List<WebhookDelivery> ofSubscription(String subscriptionId, Optional<DeliveryStatus> status, int limit);
}
