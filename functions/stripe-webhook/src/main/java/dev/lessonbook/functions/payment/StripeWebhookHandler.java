package dev.lessonbook.functions.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.aws.priming.Priming;
import dev.lessonbook.booking.FollowingPaymentReports;
import dev.lessonbook.config.Env;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.payment.DynamoProviderEventLog;
import dev.lessonbook.http.ApiResponse;
import dev.lessonbook.http.HttpFunction;
import dev.lessonbook.http.HttpPriming;
import dev.lessonbook.http.Route;
import dev.lessonbook.http.payment.StripeDeliveries;
import dev.lessonbook.messaging.PublishingTables;
import dev.lessonbook.payment.DisputeAlerts;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payments.stripe.StripePaymentGateway;
import dev.lessonbook.payments.stripe.StripeWebhookEvents;
import dev.lessonbook.problem.Result;
import java.time.Clock;

/**
 * POST /v1/stripe/webhook: Stripe's event deliveries. No JWT authorizer: the {@code Stripe-Signature}
 * is what authenticates Stripe (400 when missing, forged or stale); a verified event is recorded,
 * applied to its booking and answered 200 — also when Lessonbook does not follow its type.
 */
public final class StripeWebhookHandler implements HttpFunction {
    private static final Tables TABLES = PublishingTables.fromEnvironment();
    private static final StripePaymentGateway STRIPE = StripePaymentGateway.fromConfiguration(Env::optional);
    private static final StripeWebhookEvents EVENTS = StripeWebhookEvents.fromConfiguration(Env::optional, STRIPE);
    private static final FollowingPaymentReports FOLLOWING = new FollowingPaymentReports(
            new DynamoProviderEventLog(TABLES), new DynamoBookingStore(TABLES), STRIPE, PaymentIncidents.loggedAndCounted(),
            DisputeAlerts.loggedAndCounted(), Clock.systemUTC());
    private static final Route ROUTE = Route.reading(StripeDeliveries::delivery)
            .then(delivery -> EVENTS.verify(delivery.payload(), delivery.signature()))
            .then(event -> Result.ok(FOLLOWING.receive(event)))
            .respond(handled -> ApiResponse.ok(new Received(true, handled)));

    /**
     * SnapStart priming (docs/decisions.md): the table client, stripe-java from canned documents (no
     * call), and the route on a delivery without a signature, which is refused (400) before
     * anything is read or written.
     */
    static final Priming PRIMING = Priming.register(TABLES.primer(), STRIPE.primer(), HttpPriming.route(ROUTE,
            HttpPriming.request("POST /v1/stripe/webhook").json("{\"id\":\"evt_priming\",\"type\":\"priming\"}")));

    /** The answer Stripe records with the delivery (visible in its dashboard). */
    public record Received(boolean received, FollowingPaymentReports.Handled handled) {}

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ROUTE.handle(event, context);
    }
}
