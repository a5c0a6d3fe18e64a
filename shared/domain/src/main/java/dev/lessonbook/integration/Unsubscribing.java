package dev.lessonbook.integration;

import dev.lessonbook.access.Permissions.Administrator;
import dev.lessonbook.problem.Result;

/**
 * DELETE a subscription: no new deliveries are made to it, and its pending retries stop (the
 * delivery worker finds it gone). Deleting one that is not there answers 404.
 */
public final class Unsubscribing {
    private final WebhookSubscriptions subscriptions;

    public Unsubscribing(WebhookSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** The id of the deleted subscription. */
    public Result<String> unsubscribe(Administrator admin, String id) {
        return subscriptions.delete(id) ? Result.ok(id) : Result.rejected(ReadingWebhookSubscriptions.notFound());
    }
}
