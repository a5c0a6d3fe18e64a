package dev.lessonbook.integration;

import dev.lessonbook.access.Permissions.Administrator;
import dev.lessonbook.integration.DeliveryAttempts.Attempt;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Result;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * POST …/deliveries/{deliveryId}/redeliver: an operator's replay. The same body with the same
 * event id is sent again (receivers deduplicate by it), retried as a new delivery would be. A
 * delivery still pending is on its way already and is answered as it is.
 */
public final class Redelivering {
    private final WebhookDeliveries deliveries;
    private final DeliveryAttempts attempts;
    private final Clock clock;

    public Redelivering(WebhookDeliveries deliveries, DeliveryAttempts attempts, Clock clock) {
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.clock = clock;
    }

    public Result<WebhookDelivery> redeliver(Administrator admin, String subscriptionId, String deliveryId) {
        Optional<WebhookDelivery> found = deliveries.find(subscriptionId, deliveryId);
        while (found.isPresent() && found.get().status() != DeliveryStatus.PENDING) {
            WebhookDelivery again = found.get().redelivered(clock.instant());
            if (deliveries.replace(found.get(), again)) {
                attempts.schedule(new Attempt(subscriptionId, deliveryId, 1), Duration.ZERO);
                return Result.ok(again);
            }
            found = deliveries.find(subscriptionId, deliveryId);
        }
        return found.<Result<WebhookDelivery>>map(Result::ok)
                .orElseGet(() -> Result.rejected(ProblemCode.NOT_FOUND, "Webhook delivery not found"));
    }
}
