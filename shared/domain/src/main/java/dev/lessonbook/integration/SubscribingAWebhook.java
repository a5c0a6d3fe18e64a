package dev.lessonbook.integration;

import dev.lessonbook.access.Permissions.Administrator;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Rejection.FieldError;
import dev.lessonbook.problem.Result;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * POST /v1/webhook-subscriptions: an admin subscribes a receiver to event types. The URL must be
 * one Lessonbook may send to ({@link ReceiverUrls}), the types known ones or {@code "*"}; the
 * answer is the only time the secret is shown.
 */
public final class SubscribingAWebhook {
    private final WebhookSubscriptions subscriptions;
    private final ReceiverUrls urls;
    private final Clock clock;

    public SubscribingAWebhook(WebhookSubscriptions subscriptions, ReceiverUrls urls, Clock clock) {
        this.subscriptions = subscriptions;
        this.urls = urls;
        this.clock = clock;
    }

    /** What the admin asks for; {@code description} may be null. */
    public record Subscribe(Administrator admin, String url, List<String> events, String description) {}

    public Result<WebhookSubscription> subscribe(Subscribe request) {
        List<FieldError> errors = new ArrayList<>();
        urls.refusal(request.url()).ifPresent(reason -> errors.add(new FieldError("url", reason)));
        errors.addAll(eventErrors(request.events()));
        if (!errors.isEmpty()) {
            return Result.rejected(Rejection.validation(errors));
        }
        WebhookSubscription subscription = new WebhookSubscription(WebhookSecrets.newSubscriptionId(), request.url(),
                request.events(), request.description(), SubscriptionStatus.ACTIVE, clock.instant(),
                WebhookSecrets.newSecret(), null, null);
        subscriptions.create(subscription);
        return Result.ok(subscription);
    }

    /** Each entry a known type or "*", none twice, at least one. */
    static List<FieldError> eventErrors(List<String> events) {
        if (events.isEmpty()) {
            return List.of(new FieldError("events", "must name at least one event type, or \"*\" for all"));
        }
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            String type = events.get(i);
            Optional<String> problem = !type.equals(WebhookSubscription.ALL_EVENTS) && !EventTypes.all().contains(type)
                    ? Optional.of("is not an event type; expected \"*\" or one of: " + String.join(", ", EventTypes.all()))
                    : seen.add(type) ? Optional.empty() : Optional.of("is listed twice");
            int index = i;
            problem.ifPresent(message -> errors.add(new FieldError("events[" + index + "]", message)));
        }
        return errors;
    }
}
