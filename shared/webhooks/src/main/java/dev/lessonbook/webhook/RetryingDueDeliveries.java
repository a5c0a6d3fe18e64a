package dev.lessonbook.webhook;

import dev.lessonbook.integration.DeliveryAttempts;
import dev.lessonbook.integration.DeliveryAttempts.Attempt;
import dev.lessonbook.integration.WebhookDeliveries;
import dev.lessonbook.integration.WebhookDelivery;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The net under the queue (every minute): a pending delivery whose next attempt is more than
 * {@link #GRACE} overdue has lost its queued attempt — a worker died holding it, or queueing it
 * failed — and is queued again. A duplicate is harmless: the attempt is claimed before it is made.
 */
public final class RetryingDueDeliveries {
    /** How late a queued attempt may be before it counts as lost. */
    public static final Duration GRACE = Duration.ofMinutes(1);
    /** Per run; the rest are found by the next. */
    public static final int LIMIT = 100;

    private final WebhookDeliveries deliveries;
    private final DeliveryAttempts attempts;
    private final Clock clock;

    public RetryingDueDeliveries(WebhookDeliveries deliveries, DeliveryAttempts attempts, Clock clock) {
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.clock = clock;
    }

    /** The number of attempts queued again. */
    public int run() {
        List<WebhookDelivery> overdue = deliveries.dueBefore(clock.instant().minus(GRACE), LIMIT);
        for (WebhookDelivery delivery : overdue) {
            attempts.schedule(new Attempt(delivery.subscriptionId(), delivery.id(), delivery.attempts() + 1), Duration.ZERO);
        }
        return overdue.size();
    }
}
