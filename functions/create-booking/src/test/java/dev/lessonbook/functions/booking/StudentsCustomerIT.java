package dev.lessonbook.functions.booking;

import static dev.lessonbook.functions.booking.CreateBookingHandlerIT.BERLIN;
import static dev.lessonbook.functions.booking.CreateBookingHandlerIT.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.model.Customer;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
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
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.TestTable;
import dev.lessonbook.dynamodb.availability.DynamoAvailabilityStore;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.emulators.Concurrently;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payments.AroundPayments;
import dev.lessonbook.payments.stripe.StripePaymentGateway;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The student's Stripe Customer is stored with the student (docs/decisions.md "The student's
 * Customer"): made once, by the first booking, and named by every later booking with no customer
 * call to Stripe — counted on the local Stripe server's request log, and still so after Stripe
 * forgot the student's idempotency key (the server's test-only control for 24 h passing).
 */
@ExtendWith(LocalServersExtension.class)
class StudentsCustomerIT {
    private static final LocalDate SOON = LocalDate.now(BERLIN).plusDays(3);
    private static final LocalDate LATER = LocalDate.now(BERLIN).plusDays(10);
    private static final Pattern REQUEST = Pattern.compile("\"path\": ?\"([^\"]+)\"");

    private Tables tables;
    private URI stripeBase;
    private StripePaymentGateway stripe;
    private String instructor;

    @BeforeEach
    void instructorWithTwoOpenDays(LocalServers.Endpoints endpoints) {
        tables = TestTable.create(endpoints);
        stripeBase = endpoints.stripe();
        stripe = new StripePaymentGateway(LocalServers.STRIPE_TEST_KEY, stripeBase,
                StripePaymentGateway.DEFAULT_CONNECT_TIMEOUT, StripePaymentGateway.DEFAULT_READ_TIMEOUT);
        instructor = "inst_" + UUID.randomUUID();
        DynamoProfileStore profiles = new DynamoProfileStore(tables);
        profiles.save(new InstructorProfile(instructor, BERLIN, Map.of(), List.of(new LessonService(
                "guitar", "Guitar", List.of(60), Map.of(LocationType.ONLINE, 6000L), "usd", true))));
        SavingWeekAvailability weeks = new SavingWeekAvailability(profiles, new DynamoAvailabilityStore(tables),
                Clock.systemUTC());
        for (LocalDate date : List.of(SOON, LATER)) {
            weeks.save(new SaveWeekCommand(Permissions.toChangeAvailability(new Caller(instructor, Role.INSTRUCTOR),
                    instructor).orElseThrow(), date.with(DayOfWeek.MONDAY),
                    List.of(new WindowOnDate(date, minutes("08:00"), minutes("18:00"))), true, Optional.empty()));
        }
    }

    @Test
    void aStudentsLaterBookingsNameTheStoredCustomerAndMakeNoCustomerCall() throws Exception {
        String student = "stud_" + UUID.randomUUID();
        Booking first = confirmed(book(booking(stripe), student, SOON, "10:00"));

        assertThat(first.payment().customerId()).startsWith("cus_");
        assertThat(storedCustomer(student)).contains(first.payment().customerId());
        assertThat(customerCalls(student)).hasSize(1);

        Booking second = confirmed(book(booking(stripe), student, SOON, "12:00"));
        // More than 6 days ahead: the card is saved by a SetupIntent to the same Customer.
        Booking deferred = confirmed(book(booking(stripe), student, LATER, "10:00"));

        assertThat(second.payment().customerId()).isEqualTo(first.payment().customerId());
        assertThat(deferred.payment().customerId()).isEqualTo(first.payment().customerId());
        assertThat(customerCalls(student)).as("no customer call after the first booking").hasSize(1);
        PaymentIntent held = stripeSide().v1().paymentIntents().retrieve(second.payment().paymentIntentId());
        assertThat(held.getCustomer()).isEqualTo(first.payment().customerId());
    }

    @Test
    void afterStripeForgotTheStudentsKeyTheStudentStillHasOneCustomer() throws Exception {
        String student = "stud_" + UUID.randomUUID();
        Booking first = confirmed(book(booking(stripe), student, SOON, "10:00"));

        forgetKeys("lessonbook-student-" + student);
        Booking second = confirmed(book(booking(stripe), student, SOON, "12:00"));

        assertThat(second.payment().customerId()).isEqualTo(first.payment().customerId());
        assertThat(customerCalls(student)).hasSize(1);
        // The control works: the student's key, asked again now, makes another Customer — what a
        // booking that called Stripe for its customer would have been given.
        Customer afresh = stripeSide().v1().customers().create(CustomerCreateParams.builder()
                .putMetadata("studentId", student).build(),
                RequestOptions.builder().setIdempotencyKey("lessonbook-student-" + student + "-customer").build());
        assertThat(afresh.getId()).isNotEqualTo(first.payment().customerId());
    }

    @Test
    void concurrentFirstBookingsOfOneStudentStoreOneCustomerAndAllNameIt() throws Exception {
        String student = "stud_" + UUID.randomUUID();
        List<Callable<BookingOutcome>> bookings = new ArrayList<>();
        for (String time : List.of("08:00", "10:00", "12:00", "14:00", "16:00")) {
            bookings.add(() -> book(booking(stripe), student, SOON, time));
        }

        List<String> customers = Concurrently.run(bookings, bookings.size()).stream()
                .map(StudentsCustomerIT::confirmed).map(booked -> booked.payment().customerId()).distinct().toList();

        assertThat(customers).hasSize(1);
        assertThat(storedCustomer(student)).contains(customers.get(0));
    }

    @Test
    void anotherCustomerStoredMeanwhileStaysAndTheBookingIsConfirmedWithItsOwn() throws Exception {
        String student = "stud_" + UUID.randomUUID();
        // While this booking pays, another booking of the student stores another Customer (one
        // made after Stripe forgot the key): the confirmation keeps that one and still commits.
        PaymentGateway raced = new AroundPayments(stripe, call -> {
            var outcome = call.get();
            tables.client().putItem(put -> put.tableName(tables.tableName()).item(Map.of(
                    Keys.PK, AttributeValue.fromS(Keys.student(student)), Keys.SK, AttributeValue.fromS("CUSTOMER"),
                    Keys.CUSTOMER_ID, AttributeValue.fromS("cus_stored_meanwhile"))));
            return outcome;
        });

        Booking booked = confirmed(book(booking(raced), student, SOON, "10:00"));

        assertThat(booked.payment().customerId()).startsWith("cus_").isNotEqualTo("cus_stored_meanwhile");
        assertThat(storedCustomer(student)).contains("cus_stored_meanwhile");
    }

    private BookingALesson booking(PaymentGateway payments) {
        return new BookingALesson(new DynamoProfileStore(tables), new DynamoAvailabilityStore(tables),
                new DynamoBookingStore(tables), payments, Clock.systemUTC());
    }

    private BookingOutcome book(BookingALesson booking, String student, LocalDate date, String time) {
        return booking.book(new BookingRequest(Permissions.toBook(new Caller(student, Role.STUDENT)).orElseThrow(),
                instructor, "guitar", date, minutes(time), 60, LocationType.ONLINE, "pm_card_visa", null,
                "key-" + UUID.randomUUID()));
    }

    private static Booking confirmed(BookingOutcome outcome) {
        assertThat(outcome.result()).isInstanceOf(Result.Ok.class);
        Booking booking = ((Result.Ok<Booking>) outcome.result()).value();
        assertThat(booking.status()).isEqualTo(BookingStatus.CONFIRMED);
        return booking;
    }

    private Optional<String> storedCustomer(String student) {
        Map<String, AttributeValue> item = tables.client().getItem(get -> get.tableName(tables.tableName())
                .key(Keys.studentCustomer(student)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get(Keys.CUSTOMER_ID).s());
    }

    /** The requests to Stripe's customers endpoint under the student's key (the server's request log). */
    private List<String> customerCalls(String student) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stripeBase
                        + "/_config/lessonbook/requests?key_prefix="
                        + URLEncoder.encode("lessonbook-student-" + student, StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<String> paths = new ArrayList<>();
        Matcher request = REQUEST.matcher(answer.body());
        while (request.find()) {
            paths.add(request.group(1));
        }
        assertThat(paths).allMatch("/v1/customers"::equals);
        return paths;
    }

    /** Stripe's side of 24 h passing: the keys starting with {@code prefix} are forgotten. */
    private void forgetKeys(String prefix) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stripeBase + "/_config/lessonbook/idempotency_keys/forget"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"forgotten\": 1");
    }

    private StripeClient stripeSide() {
        return StripeClient.builder().setApiKey(LocalServers.STRIPE_TEST_KEY).setApiBase(stripeBase.toString()).build();
    }
}
