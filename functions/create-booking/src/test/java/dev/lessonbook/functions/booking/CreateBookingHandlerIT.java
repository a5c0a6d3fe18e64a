package dev.lessonbook.functions.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Role;
import dev.lessonbook.availability.SaveWeekCommand;
import dev.lessonbook.availability.SavingWeekAvailability;
import dev.lessonbook.availability.WindowOnDate;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.CancellationPolicy;
import dev.lessonbook.booking.CancellationSettlement;
import dev.lessonbook.booking.CancellingABooking;
import dev.lessonbook.availability.TakingTimeOff;
import dev.lessonbook.calendar.TimeOff;
import dev.lessonbook.contact.LessonAddresses;
import dev.lessonbook.dynamodb.calendar.DynamoCalendarDays;
import dev.lessonbook.payments.stripe.StripePaymentGateway;
import dev.lessonbook.profile.Buffer;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.PrimingCheck;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.TestTable;
import dev.lessonbook.dynamodb.availability.DynamoAvailabilityStore;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.emulators.Concurrently;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.http.TestEvents;
import dev.lessonbook.profile.BookingLimits;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** POST /v1/bookings through the real handler, on moto and localstripe, with real concurrency. */
@ExtendWith(LocalServersExtension.class)
class CreateBookingHandlerIT {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Two weeks ahead: payment is a saved card (SCHEDULED). */
    static final LocalDate MONDAY = LocalDate.now(BERLIN).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(1);
    /** Within 6 days: payment is an authorization now. */
    static final LocalDate SOON = LocalDate.now(BERLIN).plusDays(3);
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    static Tables tables;
    private static CreateBookingHandler handler;
    private static LocalServers.Endpoints servers;

    @BeforeAll
    static void handlerOnTheEmulators(LocalServers.Endpoints endpoints) {
        servers = endpoints;
        tables = FunctionEnvironment.prepare(endpoints);
        FunctionEnvironment.storeStripeSecret(endpoints, "/lessonbook-test/stripe-secret");
        for (String instructor : List.of("inst_42", "inst_43", "inst_44", "inst_45", "inst_46", "inst_47", "inst_48")) {
            publish(instructor, MONDAY, "08:00", "18:00");
            publish(instructor, SOON.with(DayOfWeek.MONDAY), "08:00", "18:00");
        }
        handler = new CreateBookingHandler();
    }

    static void publish(String instructor, LocalDate weekStart, String start, String end) {
        DynamoProfileStore profiles = new DynamoProfileStore(tables);
        profiles.save(new InstructorProfile(instructor, BERLIN, Map.of(), List.of(new LessonService(
                "guitar", "Guitar", List.of(30, 60), Map.of(LocationType.ONLINE, 6000L), "usd", true)), null,
                instructor + "@instructors.example.com"));
        List<WindowOnDate> windows = new ArrayList<>();
        for (int day = 0; day < 7; day++) {
            LocalDate date = weekStart.plusDays(day);
            if (!date.isBefore(LocalDate.now(BERLIN).plusDays(1))) {
                windows.add(new WindowOnDate(date, minutes(start), minutes(end)));
            }
        }
        assertThat(new SavingWeekAvailability(profiles, new DynamoAvailabilityStore(tables), Clock.systemUTC())
                .save(new SaveWeekCommand(Permissions.toChangeAvailability(new Caller(instructor, Role.INSTRUCTOR), instructor).orElseThrow(), weekStart, windows, false,
                        Optional.empty())))
                .isInstanceOf(dev.lessonbook.problem.Result.Ok.class);
    }

    @Test
    void aStudentBooksALessonFromTheSampleEvent() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(booking("stud_7", "inst_42", MONDAY, "09:00", 60)
                .header("idempotency-key", "sample-1").event(), null);

        assertThat(response.getStatusCode()).isEqualTo(201);
        String id = idOf(response);
        assertThat(response.getHeaders()).containsEntry("Location", "/v1/bookings/" + id);
        assertThat(response.getBody()).contains("\"status\":\"CONFIRMED\"", "\"start\":\"09:00\"", "\"end\":\"10:00\"",
                "\"price\":{\"amount\":6000,\"currency\":\"usd\"}", "\"payment\":{\"status\":\"SCHEDULED\"");
        assertThat(new DynamoBookingStore(tables).find(id).orElseThrow().status()).isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void theBookingKeepsTheStudentsTokenAddressAndTheInstructorsProfileAddressAndShowsNeither() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(booking("stud_mail", "inst_42", MONDAY, "17:00", 30)
                .claims(Map.of("sub", "stud_mail", "role", "student", "email", "ada+lessons@students.example.com")).event(), null);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).doesNotContain("@", "addresses");
        assertThat(new DynamoBookingStore(tables).find(idOf(response)).orElseThrow().addresses())
                .isEqualTo(new LessonAddresses("ada+lessons@students.example.com", "inst_42@instructors.example.com"));
    }

    @Test
    void fiftyStudentsRacingForOverlappingTimesGetExactlyOneBooking() throws Exception {
        List<Callable<APIGatewayV2HTTPResponse>> requests = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            // 09:00, 09:15 or 09:30 for 60 minutes: every request overlaps every other.
            String start = List.of("09:00", "09:15", "09:30").get(i % 3);
            APIGatewayV2HTTPEvent event = booking("racer_" + i, "inst_43", MONDAY, start, 60).event();
            requests.add(() -> handler.handleRequest(event, null));
        }

        List<APIGatewayV2HTTPResponse> responses = Concurrently.run(requests, requests.size());

        assertThat(responses).filteredOn(response -> response.getStatusCode() == 201).hasSize(1);
        assertThat(responses).filteredOn(response -> response.getStatusCode() == 409).hasSize(49)
                .allSatisfy(response -> assertThat(response.getBody()).contains("\"conflictScope\":\"instructor\"",
                        "\"detail\":\"Instructor already has a booking that overlaps this time\""));
        String winner = idOf(responses.stream().filter(response -> response.getStatusCode() == 201).findFirst().orElseThrow());
        List<Map<String, AttributeValue>> items = TestTable.scan(tables);
        assertThat(items).filteredOn(item -> item.get("pk").s().startsWith("BOOKING#"))
                .filteredOn(item -> item.get("instructorId").s().equals("inst_43"))
                .extracting(item -> item.get("id").s()).containsExactly(winner);
        assertThat(items).filteredOn(item -> item.get("sk").s().startsWith("LOCK#"))
                .filteredOn(item -> item.get("pk").s().equals("INSTRUCTOR#inst_43"))
                .hasSize(5)
                .allSatisfy(lock -> assertThat(lock.get("bookingId").s()).isEqualTo(winner));
    }

    /** A retry that met its original still running: told so, with when to ask again, and shown nothing of it. */
    private static boolean inProgress(APIGatewayV2HTTPResponse response) {
        return response.getStatusCode() == 409 && response.getBody().contains("\"code\":\"IDEMPOTENT_REQUEST_IN_PROGRESS\"")
                && "1".equals(response.getHeaders().get("Retry-After"));
    }

    @Test
    void twentyConcurrentRetriesWithOneIdempotencyKeyMakeOneBookingAndNeverShowItHalfDone() throws Exception {
        List<Callable<APIGatewayV2HTTPResponse>> retries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            APIGatewayV2HTTPEvent event = booking("stud_retry", "inst_44", MONDAY, "11:00", 60)
                    .header("idempotency-key", "same-key-20").event();
            retries.add(() -> handler.handleRequest(event, null));
        }

        List<APIGatewayV2HTTPResponse> responses = Concurrently.run(retries, retries.size());

        List<APIGatewayV2HTTPResponse> booked = responses.stream().filter(response -> response.getStatusCode() == 201).toList();
        assertThat(booked).isNotEmpty().allSatisfy(response -> assertThat(response.getBody()).contains("\"status\":\"CONFIRMED\""));
        assertThat(booked).extracting(CreateBookingHandlerIT::idOf).containsOnly(idOf(booked.get(0)));
        assertThat(booked).filteredOn(response -> !"true".equals(response.getHeaders().get("Idempotent-Replayed"))).hasSize(1);
        assertThat(responses).filteredOn(response -> response.getStatusCode() != 201)
                .allSatisfy(response -> assertThat(inProgress(response)).as(response.getBody()).isTrue());
        assertThat(TestTable.scan(tables)).filteredOn(item -> item.get("pk").s().startsWith("BOOKING#"))
                .filteredOn(item -> item.get("studentId").s().equals("stud_retry")).hasSize(1);
    }

    @Test
    void twentyConcurrentRetriesOfADeclinedBookingAreDeclinedOrInProgressNeverBooked() throws Exception {
        List<Callable<APIGatewayV2HTTPResponse>> retries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            APIGatewayV2HTTPEvent event = booking("stud_retry_declined", "inst_48", SOON, "09:00", 60)
                    .json(body("inst_48", SOON, "09:00", 60, "pm_card_visa_chargeDeclined"))
                    .header("idempotency-key", "declined-key-20").event();
            retries.add(() -> handler.handleRequest(event, null));
        }

        List<APIGatewayV2HTTPResponse> responses = Concurrently.run(retries, retries.size());

        assertThat(responses).noneMatch(response -> response.getStatusCode() == 201);
        assertThat(responses).filteredOn(response -> response.getStatusCode() == 402)
                .isNotEmpty()
                .allSatisfy(response -> assertThat(response.getBody()).contains("\"code\":\"PAYMENT_DECLINED\""));
        assertThat(responses).filteredOn(response -> response.getStatusCode() != 402)
                .allSatisfy(response -> assertThat(inProgress(response)).as(response.getBody()).isTrue());
        assertThat(TestTable.scan(tables)).filteredOn(item -> item.get("pk").s().startsWith("BOOKING#"))
                .filteredOn(item -> item.get("studentId").s().equals("stud_retry_declined"))
                .extracting(item -> item.get("status").s()).containsExactly("PAYMENT_FAILED");
    }

    @Test
    void theSameKeyWithAnotherBodyIsRejected() {
        handler.handleRequest(booking("stud_reuse", "inst_44", MONDAY, "14:00", 60).header("idempotency-key", "reused").event(), null);

        APIGatewayV2HTTPResponse response = handler.handleRequest(booking("stud_reuse", "inst_44", MONDAY, "15:00", 60)
                .header("idempotency-key", "reused").event(), null);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getBody()).contains("\"code\":\"IDEMPOTENCY_KEY_REUSED\"");
    }

    @Test
    void aStudentBookedWithOneInstructorCannotTakeAnOverlappingLessonWithAnother() {
        assertThat(handler.handleRequest(booking("stud_busy", "inst_45", MONDAY, "10:00", 60).event(), null).getStatusCode())
                .isEqualTo(201);

        APIGatewayV2HTTPResponse response = handler.handleRequest(booking("stud_busy", "inst_46", MONDAY, "10:30", 30).event(), null);
        APIGatewayV2HTTPResponse touching = handler.handleRequest(booking("stud_busy", "inst_46", MONDAY, "11:00", 60).event(), null);

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(response.getBody()).contains("\"conflictScope\":\"student\"",
                "\"detail\":\"Student already has a booking that overlaps this time\"");
        assertThat(touching.getStatusCode()).as("a student's lessons may touch").isEqualTo(201);
    }

    @Test
    void aDeclinedCardAnswers402AndFreesTheSlotAtOnce() {
        APIGatewayV2HTTPResponse declined = handler.handleRequest(booking("stud_declined", "inst_47", SOON, "15:00", 60)
                .json(body("inst_47", SOON, "15:00", 60, "pm_card_visa_chargeDeclined")).event(), null);

        assertThat(declined.getStatusCode()).isEqualTo(402);
        assertThat(declined.getBody()).contains("\"code\":\"PAYMENT_DECLINED\"");
        assertThat(TestTable.scan(tables)).filteredOn(item -> item.get("pk").s().startsWith("BOOKING#"))
                .filteredOn(item -> item.get("studentId").s().equals("stud_declined"))
                .extracting(item -> item.get("status").s()).containsExactly("PAYMENT_FAILED");

        APIGatewayV2HTTPResponse next = handler.handleRequest(booking("stud_next", "inst_47", SOON, "15:00", 60).event(), null);

        assertThat(next.getStatusCode()).isEqualTo(201);
        assertThat(next.getBody()).contains("\"payment\":{\"status\":\"AUTHORIZED\",\"amountAuthorized\":6000");
    }

    @Test
    void creatingBookingsLeavesTheStoredAvailabilityUntouched() {
        List<Map<String, AttributeValue>> before = availabilityItems("inst_42");

        handler.handleRequest(booking("stud_a", "inst_42", MONDAY, "13:00", 60).event(), null);
        handler.handleRequest(booking("stud_b", "inst_42", MONDAY, "16:00", 30).event(), null);

        assertThat(availabilityItems("inst_42")).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void savingAvailabilityOverABookedTimeLeavesTheBookingUntouched() {
        APIGatewayV2HTTPResponse booked = handler.handleRequest(booking("stud_c", "inst_48", MONDAY, "15:00", 60).event(), null);
        Booking before = new DynamoBookingStore(tables).find(idOf(booked)).orElseThrow();

        DynamoProfileStore profiles = new DynamoProfileStore(tables);
        assertThat(new SavingWeekAvailability(profiles, new DynamoAvailabilityStore(tables), Clock.systemUTC())
                .save(new SaveWeekCommand(Permissions.toChangeAvailability(new Caller("inst_48", Role.INSTRUCTOR), "inst_48").orElseThrow(), MONDAY,
                        List.of(new WindowOnDate(MONDAY, minutes("08:00"), minutes("09:00"))), true, Optional.empty())))
                .isInstanceOf(dev.lessonbook.problem.Result.Ok.class);

        assertThat(new DynamoBookingStore(tables).find(before.id())).contains(before);
    }

    @Test
    void aLessonExactlyMaxAdvanceDaysAheadIsBookedAndOneADayLaterIsBeyondTheHorizon() {
        LocalDate last = LocalDate.now(BERLIN).plusDays(10);
        publish("inst_horizon", last.with(DayOfWeek.MONDAY), "08:00", "18:00");
        publish("inst_horizon", last.plusDays(1).with(DayOfWeek.MONDAY), "08:00", "18:00");
        DynamoProfileStore profiles = new DynamoProfileStore(tables);
        profiles.save(profiles.find("inst_horizon").orElseThrow().withBookingLimits(new BookingLimits(Map.of(), 10, OptionalInt.empty())));

        APIGatewayV2HTTPResponse beyond = handler.handleRequest(booking("stud_far", "inst_horizon", last.plusDays(1), "09:00", 60).event(), null);
        APIGatewayV2HTTPResponse lastDay = handler.handleRequest(booking("stud_far", "inst_horizon", last, "09:00", 60).event(), null);

        assertThat(beyond.getStatusCode()).isEqualTo(422);
        assertThat(beyond.getBody()).contains("\"code\":\"BEYOND_BOOKING_HORIZON\"",
                "\"detail\":\"Lessons with this instructor can be booked at most 10 days ahead, up to " + last + "\"");
        assertThat(lastDay.getStatusCode()).as(lastDay.getBody()).isEqualTo(201);
    }

    @Test
    void theInstructorsNoticeForTheLocationTypeIsHonoured() {
        LocalDate tomorrow = LocalDate.now(BERLIN).plusDays(1);
        publish("inst_notice", tomorrow.with(DayOfWeek.MONDAY), "00:00", "24:00");
        DynamoProfileStore profiles = new DynamoProfileStore(tables);
        profiles.save(profiles.find("inst_notice").orElseThrow().withBookingLimits(
                new BookingLimits(Map.of(LocationType.ONLINE, 3 * 24 * 60), 180, OptionalInt.empty())));

        APIGatewayV2HTTPResponse response = handler.handleRequest(booking("stud_hasty", "inst_notice", tomorrow, "23:00", 60).event(), null);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getBody()).contains("\"code\":\"INSUFFICIENT_NOTICE\"",
                "\"detail\":\"Lessons online must be booked at least 4320 minutes before they start\"");
    }

    @Test
    void twentyConcurrentBookingsOfDistinctTimesOnADayLimitedToThreeStoreExactlyThreeAndACancellationFreesOne() throws Exception {
        publish("inst_limit", MONDAY, "08:00", "18:00");
        DynamoProfileStore profiles = new DynamoProfileStore(tables);
        // No buffers, so twenty half-hour lessons from 08:00 to 18:00 never overlap: only the limit refuses.
        profiles.save(new InstructorProfile("inst_limit", BERLIN, Map.of(LocationType.ONLINE, new Buffer(0, 0)),
                profiles.find("inst_limit").orElseThrow().services(), new BookingLimits(Map.of(), 180, OptionalInt.of(3))));
        List<Callable<APIGatewayV2HTTPResponse>> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String start = "%02d:%02d".formatted(8 + i / 2, i % 2 * 30);
            APIGatewayV2HTTPEvent event = booking("limited_" + i, "inst_limit", MONDAY, start, 30).event();
            requests.add(() -> handler.handleRequest(event, null));
        }

        List<APIGatewayV2HTTPResponse> responses = Concurrently.run(requests, requests.size());

        assertThat(responses).filteredOn(response -> response.getStatusCode() == 201).hasSize(3);
        assertThat(responses).filteredOn(response -> response.getStatusCode() == 409).hasSize(17)
                .allSatisfy(response -> assertThat(response.getBody()).contains("\"code\":\"DAILY_LIMIT_REACHED\"",
                        "\"detail\":\"The instructor takes at most 3 lessons a day, and " + MONDAY + " is full\""));
        List<String> booked = responses.stream().filter(response -> response.getStatusCode() == 201).map(CreateBookingHandlerIT::idOf).toList();
        assertThat(TestTable.scan(tables)).filteredOn(item -> item.get("pk").s().startsWith("BOOKING#"))
                .filteredOn(item -> item.get("instructorId").s().equals("inst_limit"))
                .extracting(item -> item.get("id").s()).containsExactlyInAnyOrderElementsOf(booked);
        assertThat(lessonsCounted("inst_limit", MONDAY)).containsExactlyInAnyOrderElementsOf(booked);

        Booking first = new DynamoBookingStore(tables).find(booked.get(0)).orElseThrow();
        DynamoBookingStore store = new DynamoBookingStore(tables);
        assertThat(new CancellingABooking(store, CancellationPolicy.defaults(), new CancellationSettlement(store,
                new StripePaymentGateway(LocalServers.STRIPE_TEST_KEY, servers.stripe(), StripePaymentGateway.DEFAULT_CONNECT_TIMEOUT,
                        StripePaymentGateway.DEFAULT_READ_TIMEOUT), (bookingId, operation, reason) -> { }), Clock.systemUTC())
                .cancel(new Caller(first.studentId(), Role.STUDENT), first.id(), "plans changed"))
                .isInstanceOf(dev.lessonbook.problem.Result.Ok.class);
        assertThat(lessonsCounted("inst_limit", MONDAY)).hasSize(2).doesNotContain(first.id());

        APIGatewayV2HTTPResponse freed = handler.handleRequest(booking("limited_late", "inst_limit", MONDAY, "%02d:%02d".formatted(first.startMinute() / 60, first.startMinute() % 60), 30).event(), null);

        assertThat(freed.getStatusCode()).as(freed.getBody()).isEqualTo(201);
        assertThat(lessonsCounted("inst_limit", MONDAY)).hasSize(3).contains(idOf(freed));
    }

    @Test
    void aDayOffRacingBookingsCountsEveryBookingThatCommittedBeforeItAndRefusesTheRest() throws Exception {
        publish("inst_race_off", MONDAY, "08:00", "18:00");
        DynamoProfileStore profiles = new DynamoProfileStore(tables);
        profiles.save(new InstructorProfile("inst_race_off", BERLIN, Map.of(LocationType.ONLINE, new Buffer(0, 0)),
                profiles.find("inst_race_off").orElseThrow().services()));
        TakingTimeOff timeOff = new TakingTimeOff(profiles, new DynamoCalendarDays(tables), Clock.systemUTC());
        Permissions.Editor instructor = Permissions.toChangeAvailability(
                new Caller("inst_race_off", Role.INSTRUCTOR), "inst_race_off").orElseThrow();
        List<Callable<Object>> requests = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String start = "%02d:%02d".formatted(8 + i / 2, i % 2 * 30);
            APIGatewayV2HTTPEvent event = booking("racing_off_" + i, "inst_race_off", MONDAY, start, 30).event();
            requests.add(() -> handler.handleRequest(event, null));
            if (i == 8) {
                requests.add(() -> timeOff.take(instructor, new TimeOff(MONDAY, Optional.of("sick"))));
            }
        }

        List<Object> outcomes = Concurrently.run(requests, requests.size());

        TakingTimeOff.Taken taken = outcomes.stream().filter(dev.lessonbook.problem.Result.Ok.class::isInstance)
                .map(ok -> (TakingTimeOff.Taken) ((dev.lessonbook.problem.Result.Ok<?>) ok).value()).findFirst().orElseThrow();
        List<APIGatewayV2HTTPResponse> responses = outcomes.stream().filter(APIGatewayV2HTTPResponse.class::isInstance)
                .map(APIGatewayV2HTTPResponse.class::cast).toList();
        List<String> booked = responses.stream().filter(response -> response.getStatusCode() == 201).map(CreateBookingHandlerIT::idOf).toList();
        assertThat(responses).filteredOn(response -> response.getStatusCode() != 201)
                .allSatisfy(response -> assertThat(response.getBody()).contains("\"code\":\"NOT_AVAILABLE\""));
        assertThat(taken.confirmedBookings()).isEqualTo(booked.size());
        assertThat(lessonsCounted("inst_race_off", MONDAY)).containsExactlyInAnyOrderElementsOf(booked);
        assertThat(handler.handleRequest(booking("after_off", "inst_race_off", MONDAY, "17:30", 30).event(), null).getBody())
                .contains("\"code\":\"NOT_AVAILABLE\"");
    }

    /** The booking ids the instructor's calendar day item counts. */
    static List<String> lessonsCounted(String instructor, LocalDate date) {
        return TestTable.scan(tables).stream()
                .filter(item -> item.get("pk").s().equals("INSTRUCTOR#" + instructor) && item.get("sk").s().equals("CALENDAR#" + date))
                .flatMap(item -> item.containsKey("lessons") ? item.get("lessons").ss().stream() : java.util.stream.Stream.empty())
                .toList();
    }

    static List<Map<String, AttributeValue>> availabilityItems(String instructor) {
        return TestTable.scan(tables).stream()
                .filter(item -> item.get("pk").s().equals("INSTRUCTOR#" + instructor))
                .filter(item -> item.get("sk").s().startsWith("WEEK#") || item.get("sk").s().startsWith("DAY#"))
                .toList();
    }

    static TestEvents.Builder booking(String student, String instructor, LocalDate date, String start, int minutes) {
        return TestEvents.fromSample("create-booking.json")
                .as(student, "student")
                .withoutHeader("idempotency-key")
                .json(body(instructor, date, start, minutes, "pm_card_visa"));
    }

    static String body(String instructor, LocalDate date, String start, int minutes, String paymentMethod) {
        return """
                {"instructorId":"%s","serviceId":"guitar","date":"%s","start":"%s","durationMinutes":%d,
                 "locationType":"online","paymentMethodId":"%s"}""".formatted(instructor, date, start, minutes, paymentMethod);
    }

    static String idOf(APIGatewayV2HTTPResponse response) {
        Matcher matcher = ID.matcher(response.getBody());
        assertThat(matcher.find()).as("booking id in %s", response.getBody()).isTrue();
        return matcher.group(1);
    }

    static int minutes(String time) {
        return Integer.parseInt(time.substring(0, 2)) * 60 + Integer.parseInt(time.substring(3));
    }


    @Test
    void primingBeforeTheSnapshotWritesNothing(LocalServers.Endpoints endpoints) {
        PrimingCheck.writesNothing(CreateBookingHandler.PRIMING, endpoints);
    }
}
