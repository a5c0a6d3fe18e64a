package dev.lessonbook.integration;

import java.time.Instant;
import java.util.Objects;

/**
 * One event on its way to one subscription: the body as it is sent (fixed when the delivery is
 * made, so every attempt and every redelivery sends the same bytes with the same event id) and
 * what its attempts came to.
 *
 * @param attempts       attempts made so far (an attempt counts from when it is claimed)
 * @param firstAttemptAt when the first attempt was made (retries go on for 24 h from it); null before
 * @param nextAttemptAt  while PENDING, when the next attempt is due; null otherwise
 * @param lastStatusCode the receiver's last answer; null when none came (or no attempt yet)
 * @param lastError      why the last attempt failed; null when it did not
 */
public record WebhookDelivery(
        String id,
        String subscriptionId,
        String eventId,
        String eventType,
        String body,
        DeliveryStatus status,
        int attempts,
        Instant createdAt,
        Instant firstAttemptAt,
        Instant lastAttemptAt,
        Integer lastStatusCode,
        String lastError,
        Instant nextAttemptAt) {

    public WebhookDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * The delivery of event {@code eventId} (that occurred at {@code occurredAt}) to a subscription:
     * the same id however often the event is dispatched, and ids sort by the event's time.
     */
    public static String idFor(Instant occurredAt, String eventId) {
        return String.format("%013d", occurredAt.toEpochMilli()) + "-" + eventId;
    }

    /** A new delivery, due at once. */
    public static WebhookDelivery first(String subscriptionId, String eventId, Instant occurredAt, String eventType,
            String body, Instant now) {
        return new WebhookDelivery(idFor(occurredAt, eventId), subscriptionId, eventId, eventType, body,
                DeliveryStatus.PENDING, 0, now, null, null, null, null, now);
    }

    /** Attempt {@code attempts + 1} claimed at {@code now}; until {@code leaseUntil} nobody else makes it. */
    public WebhookDelivery claimed(Instant now, Instant leaseUntil) {
        return new WebhookDelivery(id, subscriptionId, eventId, eventType, body, DeliveryStatus.PENDING, attempts + 1,
                createdAt, firstAttemptAt == null ? now : firstAttemptAt, now, lastStatusCode, lastError, leaseUntil);
    }

    public WebhookDelivery delivered(int statusCode) {
        return new WebhookDelivery(id, subscriptionId, eventId, eventType, body, DeliveryStatus.DELIVERED, attempts,
                createdAt, firstAttemptAt, lastAttemptAt, statusCode, null, null);
    }

    public WebhookDelivery retryAt(Integer statusCode, String error, Instant next) {
        return new WebhookDelivery(id, subscriptionId, eventId, eventType, body, DeliveryStatus.PENDING, attempts,
                createdAt, firstAttemptAt, lastAttemptAt, statusCode, error, next);
    }

    public WebhookDelivery failed(Integer statusCode, String error) {
        return new WebhookDelivery(id, subscriptionId, eventId, eventType, body, DeliveryStatus.FAILED, attempts,
                createdAt, firstAttemptAt, lastAttemptAt, statusCode, error, null);
    }

    /** Sent again as if new (an operator's replay): same body and event id, attempts from zero, due now. */
    public WebhookDelivery redelivered(Instant now) {
        return new WebhookDelivery(id, subscriptionId, eventId, eventType, body, DeliveryStatus.PENDING, 0,
                createdAt, null, lastAttemptAt, lastStatusCode, lastError, now);
    }
}
