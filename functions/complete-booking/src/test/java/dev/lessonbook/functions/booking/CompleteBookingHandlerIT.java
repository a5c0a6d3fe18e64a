package dev.lessonbook.functions.booking;

import static dev.lessonbook.fixtures.Bookings.aHold;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.stripe.model.PaymentIntent;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.BookingStore.ReserveOutcome;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.PrimingCheck;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.http.TestEvents;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.payments.stripe.StripePaymentGateway;
import dev.lessonbook.payments.stripe.StripeSide;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * POST /v1/bookings/{id}/complete through the real handler, fed the sample event (the instructor
 * inst_42), on moto and localstripe. Lessons that already ended are written straight to the
 * store, paid by an authorization made on localstripe, so no test waits for a lesson to end.
 */
@ExtendWith(LocalServersExtension.class)
class CompleteBookingHandlerIT {
    private static final String INSTRUCTOR = "inst_42";
    private static final long PRICE = 6000;

    private static DynamoBookingStore bookings;
    private static StripePaymentGateway stripe;
    private static StripeSide stripeSide;
    private static CompleteBookingHandler handler;
    /** Each lesson gets its own student and two hours of its own (buffer included), so no two share a lock. */
    private static int lessons;

    @BeforeAll
    static void handlerOnTheEmulators(LocalServers.Endpoints endpoints) {
        bookings = new DynamoBookingStore(FunctionEnvironment.prepare(endpoints));
        FunctionEnvironment.storeStripeSecret(endpoints, "/lessonbook-test/stripe-secret-complete");
        stripe = new StripePaymentGateway(LocalServers.STRIPE_TEST_KEY, endpoints.stripe(),
                StripePaymentGateway.DEFAULT_CONNECT_TIMEOUT, StripePaymentGateway.DEFAULT_READ_TIMEOUT);
        stripeSide = new StripeSide(endpoints.stripe());
        handler = new CompleteBookingHandler();
    }

    @Test
    void theInstructorCompletesALessonThatEndedAndTheFullPriceIsCapturedOnStripe() throws Exception {
        Booking lesson = confirmedLesson(yesterday());

        APIGatewayV2HTTPResponse response = complete(lesson, TestEvents.fromSample("complete-booking.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"status\":\"COMPLETED\"", "\"payment\":{\"status\":\"CAPTURED\"",
                "\"amountCaptured\":6000");
        Booking stored = bookings.find(lesson.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(BookingStatus.COMPLETED);
        assertThat(stored.payment().status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(stored.payment().amountCaptured()).isEqualTo(Money.of(PRICE, "usd"));
        assertThat(intentOf(lesson).getStatus()).isEqualTo("succeeded");
        assertThat(netCaptured(lesson)).isEqualTo(PRICE);
    }

    @Test
    void aLessonThatHasNotEndedCannotBeCompletedAndNothingIsCaptured() throws Exception {
        Booking lesson = confirmedLesson(inThreeDays());

        APIGatewayV2HTTPResponse response = complete(lesson, TestEvents.fromSample("complete-booking.json"));

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getBody()).contains("\"code\":\"LESSON_NOT_ENDED\"");
        assertThat(bookings.find(lesson.id())).contains(lesson);
        assertThat(intentOf(lesson).getStatus()).isEqualTo("requires_capture");
    }

    @Test
    void theBookingsStudentMayNotCompleteIt() throws Exception {
        Booking lesson = confirmedLesson(yesterday());

        APIGatewayV2HTTPResponse response = complete(lesson,
                TestEvents.fromSample("complete-booking.json").as(lesson.studentId(), "student"));

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getBody()).contains("\"code\":\"FORBIDDEN\"");
        assertThat(bookings.find(lesson.id())).contains(lesson);
        assertThat(intentOf(lesson).getStatus()).isEqualTo("requires_capture");
    }

    @Test
    void anotherInstructorIsToldTheBookingDoesNotExist() throws Exception {
        Booking lesson = confirmedLesson(yesterday());

        APIGatewayV2HTTPResponse response = complete(lesson,
                TestEvents.fromSample("complete-booking.json").as("inst_stranger", "instructor"));

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getBody()).contains("\"code\":\"NOT_FOUND\"");
        assertThat(bookings.find(lesson.id())).contains(lesson);
        assertThat(intentOf(lesson).getStatus()).isEqualTo("requires_capture");
    }

    private static APIGatewayV2HTTPResponse complete(Booking lesson, TestEvents.Builder request) {
        return handler.handleRequest(request.pathParam("bookingId", lesson.id()).event(), null);
    }

    /** An hour of yesterday (UTC): always over, whatever the time of day the test runs. */
    private static Instant yesterday() {
        return LocalDate.now(ZoneOffset.UTC).minusDays(1).atTime(6 + 2 * lessons, 0).toInstant(ZoneOffset.UTC);
    }

    private static Instant inThreeDays() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(3).atTime(6 + 2 * lessons, 0).toInstant(ZoneOffset.UTC);
    }

    /**
     * A CONFIRMED 60-minute lesson of inst_42 at {@code startsAt}, its price authorized on
     * localstripe: what create-booking leaves, written through the same store.
     */
    private static Booking confirmedLesson(Instant startsAt) {
        String student = "stud_" + (++lessons);
        Instant now = Instant.now();
        Booking pending = aHold(now.plus(Duration.ofMinutes(10))).instructor(INSTRUCTOR).student(student)
                .zone(ZoneOffset.UTC).startingAt(startsAt).price(PRICE, "usd").createdAt(now).build();
        assertThat(bookings.reserve(pending, now)).isEqualTo(new ReserveOutcome.Reserved(pending));
        PaymentOutcome authorization = stripe.authorize(pending.id(), pending.price(), "pm_card_visa", student);
        assertThat(authorization).isInstanceOf(PaymentOutcome.Authorized.class);
        PaymentOutcome.Authorized authorized = (PaymentOutcome.Authorized) authorization;
        return bookings.confirm(pending.confirmed(now, Payment.authorized(authorized.amount(),
                authorized.paymentIntentId(), "pm_card_visa")), List.of());
    }

    private static PaymentIntent intentOf(Booking lesson) throws Exception {
        return stripeSide.intent(lesson.payment().paymentIntentId());
    }

    /** Money kept on Stripe: what the charge captured minus what was refunded of it. */
    private static long netCaptured(Booking lesson) throws Exception {
        return stripeSide.netCaptured(lesson.payment().paymentIntentId());
    }

    @Test
    void primingBeforeTheSnapshotWritesNothing(LocalServers.Endpoints endpoints) {
        PrimingCheck.writesNothing(CompleteBookingHandler.PRIMING, endpoints);
    }
}
