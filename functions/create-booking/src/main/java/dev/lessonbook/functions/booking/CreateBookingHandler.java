package dev.lessonbook.functions.booking;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.aws.priming.Priming;
import dev.lessonbook.booking.BookingALesson;
import dev.lessonbook.booking.BookingOutcome;
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
import dev.lessonbook.payments.stripe.StripePaymentGateway;
import dev.lessonbook.problem.Result;
import java.time.Clock;

/** POST /v1/bookings */
public final class CreateBookingHandler implements HttpFunction {
    private static final Tables TABLES = PublishingTables.fromEnvironment();
    private static final StripePaymentGateway PAYMENTS = StripePaymentGateway.fromConfiguration(Env::optional);
    private static final BookingALesson BOOKING = new BookingALesson(new DynamoProfileStore(TABLES),
            new DynamoAvailabilityStore(TABLES), new DynamoBookingStore(TABLES), PAYMENTS, Clock.systemUTC());
    private static final Route ROUTE = Route.of(request -> switch (BookingRequests.create(request)) {
        case Result.Rejected<?> rejected -> ApiResponse.problem(rejected.rejection());
        case Result.Ok<dev.lessonbook.booking.BookingRequest> ok -> respond(BOOKING.book(ok.value()));
    });

    private static ApiResponse respond(BookingOutcome outcome) {
        return switch (outcome.result()) {
            // A replayed 402/502 is flagged like a replayed 201 (docs/spec.md §5.5, docs/decisions.md).
            case Result.Rejected<?> rejected -> outcome.replayed()
                    ? ApiResponse.problem(rejected.rejection()).withHeader(BookingJson.REPLAYED_HEADER, "true")
                    : ApiResponse.problem(rejected.rejection());
            case Result.Ok<dev.lessonbook.booking.Booking> ok -> BookingJson.created(ok.value(), outcome.replayed());
        };
    }

    /**
     * SnapStart priming (docs/decisions.md): the table client and the event publisher (marshalled,
     * not sent), Stripe from canned answers (no call) and its key re-read after a restore, and a
     * booking request read and a booking rendered — never booked.
     */
    static final Priming PRIMING = Priming.register(TABLES.primer(), PAYMENTS.primer(), HttpPriming.reading(BookingRequests::create,
            request -> BookingJson.created(BookingJson.primingSample(), false),
            HttpPriming.request("POST /v1/bookings").as(HttpPriming.NEVER_WRITTEN_ID, "student").json("""
                    {"instructorId":"PRIMING-never-written","serviceId":"piano","date":"2027-01-04","start":"09:30",
                     "durationMinutes":60,"locationType":"online","paymentMethodId":"pm_card_visa","note":"priming"}""")));

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ROUTE.handle(event, context);
    }
}
