package dev.lessonbook.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.booking.BookingALesson;
import dev.lessonbook.booking.BookingOutcome;
import dev.lessonbook.booking.CancellationPolicy;
import dev.lessonbook.booking.CancellationSettlement;
import dev.lessonbook.booking.CancellingABooking;
import dev.lessonbook.config.Env;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.availability.DynamoAvailabilityStore;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.http.ApiResponse;
import dev.lessonbook.http.Route;
import dev.lessonbook.http.TestEvents;
import dev.lessonbook.http.booking.BookingJson;
import dev.lessonbook.http.booking.BookingRequests;
import dev.lessonbook.messaging.PublishingTables;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payments.stripe.StripePaymentGateway;
import dev.lessonbook.problem.Result;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP functions as the benchmark calls them in-process, and the events it sends them.
 *
 * <p>Functions without Stripe are the real handler classes. The two with Stripe calls are composed
 * here exactly as their handlers compose them (same classes, same order, same settings), with the
 * payment gateway wrapped in {@link TimedPayments} so that Stripe's time can be told apart from
 * ours: the handlers build their gateway privately in static init, and nothing else changes.
 */
public final class Functions {
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    private Functions() {}

    public static Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> saveAvailability() {
        var handler = new dev.lessonbook.functions.availability.SaveAvailabilityHandler();
        return event -> handler.handleRequest(event, null);
    }

    public static Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> getAvailability() {
        var handler = new dev.lessonbook.functions.availability.GetAvailabilityHandler();
        return event -> handler.handleRequest(event, null);
    }

    public static Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> bookingStats() {
        var handler = new dev.lessonbook.functions.stats.BookingStatsHandler();
        return event -> handler.handleRequest(event, null);
    }

    /** The real create-booking handler (contention, cost). */
    public static Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> createBookingHandler() {
        var handler = new dev.lessonbook.functions.booking.CreateBookingHandler();
        return event -> handler.handleRequest(event, null);
    }

    /** The real cancel-booking handler (cost). */
    public static Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> cancelBookingHandler() {
        var handler = new dev.lessonbook.functions.booking.CancelBookingHandler();
        return event -> handler.handleRequest(event, null);
    }

    /** CreateBookingHandler's composition, Stripe timed. */
    public static Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> createBookingTimed() {
        return createBookingTimed(Clock.systemUTC());
    }

    /** The same at the time {@code clock} tells: a lesson that has ended by now, booked back when it was ahead. */
    public static Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> createBookingTimed(Clock clock) {
        Tables tables = PublishingTables.fromEnvironment();
        BookingALesson booking = new BookingALesson(new DynamoProfileStore(tables), new DynamoAvailabilityStore(tables),
                new DynamoBookingStore(tables), TimedPayments.around(StripePaymentGateway.fromConfiguration(Env::optional)),
                clock);
        Route route = Route.of(request -> switch (BookingRequests.create(request)) {
            case Result.Rejected<?> rejected -> ApiResponse.problem(rejected.rejection());
            case Result.Ok<dev.lessonbook.booking.BookingRequest> ok -> created(booking.book(ok.value()));
        });
        return event -> route.handle(event, null);
    }

    private static ApiResponse created(BookingOutcome outcome) {
        return switch (outcome.result()) {
            case Result.Rejected<?> rejected -> ApiResponse.problem(rejected.rejection());
            case Result.Ok<dev.lessonbook.booking.Booking> ok -> BookingJson.created(ok.value(), outcome.replayed());
        };
    }

    /** CancelBookingHandler's composition, Stripe timed. */
    public static Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> cancelBookingTimed() {
        DynamoBookingStore bookings = new DynamoBookingStore(PublishingTables.fromEnvironment());
        PaymentGateway payments = TimedPayments.around(StripePaymentGateway.fromConfiguration(Env::optional));
        CancellingABooking cancelling = new CancellingABooking(bookings,
                CancellationPolicy.fromConfiguration(Env.optional("CANCELLATION_TIERS")),
                new CancellationSettlement(bookings, payments, PaymentIncidents.loggedAndCounted()), Clock.systemUTC());
        Route route = Route.reading(BookingRequests::cancel)
                .then(request -> cancelling.cancel(request.caller(), request.bookingId(), request.reason()))
                .respond(BookingJson::response);
        return event -> route.handle(event, null);
    }

    // --- events -------------------------------------------------------------------------------

    public static APIGatewayV2HTTPEvent createBooking(String student, String instructor, LocalDate date, int startMinute,
            String idempotencyKey) {
        TestEvents.Builder builder = TestEvents.fromSample("create-booking.json").claims(withEmail(student, "student"))
                .json("""
                        {"instructorId":"%s","serviceId":"%s","date":"%s","start":"%s","durationMinutes":60,
                         "locationType":"online","paymentMethodId":"pm_card_visa"}"""
                        .formatted(instructor, BenchEnvironment.SERVICE, date, hhmm(startMinute)));
        return (idempotencyKey == null ? builder.withoutHeader("idempotency-key") : builder.header("idempotency-key", idempotencyKey))
                .event();
    }

    public static APIGatewayV2HTTPEvent cancelBooking(String student, String bookingId) {
        return TestEvents.fromSample("cancel-booking.json").as(student, "student")
                .pathParam("bookingId", bookingId)
                .json("{\"reason\":\"benchmark\"}")
                .event();
    }

    public static APIGatewayV2HTTPEvent saveWeek(String instructor, LocalDate weekStart, int variant) {
        StringBuilder windows = new StringBuilder();
        for (int day = 0; day < 7; day++) {
            windows.append(day == 0 ? "" : ",").append("""
                    {"date":"%s","start":"%s","end":"%s"}""".formatted(weekStart.plusDays(day), variant % 2 == 0 ? "08:00" : "09:00", "18:00"));
        }
        return TestEvents.fromSample("save-availability.json").as(instructor, "instructor").withoutHeader("if-match")
                .pathParam("instructorId", instructor).pathParam("weekStart", weekStart.toString())
                .json("{\"windows\":[" + windows + "],\"clearExisting\":true}")
                .event();
    }

    public static APIGatewayV2HTTPEvent readWeek(String student, String instructor, LocalDate weekStart, boolean bookable) {
        TestEvents.Builder builder = TestEvents.fromSample("get-availability.json").as(student, "student")
                .pathParam("instructorId", instructor).pathParam("weekStart", weekStart.toString());
        return (bookable ? builder.query("view", "bookable") : builder.withoutQuery("view")).event();
    }

    public static APIGatewayV2HTTPEvent stats(String instructor) {
        return TestEvents.fromSample("booking-stats.json").as(instructor, "instructor")
                .pathParam("instructorId", instructor).event();
    }

    public static String idOf(APIGatewayV2HTTPResponse response) {
        Matcher matcher = ID.matcher(response.getBody());
        if (!matcher.find()) {
            throw new IllegalStateException("no booking id in " + response.getStatusCode() + " " + response.getBody());
        }
        return matcher.group(1);
    }

    public static String hhmm(int minute) {
        return "%02d:%02d".formatted(minute / 60, minute % 60);
    }

    /**
     * A caller's token claims as the identity provider issues them: with the {@code email} claim
     * (template.yaml EmailClaim) that create-booking keeps for the student and put-profile for the
     * instructor, so the notification worker writes to and sends to a real recipient.
     */
    static Map<String, String> withEmail(String sub, String role) {
        return Map.of("sub", sub, "role", role, "email", sub + "@example.com");
    }
}
