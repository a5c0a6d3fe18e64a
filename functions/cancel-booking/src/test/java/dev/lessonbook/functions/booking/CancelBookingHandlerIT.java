package dev.lessonbook.functions.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Role;
import dev.lessonbook.availability.SaveWeekCommand;
import dev.lessonbook.availability.SavingWeekAvailability;
import dev.lessonbook.availability.WindowOnDate;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingALesson;
import dev.lessonbook.booking.BookingRequest;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.PrimingCheck;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.availability.DynamoAvailabilityStore;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.http.TestEvents;
import dev.lessonbook.payment.PaymentStatus;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** POST /v1/bookings/{id}/cancel through the real handler, fed the sample event, on moto and localstripe. */
@ExtendWith(LocalServersExtension.class)
class CancelBookingHandlerIT {
    private static Tables tables;
    private static CancelBookingHandler handler;

    @BeforeAll
    static void handlerOnTheEmulators(LocalServers.Endpoints endpoints) {
        tables = FunctionEnvironment.prepare(endpoints);
        FunctionEnvironment.storeStripeSecret(endpoints, "/lessonbook-test/stripe-secret");
        handler = new CancelBookingHandler();
    }

    /** The sample's student, three days ahead: authorized now, released by a cancel ≥ 24 h ahead. */
    private static Booking booked(LocalServers.Endpoints endpoints) {
        LocalDate date = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        DynamoProfileStore profiles = new DynamoProfileStore(tables);
        profiles.save(new InstructorProfile("inst_42", ZoneOffset.UTC, Map.of(), List.of(new LessonService(
                "guitar", "Guitar", List.of(60), Map.of(LocationType.ONLINE, 6000L), "usd", true))));
        new SavingWeekAvailability(profiles, new DynamoAvailabilityStore(tables), Clock.systemUTC()).save(new SaveWeekCommand(
                Permissions.toChangeAvailability(new Caller("inst_42", Role.INSTRUCTOR), "inst_42").orElseThrow(), date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                List.of(new WindowOnDate(date, 8 * 60, 18 * 60)), false, Optional.empty()));
        StripePaymentGateway stripe = new StripePaymentGateway(LocalServers.STRIPE_TEST_KEY, endpoints.stripe(),
                StripePaymentGateway.DEFAULT_CONNECT_TIMEOUT, StripePaymentGateway.DEFAULT_READ_TIMEOUT);
        Result<Booking> result = new BookingALesson(profiles, new DynamoAvailabilityStore(tables), new DynamoBookingStore(tables),
                stripe, Clock.systemUTC()).book(new BookingRequest(Permissions.toBook(new Caller("stud_7", Role.STUDENT)).orElseThrow(), "inst_42", "guitar",
                date, 10 * 60, 60, LocationType.ONLINE, "pm_card_visa", null, null)).result();
        assertThat(result).isInstanceOf(Result.Ok.class);
        return ((Result.Ok<Booking>) result).value();
    }

    @Test
    void theSampleStudentCancelsThreeDaysAheadAndNothingIsCharged(LocalServers.Endpoints endpoints) {
        Booking booking = booked(endpoints);

        APIGatewayV2HTTPResponse response = handler.handleRequest(TestEvents.fromSample("cancel-booking.json")
                .pathParam("bookingId", booking.id()).event(), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"status\":\"CANCELLED\"", "\"payment\":{\"status\":\"RELEASED\"",
                "\"cancellation\":{\"by\":\"student\"", "\"reason\":\"I caught a cold and cannot make it.\"",
                "\"chargePercent\":0", "\"amountCharged\":0");
        Booking stored = new DynamoBookingStore(tables).find(booking.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(stored.payment().status()).isEqualTo(PaymentStatus.RELEASED);
    }

    @Test
    void aBookingThatDoesNotExistIsNotFound() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TestEvents.fromSample("cancel-booking.json").event(), null);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getBody()).contains("\"code\":\"NOT_FOUND\"");
    }

    @Test
    void aReasonOverFiveHundredCharactersIsRejected() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TestEvents.fromSample("cancel-booking.json")
                .json("{\"reason\":\"" + "x".repeat(501) + "\"}").event(), null);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getBody()).contains("\"code\":\"VALIDATION_FAILED\"", "\"field\":\"reason\"");
    }

    @Test
    void primingBeforeTheSnapshotWritesNothing(LocalServers.Endpoints endpoints) {
        PrimingCheck.writesNothing(CancelBookingHandler.PRIMING, endpoints);
    }
}
