package dev.lessonbook.http.webhook;

import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Permissions.Administrator;
import dev.lessonbook.http.ApiRequest;
import dev.lessonbook.http.JsonBody;
import dev.lessonbook.http.JsonFields;
import dev.lessonbook.http.Results;
import dev.lessonbook.integration.DeliveryStatus;
import dev.lessonbook.integration.SubscribingAWebhook.Subscribe;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Rejection.FieldError;
import dev.lessonbook.problem.Result;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the webhook subscription routes (docs/spec.md §11). Every one is an admin's: identity
 * (401), then a path id (404), then the admin check (403), then the body.
 * <pre>{@code
 * POST /v1/webhook-subscriptions {"url":"https://…","events":["BookingConfirmed"]|["*"],"description":"…"}
 * }</pre>
 */
public final class WebhookRequests {
    /** Longer than any receiver URL we have seen; bounds what is stored and logged. */
    public static final int MAX_URL_CHARS = 2048;
    public static final int MAX_DESCRIPTION_CHARS = 500;
    /** Every type once, "*" too, and some room for types added later. */
    public static final int MAX_EVENT_TYPES = 50;
    /** Longer than any type name; the use case then says which names exist. */
    public static final int MAX_EVENT_TYPE_CHARS = 64;

    private WebhookRequests() {}

    /** One subscription, named by the path's {@code subscriptionId}. */
    public record SubscriptionRef(Administrator admin, String subscriptionId) {}

    /** A subscription's delivery log, of one status when {@code ?status=} names one. */
    public record DeliveryLog(Administrator admin, String subscriptionId, Optional<DeliveryStatus> status) {}

    /** One delivery of one subscription. */
    public record DeliveryRef(Administrator admin, String subscriptionId, String deliveryId) {}

    public static Result<Subscribe> subscribe(ApiRequest request) {
        return Results.then(request.caller(), caller ->
                Results.then(Permissions.toManageWebhooks(caller), admin ->
                Results.then(JsonBody.required(request), body -> {
                    JsonFields fields = JsonFields.root(body);
                    String url = fields.requiredText("url", MAX_URL_CHARS);
                    List<String> events = fields.requiredTexts("events", MAX_EVENT_TYPES, MAX_EVENT_TYPE_CHARS);
                    String description = fields.optionalText("description", MAX_DESCRIPTION_CHARS).orElse(null);
                    return fields.finish(() -> new Subscribe(admin, url, events, description));
                })));
    }

    public static Result<Administrator> list(ApiRequest request) {
        return Results.then(request.caller(), Permissions::toManageWebhooks);
    }

    /** GET …/{subscriptionId}/deliveries[?status=pending|delivered|failed] */
    public static Result<DeliveryLog> deliveries(ApiRequest request) {
        return Results.then(request.caller(), caller ->
                Results.then(request.pathId("subscriptionId"), id ->
                Results.then(Permissions.toManageWebhooks(caller), admin -> {
                    Optional<String> given = request.query("status").filter(value -> !value.isEmpty());
                    Optional<DeliveryStatus> status = given.flatMap(WebhookRequests::status);
                    if (given.isPresent() && status.isEmpty()) {
                        return Result.rejected(Rejection.validation(List.of(
                                new FieldError("status", "must be one of: pending, delivered, failed"))));
                    }
                    return Result.ok(new DeliveryLog(admin, id, status));
                })));
    }

    /** POST …/{subscriptionId}/deliveries/{deliveryId}/redeliver: no body is read. */
    public static Result<DeliveryRef> delivery(ApiRequest request) {
        return Results.then(request.caller(), caller ->
                Results.then(request.pathId("subscriptionId"), subscriptionId ->
                Results.then(request.pathId("deliveryId"), deliveryId ->
                Results.then(Permissions.toManageWebhooks(caller), admin ->
                        Result.ok(new DeliveryRef(admin, subscriptionId, deliveryId))))));
    }

    private static Optional<DeliveryStatus> status(String value) {
        for (DeliveryStatus status : DeliveryStatus.values()) {
            if (status.name().toLowerCase(Locale.ROOT).equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** GET, DELETE and rotate-secret of one subscription: no body is read. */
    public static Result<SubscriptionRef> one(ApiRequest request) {
        return Results.then(request.caller(), caller ->
                Results.then(request.pathId("subscriptionId"), id ->
                Results.then(Permissions.toManageWebhooks(caller), admin ->
                        Result.ok(new SubscriptionRef(admin, id)))));
    }
}
