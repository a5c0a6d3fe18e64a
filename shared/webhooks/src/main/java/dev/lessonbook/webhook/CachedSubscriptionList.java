package dev.lessonbook.webhook;

import dev.lessonbook.config.Env;
import dev.lessonbook.integration.SubscriptionStatus;
import dev.lessonbook.integration.WebhookSubscription;
import dev.lessonbook.integration.WebhookSubscriptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The subscription list as webhook-dispatch sees it: {@link #all()} read from the store at most
 * once per {@code ttl} per container, every other call passed through. Dispatch lists the
 * subscriptions for every event of the marketplace; read each time, the list's one partition
 * ({@code WEBHOOKS}) would take about 700 reads per second at 1,000 bookings per second
 * (docs/capacity.md). The consequence (docs/decisions.md, "Subscription list cache"): a new
 * subscription gets the events that occur from at most {@code ttl} after its creation, and an
 * event may still be dispatched to a subscription deleted less than {@code ttl} ago — which
 * sends nothing, since webhook-delivery reads the subscription again before every attempt and
 * ends the delivery of a deleted one unsent.
 *
 * <p>{@code ttl} is the {@code WEBHOOK_SUBSCRIPTION_CACHE_SECONDS} setting (template parameter
 * {@code WebhookSubscriptionCacheSeconds}, default {@value #DEFAULT_SECONDS}); 0 reads every time.
 */
public final class CachedSubscriptionList implements WebhookSubscriptions {
    public static final String SETTING = "WEBHOOK_SUBSCRIPTION_CACHE_SECONDS";
    public static final int DEFAULT_SECONDS = 60;
    /** Longer would leave new subscriptions without events for longer than an operator would wait. */
    public static final int MAX_SECONDS = 3_600;

    private final WebhookSubscriptions store;
    private final Duration ttl;
    private final Clock clock;
    private List<WebhookSubscription> cached;
    private Instant readAt;

    public CachedSubscriptionList(WebhookSubscriptions store, Duration ttl, Clock clock) {
        if (ttl.isNegative() || ttl.compareTo(Duration.ofSeconds(MAX_SECONDS)) > 0) {
            throw new IllegalArgumentException(SETTING + " must be 0 to " + MAX_SECONDS + " seconds, not " + ttl.toSeconds());
        }
        this.store = store;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** With the time to live of the {@code WEBHOOK_SUBSCRIPTION_CACHE_SECONDS} setting. */
    public static CachedSubscriptionList fromEnvironment(WebhookSubscriptions store, Clock clock) {
        return new CachedSubscriptionList(store, ttl(Env.optional(SETTING)), clock);
    }

    /** The time to live of {@code value}, the setting's text (absent: the default). */
    public static Duration ttl(Optional<String> value) {
        String text = value.map(String::trim).orElse(Integer.toString(DEFAULT_SECONDS));
        try {
            return Duration.ofSeconds(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SETTING + " must be a whole number of seconds, not " + text, e);
        }
    }

    /** The list read at most {@code ttl} ago (read now when older, or when {@code ttl} is 0). */
    @Override
    public synchronized List<WebhookSubscription> all() {
        Instant now = clock.instant();
        if (cached == null || ttl.isZero() || !now.isBefore(readAt.plus(ttl))) {
            cached = List.copyOf(store.all());
            readAt = now;
        }
        return cached;
    }

    @Override
    public void create(WebhookSubscription subscription) {
        store.create(subscription);
    }

    @Override
    public Optional<WebhookSubscription> find(String id) {
        return store.find(id);
    }

    @Override
    public Optional<WebhookSubscription> findToSend(String id, String deliveryId) {
        return store.findToSend(id, deliveryId);
    }

    @Override
    public boolean delete(String id) {
        return store.delete(id);
    }

    @Override
    public boolean replaceIfSecretIs(WebhookSubscription updated, String expectedSecret) {
        return store.replaceIfSecretIs(updated, expectedSecret);
    }

    @Override
    public void markStatus(String id, SubscriptionStatus status) {
        store.markStatus(id, status);
    }
}
