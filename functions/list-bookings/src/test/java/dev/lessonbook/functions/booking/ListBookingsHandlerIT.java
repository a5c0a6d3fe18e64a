package dev.lessonbook.functions.booking;

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
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalServersExtension.class)
class ListBookingsHandlerIT {
    private static ListBookingsHandler handler;

    @BeforeAll
    static void threeBookings(LocalServers.Endpoints endpoints) {
        Tables tables = FunctionEnvironment.prepare(endpoints);
        new DynamoProfileStore(tables).save(new InstructorProfile("inst_42", ZoneOffset.UTC, Map.of(), List.of(
                new LessonService("guitar", "Guitar", List.of(60), Map.of(LocationType.ONLINE, 6000L), "usd", true))));
        DynamoBookingStore bookings = new DynamoBookingStore(tables);
        for (String startsAt : List.of("2026-12-08T09:00:00Z", "2026-12-07T09:00:00Z", "2026-12-14T09:00:00Z")) {
            bookings.reserve(booking("bk_" + startsAt.substring(0, 10), Instant.parse(startsAt)), Instant.now());
        }
        handler = new ListBookingsHandler();
    }

    @Test
    void theInstructorListsTheBookingsOfTheRangeByStart() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TestEvents.sample("list-bookings.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).startsWith("{\"items\":[").containsSubsequence("bk_2026-12-07", "bk_2026-12-08")
                .doesNotContain("bk_2026-12-14");
    }

    @Test
    void anotherInstructorMayNotListThem() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                TestEvents.fromSample("list-bookings.json").as("inst_99", "instructor").event(), null);

        assertThat(response.getStatusCode()).isEqualTo(403);
    }

    @Test
    void aBadDateIsAFieldError() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                TestEvents.fromSample("list-bookings.json").query("from", "2026-02-30").event(), null);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getBody()).contains("\"field\":\"from\"");
    }

    private static Booking booking(String id, Instant startsAt) {
        return aHold(Instant.now().plusSeconds(600)).id(id).instructor("inst_42").student("stud_" + id)
                .zone(ZoneOffset.UTC).startingAt(startsAt).createdAt(Instant.now()).build();
    }

    @Test
    void primingBeforeTheSnapshotWritesNothing(LocalServers.Endpoints endpoints) {
        PrimingCheck.writesNothing(ListBookingsHandler.PRIMING, endpoints);
    }
}
