package dev.lessonbook.integration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A system of the marketplace that wants to hear about events: where they are sent, which types
 * ({@link #ALL_EVENTS} for every one, later ones included), and the secret that signs them. A
 * rotated secret keeps signing next to the new one until {@code previousSecretUntil}, so a
 * receiver can switch without losing a delivery.
 *
 * @param previousSecret      the secret before the last rotation, or null
 * @param previousSecretUntil until when it still signs, or null
 */
public record WebhookSubscription(
        String id,
        String url,
        List<String> events,
        String description,
        SubscriptionStatus status,
        Instant createdAt,
        String secret,
        String previousSecret,
        Instant previousSecretUntil) {

    /** The events member that subscribes to every type. */
    public static final String ALL_EVENTS = "*";
    /** How long a rotated secret still signs (issue 18: 24 h). */
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    public WebhookSubscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        events = List.copyOf(events);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(secret, "secret");
        if ((previousSecret == null) != (previousSecretUntil == null)) {
            throw new IllegalArgumentException("A previous secret comes with the end of its overlap");
        }
    }

    /** Whether an event of {@code type} goes to this subscription. */
    public boolean wants(String type) {
        return events.contains(ALL_EVENTS) || events.contains(type);
    }

    /** The secrets that sign a delivery sent at {@code now}: the current one first. */
    public List<String> secretsSigningAt(Instant now) {
        List<String> secrets = new ArrayList<>(List.of(secret));
        if (previousSecret != null && now.isBefore(previousSecretUntil)) {
            secrets.add(previousSecret);
        }
        return List.copyOf(secrets);
    }

    /** Until when the previous secret signs, while it still does at {@code now}. */
    public Optional<Instant> previousSecretSignsUntil(Instant now) {
        return previousSecret != null && now.isBefore(previousSecretUntil)
                ? Optional.of(previousSecretUntil)
                : Optional.empty();
    }

    /**
     * The subscription with {@code newSecret}; the current one signs on for {@link #ROTATION_OVERLAP}.
     * A secret rotated before is dropped then, so at most two secrets ever sign.
     */
    public WebhookSubscription rotatedTo(String newSecret, Instant now) {
        return new WebhookSubscription(id, url, events, description, status, createdAt,
                newSecret, secret, now.plus(ROTATION_OVERLAP));
    }

    public WebhookSubscription withStatus(SubscriptionStatus newStatus) {
        return new WebhookSubscription(id, url, events, description, newStatus, createdAt,
                secret, previousSecret, previousSecretUntil);
    }
}
