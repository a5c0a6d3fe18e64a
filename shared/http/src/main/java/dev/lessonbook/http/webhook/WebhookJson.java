package dev.lessonbook.http.webhook;

import dev.lessonbook.http.ApiResponse;
import dev.lessonbook.http.WireFormats;
import dev.lessonbook.integration.WebhookDelivery;
import dev.lessonbook.integration.WebhookSubscription;
import java.time.Instant;
import java.util.List;

/**
 * Subscriptions as the API shows them. The secret is a member only of the answers that make one
 * (create, rotate-secret): it is shown once, and never read back.
 */
public final class WebhookJson {
    private WebhookJson() {}

    /**
     * @param previousSecretExpiresAt while a rotated secret still signs, until when; else null
     */
    public record Subscription(String id, String url, List<String> events, String description, String status,
            String createdAt, String previousSecretExpiresAt) {}

    /** A subscription with the secret that now signs its deliveries. */
    public record SubscriptionWithSecret(String id, String url, List<String> events, String description,
            String status, String createdAt, String previousSecretExpiresAt, String secret) {}

    public record SubscriptionList(List<Subscription> items) {}

    /** A delivery as the log shows it: what was sent (by event), its attempts and what came of them; not the body. */
    public record Delivery(String id, String subscriptionId, String eventId, String eventType, String status,
            int attempts, String createdAt, String firstAttemptAt, String lastAttemptAt, Integer lastStatusCode,
            String lastError, String nextAttemptAt) {}

    public record DeliveryList(List<Delivery> items) {}

    public static Delivery delivery(WebhookDelivery delivery) {
        return new Delivery(delivery.id(), delivery.subscriptionId(), delivery.eventId(), delivery.eventType(),
                delivery.status().name(), delivery.attempts(), WireFormats.formatInstant(delivery.createdAt()),
                instantOrNull(delivery.firstAttemptAt()), instantOrNull(delivery.lastAttemptAt()),
                delivery.lastStatusCode(), delivery.lastError(), instantOrNull(delivery.nextAttemptAt()));
    }

    public static ApiResponse.Document deliveries(List<WebhookDelivery> deliveries) {
        return ApiResponse.ok(new DeliveryList(deliveries.stream().map(WebhookJson::delivery).toList()));
    }

    /** 202: the delivery is queued again. */
    public static ApiResponse.Document redelivered(WebhookDelivery delivery) {
        return ApiResponse.status(202, delivery(delivery));
    }

    private static String instantOrNull(Instant instant) {
        return instant == null ? null : WireFormats.formatInstant(instant);
    }

    public static Subscription subscription(WebhookSubscription subscription, Instant now) {
        return new Subscription(subscription.id(), subscription.url(), subscription.events(),
                subscription.description(), subscription.status().name(),
                WireFormats.formatInstant(subscription.createdAt()), previousUntil(subscription, now));
    }

    public static SubscriptionWithSecret withSecret(WebhookSubscription subscription, Instant now) {
        return new SubscriptionWithSecret(subscription.id(), subscription.url(), subscription.events(),
                subscription.description(), subscription.status().name(),
                WireFormats.formatInstant(subscription.createdAt()), previousUntil(subscription, now),
                subscription.secret());
    }

    public static ApiResponse.Document created(WebhookSubscription subscription, Instant now) {
        return ApiResponse.created(withSecret(subscription, now), "/v1/webhook-subscriptions/" + subscription.id());
    }

    public static ApiResponse.Document rotated(WebhookSubscription subscription, Instant now) {
        return ApiResponse.ok(withSecret(subscription, now));
    }

    public static ApiResponse.Document one(WebhookSubscription subscription, Instant now) {
        return ApiResponse.ok(subscription(subscription, now));
    }

    public static ApiResponse.Document list(List<WebhookSubscription> subscriptions, Instant now) {
        return ApiResponse.ok(new SubscriptionList(subscriptions.stream().map(s -> subscription(s, now)).toList()));
    }

    /** 204: the subscription is gone. */
    public static ApiResponse.Document deleted(String subscriptionId) {
        return ApiResponse.status(204, null);
    }

    private static String previousUntil(WebhookSubscription subscription, Instant now) {
        return subscription.previousSecretSignsUntil(now).map(WireFormats::formatInstant).orElse(null);
    }
}
