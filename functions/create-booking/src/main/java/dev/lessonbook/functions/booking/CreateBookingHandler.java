package dev.lessonbook.functions.booking;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.aws.priming.Priming;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingALesson;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.ConfirmingAPayment;
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
import java.time.Duration;

/**
 * POST /v1/bookings, and POST /v1/bookings/{bookingId}/confirm-payment: the second ends what the
 * first began when the card asked for 3-D Secure, with exactly the first's permissions (read the
 * booking, confirm or release it with its locks, read and cancel its intent in Stripe), so it is a
 * route of this function rather than a function of its own (docs/decisions.md, "3-D Secure on booking").
 */
public final class CreateBookingHandler implements HttpFunction {
    static final String CONFIRM_PAYMENT_ROUTE = "POST /v1/bookings/{bookingId}/confirm-payment";
    private static final Tables TABLES = PublishingTables.fromEnvironment();
    private static final StripePaymentGateway PAYMENTS = StripePaymentGateway.fromConfiguration(Env::optional);
    private static final DynamoBookingStore BOOKINGS = new DynamoBookingStore(TABLES);
    /** How long a PENDING booking holds its slot (payment and 3-D Secure): PAYMENT_HOLD_SECONDS, default 15 minutes. */
    private static final Duration HOLD = Env.optional("PAYMENT_HOLD_SECONDS").map(Long::parseLong).map(Duration::ofSeconds)
            .orElse(BookingALesson.DEFAULT_HOLD);
    private static final BookingALesson BOOKING = new BookingALesson(new DynamoProfileStore(TABLES),
            new DynamoAvailabilityStore(TABLES), BOOKINGS, PAYMENTS, Clock.systemUTC(), HOLD);
    private static final ConfirmingAPayment CONFIRMING = new ConfirmingAPayment(BOOKINGS, PAYMENTS, Clock.systemUTC());
    private static final Route ROUTE = Route.of(request -> switch (BookingRequests.create(request)) {
        case Result.Rejected<?> rejected -> ApiResponse.problem(rejected.rejection());
        case Result.Ok<dev.lessonbook.booking.BookingRequest> ok -> respond(BOOKING.book(ok.value()), true);
    });
    private static final Route CONFIRM = Route.of(request -> switch (BookingRequests.booking(request)) {
        case Result.Rejected<?> rejected -> ApiResponse.problem(rejected.rejection());
        case Result.Ok<BookingRequests.BookingRef> ok -> respond(CONFIRMING.confirm(ok.value().caller(), ok.value().bookingId()),
                false);
    });

    /**
     * A booked lesson answers 201 ({@code created}) or 200 (a confirmed payment); a PENDING one whose card awaits
     * authentication 202, with the client secret when there is one.
     */
    private static ApiResponse respond(BookingOutcome outcome, boolean created) {
        return switch (outcome.result()) {
            // A replayed 402/502 is flagged like a replayed 201 (docs/spec.md §5.5, docs/decisions.md).
            case Result.Rejected<?> rejected -> outcome.replayed()
                    ? ApiResponse.problem(rejected.rejection()).withHeader(BookingJson.REPLAYED_HEADER, "true")
                    : ApiResponse.problem(rejected.rejection());
            case Result.Ok<Booking> ok when ok.value().status() == BookingStatus.PENDING ->
                    BookingJson.awaitingAuthentication(ok.value(), outcome.clientSecret(), outcome.replayed());
            case Result.Ok<Booking> ok -> created ? BookingJson.created(ok.value(), outcome.replayed())
                    : BookingJson.response(ok.value());
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
                     "durationMinutes":60,"locationType":"online","paymentMethodId":"pm_card_visa","note":"priming"}""")),
            HttpPriming.reading(BookingRequests::booking,
                    request -> BookingJson.awaitingAuthentication(BookingJson.primingSample(), "pi_priming_secret", false),
                    HttpPriming.request(CONFIRM_PAYMENT_ROUTE).as(HttpPriming.NEVER_WRITTEN_ID, "student")
                            .pathParam("bookingId", HttpPriming.NEVER_WRITTEN_ID)));

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return event != null && CONFIRM_PAYMENT_ROUTE.equals(event.getRouteKey())
                ? CONFIRM.handle(event, context)
                : ROUTE.handle(event, context);
    }
}
