package dev.lessonbook.functions.stats;

import static dev.lessonbook.fixtures.Bookings.aHold;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.PrimingCheck;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.http.TestEvents;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GET /v1/instructors/{instructorId}/booking-stats through the real handler on moto. */
@ExtendWith(LocalServersExtension.class)
class BookingStatsHandlerIT {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static BookingStatsHandler handler;

    @BeforeAll
    static void anInstructorWithOneUpcomingLesson(LocalServers.Endpoints endpoints) {
        Tables tables = FunctionEnvironment.prepare(endpoints);
        new DynamoProfileStore(tables).save(new InstructorProfile("inst_42", BERLIN, Map.of(), List.of(new LessonService(
                "guitar", "Guitar", List.of(60), Map.of(LocationType.ONLINE, 6000L), "usd", true))));
        LocalDate date = LocalDate.now(BERLIN).plusDays(10);
        Booking pending = aHold(Instant.now().plusSeconds(600)).id("bk_stats").instructor("inst_42").student("stud_7")
                .zone(BERLIN).at(date.atTime(10, 0)).createdAt(Instant.now()).build();
        DynamoBookingStore bookings = new DynamoBookingStore(tables);
        bookings.reserve(pending, Instant.now());
        bookings.confirm(pending.confirmed(Instant.now(), Payment.notRequired("usd")), List.of());
        handler = new BookingStatsHandler();
    }

    @Test
    void theInstructorReadsTheirStatsInTheShapeOfTheSpec() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TestEvents.sample("booking-stats.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("{\"instructorId\":\"inst_42\",\"totalBookings\":1,\"upcomingBookings\":1,"
                + "\"completedBookings\":0,\"cancelledBookings\":0,\"totalEarnings\":{\"amount\":0,\"currency\":\"usd\"},"
                + "\"thisMonthEarnings\":{\"amount\":0,\"currency\":\"usd\"},\"completionRate\":0.0,\"cancellationRate\":0.0}");
    }

    @Test
    void anotherInstructorIsForbidden() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                TestEvents.fromSample("booking-stats.json").as("inst_43", "instructor").event(), null);

        assertThat(response.getStatusCode()).isEqualTo(403);
    }

    @Test
    void anInstructorWithoutAProfileIsNotFound() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TestEvents.fromSample("booking-stats.json")
                .as("inst_99", "instructor").pathParam("instructorId", "inst_99").event(), null);

        assertThat(response.getStatusCode()).isEqualTo(404);
    }

    @Test
    void primingBeforeTheSnapshotWritesNothing(LocalServers.Endpoints endpoints) {
        PrimingCheck.writesNothing(BookingStatsHandler.PRIMING, endpoints);
    }
}
