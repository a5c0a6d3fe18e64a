package dev.lessonbook.integration;

import dev.lessonbook.access.Permissions.Administrator;
import dev.lessonbook.problem.Result;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * POST …/{id}/rotate-secret: a new secret signs from now on, and the one it replaces signs next
 * to it for {@link WebhookSubscription#ROTATION_OVERLAP}, so a receiver has a day to switch. The
 * write is conditional on the secret read: of two rotations at once each ends with its own new
 * secret current in turn, and the previous secret is always one that was shown to somebody.
 */
public final class RotatingAWebhookSecret {
    /** Concurrent rotations of one subscription are an operator's double click: a few re-reads settle them. */
    static final int ATTEMPTS = 5;

    private final WebhookSubscriptions subscriptions;
    private final Clock clock;

    public RotatingAWebhookSecret(WebhookSubscriptions subscriptions, Clock clock) {
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /** The subscription with its new secret. */
    public Result<WebhookSubscription> rotate(Administrator admin, String id) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<WebhookSubscription> current = subscriptions.find(id);
            if (current.isEmpty()) {
                return Result.rejected(ReadingWebhookSubscriptions.notFound());
            }
            Instant now = clock.instant();
            WebhookSubscription rotated = current.get().rotatedTo(WebhookSecrets.newSecret(), now);
            if (subscriptions.replaceIfSecretIs(rotated, current.get().secret())) {
                return Result.ok(rotated);
            }
        }
        throw new IllegalStateException("The secret of " + id + " kept changing under " + ATTEMPTS + " rotations");
    }
}
