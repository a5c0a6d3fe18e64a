package dev.lessonbook.webhook;

import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.integration.DeliveryAttempts;
import dev.lessonbook.integration.DeliveryAttempts.Attempt;
import dev.lessonbook.integration.DeliveryStatus;
import dev.lessonbook.integration.WebhookDeliveries;
import dev.lessonbook.integration.WebhookDelivery;
import dev.lessonbook.integration.WebhookSubscription;
import dev.lessonbook.integration.WebhookSubscriptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * An event's fan-out to the subscriptions that want it: one delivery each (its body fixed now),
 * and one queued attempt each, so every receiver is tried on its own — a slow or dead one never
 * holds up another, and nothing here waits for any receiver. Run by the dispatch worker, after
 * the booking's own request has answered.
 *
 * <p>Dispatching an event again (SQS delivers at least once) makes no second delivery: the
 * delivery's id is derived from the event. A delivery made but never queued (a crash between the
 * two) is queued by the repeat, or found by {@link RetryingDueDeliveries}.
 */
public final class DispatchingWebhooks {
    private final WebhookSubscriptions subscriptions;
    private final WebhookDeliveries deliveries;
    private final DeliveryAttempts attempts;
    private final WebhookBody bodies;
    private final Clock clock;

    public DispatchingWebhooks(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries,
            DeliveryAttempts attempts, WebhookBody bodies, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.bodies = bodies;
        this.clock = clock;
    }

    /** The number of deliveries the event has (made now or before). */
    public int dispatch(DomainEvent event) {
        List<WebhookSubscription> wanting = subscriptions.all().stream().filter(s -> s.wants(event.type())).toList();
        if (wanting.isEmpty()) {
            return 0;
        }
        String body = bodies.of(event);
        for (WebhookSubscription subscription : wanting) {
            WebhookDelivery delivery = WebhookDelivery.first(subscription.id(), event.eventId(), event.occurredAt(),
                    event.type(), body, clock.instant());
            boolean queueIt = deliveries.createIfAbsent(delivery) || deliveries.find(subscription.id(), delivery.id())
                    .filter(made -> made.status() == DeliveryStatus.PENDING && made.attempts() == 0)
                    .isPresent();
            if (queueIt) {
                attempts.schedule(new Attempt(subscription.id(), delivery.id(), 1), Duration.ZERO);
            }
        }
        return wanting.size();
    }
}
