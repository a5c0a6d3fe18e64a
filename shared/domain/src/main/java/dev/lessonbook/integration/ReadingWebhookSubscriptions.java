package dev.lessonbook.integration;

import dev.lessonbook.access.Permissions.Administrator;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Result;
import java.util.List;

/** GET the subscriptions, or one of them (admins only; secrets are never part of a read). */
public final class ReadingWebhookSubscriptions {
    private final WebhookSubscriptions subscriptions;

    public ReadingWebhookSubscriptions(WebhookSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    public Result<List<WebhookSubscription>> list(Administrator admin) {
        return Result.ok(subscriptions.all());
    }

    public Result<WebhookSubscription> one(Administrator admin, String id) {
        return subscriptions.find(id).<Result<WebhookSubscription>>map(Result::ok)
                .orElseGet(() -> Result.rejected(notFound()));
    }

    public static Rejection notFound() {
        return Rejection.of(ProblemCode.NOT_FOUND, "Webhook subscription not found");
    }
}
