package dev.lessonbook.functions.booking;

import static dev.lessonbook.fixtures.Bookings.aHold;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.PrimingCheck;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.http.TestEvents;
import dev.lessonbook.payment.Payment;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalServersExtension.class)
class GetBookingHandlerIT {
    private static final String BOOKING = "bk_3f9a0c2e7b1d4a6e8c5f";
    private static GetBookingHandler handler;

    @BeforeAll
    static void aConfirmedBooking(LocalServers.Endpoints endpoints) {
        DynamoBookingStore bookings = new DynamoBookingStore(FunctionEnvironment.prepare(endpoints));
        Booking pending = aHold(Instant.now().plusSeconds(600)).id(BOOKING).instructor("inst_42").student("stud_7")
                .zone(ZoneOffset.UTC).at("2030-01-07T09:00").note("bring a capo").createdAt(Instant.now()).build();
        bookings.reserve(pending, Instant.now());
        bookings.confirm(pending.confirmed(Instant.now(), Payment.notRequired("usd")), List.of());
        handler = new GetBookingHandler();
    }

    @Test
    void itsStudentReadsTheBooking() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TestEvents.sample("get-booking.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"id\":\"" + BOOKING + "\"", "\"status\":\"CONFIRMED\"",
                "\"note\":\"bring a capo\"");
    }

    @Test
    void itsInstructorAndAnAdminReadTheBooking() {
        assertThat(handler.handleRequest(TestEvents.fromSample("get-booking.json").as("inst_42", "instructor").event(), null)
                .getStatusCode()).isEqualTo(200);
        assertThat(handler.handleRequest(TestEvents.fromSample("get-booking.json").as("ops_1", "admin").event(), null)
                .getStatusCode()).isEqualTo(200);
    }

    @Test
    void aNonPartyGetsTheSameNotFoundAsForAMissingBooking() {
        APIGatewayV2HTTPResponse stranger = handler.handleRequest(
                TestEvents.fromSample("get-booking.json").as("stud_8", "student").event(), null);
        APIGatewayV2HTTPResponse missing = handler.handleRequest(
                TestEvents.fromSample("get-booking.json").pathParam("bookingId", "bk_missing").event(), null);

        assertThat(stranger.getStatusCode()).isEqualTo(404);
        assertThat(missing.getStatusCode()).isEqualTo(404);
        assertThat(withoutInstance(stranger.getBody())).isEqualTo(withoutInstance(missing.getBody()).replace("bk_missing", BOOKING));
    }

    private static String withoutInstance(String problem) {
        return problem.replaceAll("\"instance\":\"[^\"]*\"", "");
    }

    @Test
    void primingBeforeTheSnapshotWritesNothing(LocalServers.Endpoints endpoints) {
        PrimingCheck.writesNothing(GetBookingHandler.PRIMING, endpoints);
    }
}
