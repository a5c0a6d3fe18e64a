package dev.lessonbook.functions.availability;

import static dev.lessonbook.fixtures.Bookings.aHold;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.availability.AvailabilityStore.VersionedWeek;
import dev.lessonbook.availability.DaySlots;
import dev.lessonbook.availability.WeekAvailability;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.PrimingCheck;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.availability.DynamoAvailabilityStore;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.http.TestEvents;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.profile.BookingLimits;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalServersExtension.class)
class GetAvailabilityHandlerIT {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate MONDAY = LocalDate.now(BERLIN).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(1);

    private static GetAvailabilityHandler handler;

    @BeforeAll
    static void aWeekWithOneConfirmedLesson(LocalServers.Endpoints endpoints) {
        Tables tables = FunctionEnvironment.prepare(endpoints);
        new DynamoProfileStore(tables).save(new InstructorProfile("inst_42", BERLIN, Map.of(), List.of(new LessonService(
                "guitar", "Guitar", List.of(60), Map.of(LocationType.ONLINE, 6000L), "usd", true))));
        new DynamoAvailabilityStore(tables).saveWeek(VersionedWeek.of(new WeekAvailability("inst_42", MONDAY,
                Map.of(MONDAY, DaySlots.empty().open(9 * 60, 12 * 60)))), Optional.empty(), List.of());
        // Monday 10:00-11:00 online: the instructor is busy until 11:15 (15 minutes after).
        Booking pending = aHold(Instant.now().plusSeconds(600)).id("bk_view").instructor("inst_42").student("stud_7")
                .zone(BERLIN).at(MONDAY.atTime(10, 0)).createdAt(Instant.now()).build();
        DynamoBookingStore bookings = new DynamoBookingStore(tables);
        bookings.reserve(pending, Instant.now());
        bookings.confirm(pending.confirmed(Instant.now(), Payment.notRequired("usd")), List.of());
        // inst_near books at most 9 days ahead: of a week that begins 8 to 14 days from now, only
        // the dates up to the ninth day are bookable.
        new DynamoProfileStore(tables).save(new InstructorProfile("inst_near", BERLIN, Map.of(), List.of(new LessonService(
                "guitar", "Guitar", List.of(60), Map.of(LocationType.ONLINE, 6000L), "usd", true)),
                new BookingLimits(Map.of(), 9, OptionalInt.empty())));
        Map<LocalDate, DaySlots> everyDay = new java.util.HashMap<>();
        for (int day = 0; day < 7; day++) {
            everyDay.put(MONDAY.plusDays(day), DaySlots.empty().open(9 * 60, 12 * 60));
        }
        new DynamoAvailabilityStore(tables).saveWeek(VersionedWeek.of(new WeekAvailability("inst_near", MONDAY, everyDay)),
                Optional.empty(), List.of());
        handler = new GetAvailabilityHandler();
    }

    @Test
    void theBookableViewEndsAtTheInstructorsHorizon() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(week().pathParam("instructorId", "inst_near").event(), null);
        LocalDate lastBookable = LocalDate.now(BERLIN).plusDays(9);

        assertThat(response.getStatusCode()).isEqualTo(200);
        for (int day = 0; day < 7; day++) {
            LocalDate date = MONDAY.plusDays(day);
            // The day's slots, not the date alone: the answer's weekStart names the Monday too.
            assertThat(response.getBody().contains("\"" + date + "\":[{"))
                    .as("%s with the last bookable date %s", date, lastBookable).isEqualTo(!date.isAfter(lastBookable));
        }
    }

    @Test
    void theStoredWeekIsReadWithBookingsNeitherSubtractedNorGivenBack() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(week().withoutQuery("view").event(), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"days\":{\"%s\":[{\"start\":\"09:00\",\"end\":\"12:00\"}]}".formatted(MONDAY));
        assertThat(response.getHeaders()).containsKey("ETag");
    }

    @Test
    void theBookableViewSubtractsActiveBookingsWithTheirBuffers() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(week().event(), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains(("\"days\":{\"%s\":[{\"start\":\"09:00\",\"end\":\"10:00\"},"
                + "{\"start\":\"11:15\",\"end\":\"12:00\"}]}").formatted(MONDAY));
    }

    @Test
    void aWeekStartThatIsNotAMondayIsRejected() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                week().pathParam("weekStart", MONDAY.plusDays(1).toString()).event(), null);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getBody()).contains("\"code\":\"INVALID_WEEK_START\"");
    }

    private static TestEvents.Builder week() {
        return TestEvents.fromSample("get-availability.json").pathParam("weekStart", MONDAY.toString());
    }

    @Test
    void primingBeforeTheSnapshotWritesNothing(LocalServers.Endpoints endpoints) {
        PrimingCheck.writesNothing(GetAvailabilityHandler.PRIMING, endpoints);
    }
}
