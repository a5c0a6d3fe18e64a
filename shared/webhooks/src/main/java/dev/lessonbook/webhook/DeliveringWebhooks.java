package dev.lessonbook.webhook;

import dev.lessonbook.integration.DeliveryAttempts;
import dev.lessonbook.integration.DeliveryAttempts.Attempt;
import dev.lessonbook.integration.DeliveryStatus;
import dev.lessonbook.integration.SubscriptionStatus;
import dev.lessonbook.integration.WebhookDeliveries;
import dev.lessonbook.integration.WebhookDelivery;
import dev.lessonbook.integration.WebhookSubscription;
import dev.lessonbook.integration.WebhookSubscriptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One queued attempt of one delivery. The attempt is claimed first (a conditional write on the
 * attempts made so far), so of two workers holding the same message only one sends. Its outcome
 * is recorded: delivered; or the next attempt by {@link RetrySchedule}, queued with the delay the
 * queue can hold (a longer wait is re-queued when it comes back early); or, 24 h after the first
 * attempt, failed for good — and the subscription marked {@code FAILING}, never deleted.
 *
 * <p>A claim holds for {@link #LEASE}: a worker that dies mid-attempt leaves the delivery due at
 * the lease's end, when {@link RetryingDueDeliveries} queues its next attempt.
 */
public final class DeliveringWebhooks {
    /** Longer than an attempt can take (10 s to answer, the writes around it). */
    public static final Duration LEASE = Duration.ofMinutes(2);
    /** A message this close to its due time is not sent back to wait. */
    static final Duration EARLY_TOLERANCE = Duration.ofSeconds(1);

    /** What became of a queued attempt. */
    public enum Outcome {
        DELIVERED,
        RETRY_SCHEDULED,
        FAILED,
        /** Not due yet: queued again for the rest of its wait. */
        WAITING,
        /** Made already, or by another worker; or the delivery is no longer pending. */
        STALE,
        /** The delivery or its subscription is gone (deleted); a delivery of a deleted subscription ends FAILED. */
        GONE
    }

    private final WebhookSubscriptions subscriptions;
    private final WebhookDeliveries deliveries;
    private final DeliveryAttempts attempts;
    private final SendingAWebhook sending;
    private final RetrySchedule retries;
    private final Clock clock;

    public DeliveringWebhooks(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries, DeliveryAttempts attempts,
            SendingAWebhook sending, RetrySchedule retries, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.sending = sending;
        this.retries = retries;
        this.clock = clock;
    }

    public Outcome attempt(Attempt attempt) {
        Optional<WebhookDelivery> found = deliveries.find(attempt.subscriptionId(), attempt.deliveryId());
        if (found.isEmpty()) {
            return Outcome.GONE;
        }
        WebhookDelivery delivery = found.get();
        if (delivery.status() != DeliveryStatus.PENDING || delivery.attempts() != attempt.attempt() - 1) {
            return Outcome.STALE;
        }
        Instant now = clock.instant();
        if (delivery.nextAttemptAt() != null && delivery.nextAttemptAt().isAfter(now.plus(EARLY_TOLERANCE))) {
            attempts.schedule(attempt, shortest(Duration.between(now, delivery.nextAttemptAt()), attempts.longestDelay()));
            return Outcome.WAITING;
        }
        Optional<WebhookSubscription> subscription = subscriptions.findToSend(attempt.subscriptionId(), attempt.deliveryId());
        if (subscription.isEmpty()) {
            // Ended, so that nothing retries it any more; the item lapses with the others (TTL).
            deliveries.replace(delivery, delivery.failed(null, "The subscription was deleted."));
            return Outcome.GONE;
        }
        WebhookDelivery claimed = delivery.claimed(now, now.plus(LEASE));
        if (!deliveries.replace(delivery, claimed)) {
            return Outcome.STALE;
        }
        SendingAWebhook.Attempt sent = sending.send(subscription.get().url(), claimed.eventId(), claimed.body(),
                subscription.get().secretsSigningAt(now));
        return switch (sent) {
            case SendingAWebhook.Delivered delivered -> recordDelivered(subscription.get(), claimed, delivered);
            case SendingAWebhook.Failed failed -> recordFailed(subscription.get(), claimed, failed);
        };
    }

    private Outcome recordDelivered(WebhookSubscription subscription, WebhookDelivery claimed,
            SendingAWebhook.Delivered delivered) {
        deliveries.replace(claimed, claimed.delivered(delivered.statusCode()));
        if (subscription.status() == SubscriptionStatus.FAILING) {
            subscriptions.markStatus(subscription.id(), SubscriptionStatus.ACTIVE);
        }
        return Outcome.DELIVERED;
    }

    private Outcome recordFailed(WebhookSubscription subscription, WebhookDelivery claimed, SendingAWebhook.Failed failed) {
        Instant now = clock.instant();
        Optional<Instant> next = retries.nextAttemptAfter(claimed.attempts(), claimed.firstAttemptAt(), now);
        if (next.isEmpty()) {
            deliveries.replace(claimed, claimed.failed(failed.statusCode(), failed.reason()));
            if (subscription.status() != SubscriptionStatus.FAILING) {
                subscriptions.markStatus(subscription.id(), SubscriptionStatus.FAILING);
            }
            return Outcome.FAILED;
        }
        if (deliveries.replace(claimed, claimed.retryAt(failed.statusCode(), failed.reason(), next.get()))) {
            attempts.schedule(new Attempt(subscription.id(), claimed.id(), claimed.attempts() + 1),
                    shortest(Duration.between(now, next.get()), attempts.longestDelay()));
        }
        return Outcome.RETRY_SCHEDULED;
    }

    private static Duration shortest(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
