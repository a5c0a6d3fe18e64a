package dev.lessonbook.functions.booking;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Role;
import dev.lessonbook.availability.SaveWeekCommand;
import dev.lessonbook.availability.SavingWeekAvailability;
import dev.lessonbook.availability.WindowOnDate;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingALesson;
import dev.lessonbook.booking.BookingOutcome;
import dev.lessonbook.booking.BookingRequest;
import dev.lessonbook.booking.CancellationPolicy;
import dev.lessonbook.booking.CancellationSettlement;
import dev.lessonbook.booking.CancellingABooking;
import dev.lessonbook.booking.ReschedulePolicy;
import dev.lessonbook.booking.ReschedulingABooking;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.TestTable;
import dev.lessonbook.dynamodb.availability.DynamoAvailabilityStore;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.http.TestEvents;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payments.stripe.StripePaymentGateway;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the handler ITs share: one table and one handler per test JVM (the handler reads its
 * settings once, when its class loads), and per test a fresh instructor in UTC — 30-, 60- and
 * 90-minute guitar online at 60.00 an hour — open all day on {@link #DAY} and
 * the four days after, whose lessons are booked through the real Stripe adapter on localstripe.
 */
final class MovingLessons {
    /** Three days ahead: authorized when booked, more than 12 h away, within the authorization's life. */
    static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).plusDays(3);
    private static Tables tables;
    private static RescheduleBookingHandler handler;
    private static PaymentGateway stripe;
    private static java.net.URI stripeBase;

    final String instructor = "ins_" + UUID.randomUUID().toString().substring(0, 8);

    static synchronized void start(LocalServers.Endpoints endpoints) {
        if (tables == null) {
            tables = FunctionEnvironment.prepare(endpoints);
            FunctionEnvironment.storeStripeSecret(endpoints, "/lessonbook-test/stripe-secret");
            handler = new RescheduleBookingHandler();
            stripeBase = endpoints.stripe();
            stripe = new StripePaymentGateway(LocalServers.STRIPE_TEST_KEY, endpoints.stripe(),
                    StripePaymentGateway.DEFAULT_CONNECT_TIMEOUT, StripePaymentGateway.DEFAULT_READ_TIMEOUT);
        }
    }

    MovingLessons() {
        DynamoProfileStore profiles = new DynamoProfileStore(tables);
        profiles.save(new InstructorProfile(instructor, ZoneOffset.UTC, Map.of(), List.of(new LessonService(
                "guitar", "Guitar", List.of(30, 60, 90), Map.of(LocationType.ONLINE, 6000L), "usd", true))));
        SavingWeekAvailability saving = new SavingWeekAvailability(profiles, new DynamoAvailabilityStore(tables), Clock.systemUTC());
        for (int day = 0; day < 5; day++) {
            LocalDate date = DAY.plusDays(day);
            saving.save(new SaveWeekCommand(Permissions.toChangeAvailability(new Caller(instructor, Role.INSTRUCTOR), instructor)
                    .orElseThrow(), date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                    List.of(new WindowOnDate(date, 0, 24 * 60)), false, Optional.empty()));
        }
    }

    /**
     * A student of this test only: a student's lock units are theirs across instructors, so two
     * tests booking one student at one time would conflict.
     */
    String student(String name) {
        return "stud_" + name + "_" + instructor;
    }

    BookingOutcome book(String student, LocalDate date, int startMinute) {
        return new BookingALesson(new DynamoProfileStore(tables), new DynamoAvailabilityStore(tables),
                new DynamoBookingStore(tables), stripe, Clock.systemUTC()).book(new BookingRequest(
                Permissions.toBook(new Caller(student, Role.STUDENT)).orElseThrow(), instructor, "guitar", date, startMinute,
                60, LocationType.ONLINE, "pm_card_visa", null, null));
    }

    Booking booked(String student, LocalDate date, int startMinute) {
        return ((Result.Ok<Booking>) book(student, date, startMinute).result()).value();
    }

    /** Cancels as the real cancel function composes it. */
    CancellingABooking cancelling() {
        DynamoBookingStore store = new DynamoBookingStore(tables);
        return new CancellingABooking(store, CancellationPolicy.defaults(),
                new CancellationSettlement(store, stripe, (id, operation, reason) -> { }), Clock.systemUTC());
    }

    /**
     * The reschedule use case as the handler composes it, on {@code payments} (the real adapter
     * wrapped by a test), its manual reviews added to {@code incidents}.
     */
    static ReschedulingABooking rescheduling(PaymentGateway payments, List<String> incidents) {
        return new ReschedulingABooking(new DynamoProfileStore(tables), new DynamoAvailabilityStore(tables),
                new DynamoBookingStore(tables), payments, (bookingId, operation, reason) -> incidents.add(operation),
                ReschedulePolicy.defaults(), Clock.systemUTC());
    }

    /** The adapter every lesson here is booked and paid with. */
    static PaymentGateway stripe() {
        return stripe;
    }

    /** Stores {@code booking} as it is, in place of what is stored (a test's change of state). */
    static void replace(Booking booking) {
        new DynamoBookingStore(tables).update(booking, booking.status(), List.of());
    }

    static java.net.URI stripeBase() {
        return stripeBase;
    }

    static RescheduleBookingHandler handler() {
        return handler;
    }

    /** The sample event, without its Idempotency-Key, from {@code sub} as {@code role}, moving {@code booking}. */
    static APIGatewayV2HTTPResponse reschedule(Booking booking, String sub, String role, String body) {
        return handler.handleRequest(TestEvents.fromSample("reschedule-booking.json").withoutHeader("idempotency-key")
                .as(sub, role).pathParam("bookingId", booking.id()).json(body).event(), null);
    }

    /** The status of a PaymentIntent as the local Stripe server has it, read over its API. */
    static String intentStatus(String paymentIntentId) throws Exception {
        java.net.http.HttpResponse<String> intent = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(stripeBase.resolve("/v1/payment_intents/" + paymentIntentId))
                        .header("Authorization", "Bearer " + LocalServers.STRIPE_TEST_KEY).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(intent.body()).path("status").asText();
    }

    static String to(LocalDate date, String start) {
        return "{\"date\":\"" + date + "\",\"start\":\"" + start + "\"}";
    }

    static Booking stored(Booking booking) {
        return new DynamoBookingStore(tables).find(booking.id()).orElseThrow();
    }

    /** The keys of the lock items a table scan finds for {@code bookingId}. */
    static List<String> lockKeys(String bookingId) {
        return TestTable.scan(tables).stream()
                .filter(item -> item.get("sk").s().startsWith("LOCK#"))
                .filter(item -> item.get("bookingId").s().equals(bookingId))
                .map(MovingLessons::key)
                .toList();
    }

    /** The keys of the lock items {@code booking}'s occupancy needs. */
    static List<String> lockKeysOf(Booking booking) {
        List<String> keys = new ArrayList<>();
        booking.occupancy().instructorLockUnits()
                .forEach(unit -> keys.add(key(Keys.slotLock(Keys.instructor(booking.instructorId()), unit))));
        booking.occupancy().studentLockUnits()
                .forEach(unit -> keys.add(key(Keys.slotLock(Keys.student(booking.studentId()), unit))));
        return keys;
    }

    private static String key(Map<String, AttributeValue> item) {
        return item.get("pk").s() + " " + item.get("sk").s();
    }
}
