package dev.lessonbook.functions.booking;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.aws.priming.Priming;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingOutcome;
import dev.lessonbook.booking.ReschedulePolicy;
import dev.lessonbook.booking.ReschedulingABooking;
import dev.lessonbook.config.Env;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.availability.DynamoAvailabilityStore;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.http.ApiResponse;
import dev.lessonbook.http.HttpFunction;
import dev.lessonbook.http.HttpPriming;
import dev.lessonbook.http.Route;
import dev.lessonbook.http.booking.BookingJson;
import dev.lessonbook.http.booking.BookingRequests;
import dev.lessonbook.messaging.PublishingTables;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payments.stripe.StripePaymentGateway;
import dev.lessonbook.problem.Result;
import java.time.Clock;

/** POST /v1/bookings/{bookingId}/reschedule */
public final class RescheduleBookingHandler implements HttpFunction {
    private static final Tables TABLES = PublishingTables.fromEnvironment();
    private static final StripePaymentGateway PAYMENTS = StripePaymentGateway.fromConfiguration(Env::optional);
    private static final ReschedulingABooking RESCHEDULING = new ReschedulingABooking(new DynamoProfileStore(TABLES),
            new DynamoAvailabilityStore(TABLES), new DynamoBookingStore(TABLES),
            PAYMENTS, PaymentIncidents.loggedAndCounted(),
            ReschedulePolicy.fromConfiguration(Env.optional("RESCHEDULE_STUDENT_NOTICE"), Env.optional("RESCHEDULE_STUDENT_LIMIT")),
            Clock.systemUTC());
    private static final Route ROUTE = Route.reading(BookingRequests::reschedule)
            .then(request -> Result.ok(RESCHEDULING.reschedule(request)))
            .respond(RescheduleBookingHandler::respond);

    private static ApiResponse respond(BookingOutcome outcome) {
        return switch (outcome.result()) {
            case Result.Rejected<Booking> rejected -> ApiResponse.problem(rejected.rejection());
            case Result.Ok<Booking> ok -> BookingJson.rescheduled(ok.value(), outcome.replayed());
        };
    }

    /**
     * SnapStart priming (docs/decisions.md): the table client and the event publisher (marshalled,
     * not sent), Stripe from canned answers (no call) and its key re-read after a restore, and a
     * reschedule request read and a moved booking rendered — never moved.
     */
    static final Priming PRIMING = Priming.register(TABLES.primer(), PAYMENTS.primer(),
            HttpPriming.reading(BookingRequests::reschedule,
                    request -> BookingJson.rescheduled(BookingJson.primingSample(), false),
                    HttpPriming.request("POST /v1/bookings/{bookingId}/reschedule")
                            .pathParam("bookingId", HttpPriming.NEVER_WRITTEN_ID)
                            .json("{\"date\":\"2027-01-04\",\"start\":\"09:30\",\"durationMinutes\":60}")));

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ROUTE.handle(event, context);
    }
}
