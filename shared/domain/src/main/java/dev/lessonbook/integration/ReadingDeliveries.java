package dev.lessonbook.integration;

import dev.lessonbook.access.Permissions.Administrator;
import dev.lessonbook.problem.Result;
import java.util.List;
import java.util.Optional;

/**
 * GET …/{subscriptionId}/deliveries[?status=failed]: the delivery log, newest first — attempts,
 * the receiver's last answer, the next attempt. Deliveries are kept 30 days.
 */
public final class ReadingDeliveries {
    /** The newest this many (of the status asked for) are shown. */
    public static final int LIMIT = 100;

    private final WebhookSubscriptions subscriptions;
    private final WebhookDeliveries deliveries;

    public ReadingDeliveries(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
    }

    public Result<List<WebhookDelivery>> log(Administrator admin, String subscriptionId, Optional<DeliveryStatus> status) {
        if (subscriptions.find(subscriptionId).isEmpty()) {
            return Result.rejected(ReadingWebhookSubscriptions.notFound());
        }
        return Result.ok(deliveries.ofSubscription(subscriptionId, status, LIMIT));
    }
}
