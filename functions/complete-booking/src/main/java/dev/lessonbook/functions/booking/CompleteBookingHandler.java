package dev.lessonbook.functions.booking;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.booking.CompletingABooking;
import dev.lessonbook.config.Env;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.http.HttpFunction;
import dev.lessonbook.http.Route;
import dev.lessonbook.http.booking.BookingJson;
import dev.lessonbook.http.booking.BookingRequests;
import dev.lessonbook.messaging.PublishingTables;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payments.stripe.StripePaymentGateway;
import java.time.Clock;

/** POST /v1/bookings/{bookingId}/complete */
public final class CompleteBookingHandler implements HttpFunction {
    private static final CompletingABooking COMPLETING = new CompletingABooking(
            new DynamoBookingStore(PublishingTables.fromEnvironment()), StripePaymentGateway.fromConfiguration(Env::optional),
            PaymentIncidents.loggedAndCounted(), Clock.systemUTC());
    private static final Route ROUTE = Route.reading(BookingRequests::booking)
            .then(ref -> COMPLETING.complete(ref.caller(), ref.bookingId()))
            .respond(BookingJson::response);

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ROUTE.handle(event, context);
    }
}
