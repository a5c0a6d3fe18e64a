package dev.lessonbook.functions.booking;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.aws.priming.Priming;
import dev.lessonbook.booking.CancellationPolicy;
import dev.lessonbook.booking.CancellationSettlement;
import dev.lessonbook.booking.CancellingABooking;
import dev.lessonbook.config.Env;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.http.HttpFunction;
import dev.lessonbook.http.HttpPriming;
import dev.lessonbook.http.Route;
import dev.lessonbook.http.booking.BookingJson;
import dev.lessonbook.http.booking.BookingRequests;
import dev.lessonbook.messaging.PublishingTables;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payments.stripe.StripePaymentGateway;
import java.time.Clock;

/** POST /v1/bookings/{bookingId}/cancel */
public final class CancelBookingHandler implements HttpFunction {
    private static final Tables TABLES = PublishingTables.fromEnvironment();
    private static final DynamoBookingStore BOOKINGS = new DynamoBookingStore(TABLES);
    private static final StripePaymentGateway PAYMENTS = StripePaymentGateway.fromConfiguration(Env::optional);
    private static final CancellingABooking CANCELLING = new CancellingABooking(BOOKINGS,
            CancellationPolicy.fromConfiguration(Env.optional("CANCELLATION_TIERS")),
            new CancellationSettlement(BOOKINGS, PAYMENTS,
                    PaymentIncidents.loggedAndCounted()),
            Clock.systemUTC());
    private static final Route ROUTE = Route.reading(BookingRequests::cancel)
            .then(request -> CANCELLING.cancel(request.caller(), request.bookingId(), request.reason()))
            .respond(BookingJson::response);

    /**
     * SnapStart priming (docs/decisions.md): the table client and the event publisher (marshalled,
     * not sent), Stripe from canned answers (no call) and its key re-read after a restore, and a
     * cancel request read and a cancelled booking rendered — never cancelled.
     */
    static final Priming PRIMING = Priming.register(TABLES.primer(), PAYMENTS.primer(), HttpPriming.reading(BookingRequests::cancel,
            request -> BookingJson.response(BookingJson.primingSample()),
            HttpPriming.request("POST /v1/bookings/{bookingId}/cancel").pathParam("bookingId", HttpPriming.NEVER_WRITTEN_ID)
                    .json("{\"reason\":\"priming\"}")));

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ROUTE.handle(event, context);
    }
}
