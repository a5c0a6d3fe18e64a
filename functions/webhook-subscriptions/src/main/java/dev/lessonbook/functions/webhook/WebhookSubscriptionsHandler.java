package dev.lessonbook.functions.webhook;

import dev.lessonbook.http.HttpPriming;
import dev.lessonbook.aws.priming.Priming;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.integration.DynamoWebhookDeliveries;
import dev.lessonbook.dynamodb.integration.DynamoWebhookSubscriptions;
import dev.lessonbook.http.ApiResponse;
import dev.lessonbook.http.HttpFunction;
import dev.lessonbook.http.Route;
import dev.lessonbook.http.webhook.WebhookJson;
import dev.lessonbook.http.webhook.WebhookRequests;
import dev.lessonbook.messaging.SqsDeliveryAttempts;
import dev.lessonbook.integration.ReadingDeliveries;
import dev.lessonbook.integration.ReadingWebhookSubscriptions;
import dev.lessonbook.integration.Redelivering;
import dev.lessonbook.integration.RotatingAWebhookSecret;
import dev.lessonbook.integration.SubscribingAWebhook;
import dev.lessonbook.integration.Unsubscribing;
import dev.lessonbook.integration.WebhookSubscriptions;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.webhook.ReceiverUrlPolicy;
import java.time.Clock;
import java.util.Map;

/**
 * The admins' webhook subscription API, seven routes in one function (docs/decisions.md,
 * "Webhook subscriptions"): {@code POST} and {@code GET /v1/webhook-subscriptions},
 * {@code GET} and {@code DELETE …/{subscriptionId}}, {@code POST …/{subscriptionId}/rotate-secret},
 * the delivery log {@code GET …/{subscriptionId}/deliveries} and
 * {@code POST …/deliveries/{deliveryId}/redeliver}.
 */
public final class WebhookSubscriptionsHandler implements HttpFunction {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Tables TABLES = Tables.fromEnvironment();
    private static final WebhookSubscriptions STORE = new DynamoWebhookSubscriptions(TABLES);
    private static final SubscribingAWebhook SUBSCRIBING =
            new SubscribingAWebhook(STORE, ReceiverUrlPolicy.fromEnvironment(), CLOCK);
    private static final ReadingWebhookSubscriptions READING = new ReadingWebhookSubscriptions(STORE);
    private static final Unsubscribing UNSUBSCRIBING = new Unsubscribing(STORE);
    private static final RotatingAWebhookSecret ROTATING = new RotatingAWebhookSecret(STORE, CLOCK);
    private static final DynamoWebhookDeliveries DELIVERIES = new DynamoWebhookDeliveries(TABLES);
    private static final ReadingDeliveries READING_DELIVERIES = new ReadingDeliveries(STORE, DELIVERIES);
    private static final Redelivering REDELIVERING =
            new Redelivering(DELIVERIES, SqsDeliveryAttempts.fromEnvironment(), CLOCK);

    private static final Map<String, Route> ROUTES = Map.of(
            "POST /v1/webhook-subscriptions", Route.reading(WebhookRequests::subscribe)
                    .then(SUBSCRIBING::subscribe)
                    .respond(created -> WebhookJson.created(created, CLOCK.instant())),
            "GET /v1/webhook-subscriptions", Route.reading(WebhookRequests::list)
                    .then(READING::list)
                    .respond(all -> WebhookJson.list(all, CLOCK.instant())),
            "GET /v1/webhook-subscriptions/{subscriptionId}", Route.reading(WebhookRequests::one)
                    .then(ref -> READING.one(ref.admin(), ref.subscriptionId()))
                    .respond(one -> WebhookJson.one(one, CLOCK.instant())),
            "DELETE /v1/webhook-subscriptions/{subscriptionId}", Route.reading(WebhookRequests::one)
                    .then(ref -> UNSUBSCRIBING.unsubscribe(ref.admin(), ref.subscriptionId()))
                    .respond(WebhookJson::deleted),
            "POST /v1/webhook-subscriptions/{subscriptionId}/rotate-secret", Route.reading(WebhookRequests::one)
                    .then(ref -> ROTATING.rotate(ref.admin(), ref.subscriptionId()))
                    .respond(rotated -> WebhookJson.rotated(rotated, CLOCK.instant())),
            "GET /v1/webhook-subscriptions/{subscriptionId}/deliveries", Route.reading(WebhookRequests::deliveries)
                    .then(log -> READING_DELIVERIES.log(log.admin(), log.subscriptionId(), log.status()))
                    .respond(WebhookJson::deliveries),
            "POST /v1/webhook-subscriptions/{subscriptionId}/deliveries/{deliveryId}/redeliver",
            Route.reading(WebhookRequests::delivery)
                    .then(ref -> REDELIVERING.redeliver(ref.admin(), ref.subscriptionId(), ref.deliveryId()))
                    .respond(WebhookJson::redelivered));
    /** A route key this function is not deployed for: nothing exists there. */
    private static final Route UNROUTED = Route.of(request -> ApiResponse.problem(
            Rejection.of(ProblemCode.NOT_FOUND, "No resource exists at " + request.path())));

    /** SnapStart priming (docs/decisions.md): the table client and the read of a subscription never written. */
    static final Priming PRIMING = Priming.register(TABLES.primer(), HttpPriming.route(
            ROUTES.get("GET /v1/webhook-subscriptions/{subscriptionId}"),
            HttpPriming.request("GET /v1/webhook-subscriptions/{subscriptionId}")
                    .pathParam("subscriptionId", HttpPriming.NEVER_WRITTEN_ID)));

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ROUTES.getOrDefault(event == null || event.getRouteKey() == null ? "" : event.getRouteKey(), UNROUTED).handle(event, context);
    }
}
