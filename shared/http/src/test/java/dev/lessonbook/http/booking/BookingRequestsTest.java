package dev.lessonbook.http.booking;

import static dev.lessonbook.http.Outcomes.fieldErrors;
import static dev.lessonbook.http.Outcomes.fields;
import static dev.lessonbook.http.Outcomes.rejected;
import static dev.lessonbook.http.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Role;
import dev.lessonbook.booking.BookingRequest;
import dev.lessonbook.booking.RescheduleRequest;
import dev.lessonbook.http.ApiRequest;
import dev.lessonbook.http.CallerResolver;
import dev.lessonbook.http.TestEvents;
import dev.lessonbook.http.booking.BookingRequests.CancelRequest;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection.FieldError;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.LocationType;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BookingRequestsTest {
    private static final String VALID = "{\"instructorId\":\"i1\",\"serviceId\":\"s1\",\"date\":\"2026-12-07\","
            + "\"start\":\"09:30\",\"durationMinutes\":60,\"locationType\":\"online\"}";

    private static Result<BookingRequest> create(APIGatewayV2HTTPEvent event) {
        return BookingRequests.create(ApiRequest.of(event, new CallerResolver("role")));
    }

    private static Result<BookingRequest> create(String body) {
        return create(TestEvents.request("POST", "/v1/bookings").as("s1", "student").json(body).event());
    }

    private static String with(String member) {
        return VALID.substring(0, VALID.length() - 1) + "," + member + "}";
    }

    @Test
    void sampleEventBecomesTheRequest() {
        assertThat(value(create(TestEvents.sample("create-booking.json")))).isEqualTo(new BookingRequest(
                Permissions.toBook(new Caller("stud_7", Role.STUDENT, "stud_7@example.com")).orElseThrow(), "inst_42", "guitar-60", LocalDate.of(2026, 12, 9), 930, 60,
                LocationType.ONLINE, "pm_card_visa", "First lesson, please bring a capo",
                "5b0c7a3e-2f4d-4e8a-9c1b-7d6e5f4a3b2c"));
    }

    @Test
    void optionalFieldsAreNullWhenLeftOut() {
        BookingRequest request = value(create(VALID));

        assertThat(request.paymentMethodId()).isNull();
        assertThat(request.note()).isNull();
        assertThat(request.idempotencyKey()).isNull();
    }

    @Test
    void onlyStudentsMayBookAndThatIsCheckedBeforeTheBody() {
        rejected(create(TestEvents.request("POST", "/v1/bookings").as("i1", "instructor").json("{").event()), ProblemCode.FORBIDDEN);
        rejected(create(TestEvents.request("POST", "/v1/bookings").as("a1", "admin").json(VALID).event()), ProblemCode.FORBIDDEN);
    }

    @Test
    void missingClaimsAreUnauthenticated() {
        rejected(create(TestEvents.request("POST", "/v1/bookings").claims(null).json(VALID).event()), ProblemCode.UNAUTHENTICATED);
    }

    @Test
    void locationTypeMustBeAWireName() {
        assertThat(fieldErrors(create(VALID.replace("\"online\"", "\"zoom\"")))).containsExactly(new FieldError(
                "locationType", "must be one of: online, instructor_location, student_location"));
        assertThat(value(create(VALID.replace("\"online\"", "\"student_location\""))).locationType())
                .isEqualTo(LocationType.STUDENT_LOCATION);
    }

    @Test
    void durationMustBeAWholeNumber() {
        assertThat(fields(create(VALID.replace("60", "\"60\"")))).containsExactly("durationMinutes");
        assertThat(fields(create(VALID.replace("60", "60.5")))).containsExactly("durationMinutes");
        // Which whole numbers are allowed is the service's durationOptions: the domain answers INVALID_DURATION.
        assertThat(value(create(VALID.replace("60", "61"))).durationMinutes()).isEqualTo(61);
    }

    @Test
    void everyMissingFieldIsNamed() {
        assertThat(fields(create("{}"))).containsExactly(
                "instructorId", "serviceId", "date", "start", "durationMinutes", "locationType");
    }

    @Test
    void badDateAndTimeFailValidation() {
        assertThat(fields(create(VALID.replace("2026-12-07", "2026-02-30").replace("09:30", "9:30"))))
                .containsExactly("date", "start");
    }

    @Test
    void unknownFieldFailsValidation() {
        assertThat(fieldErrors(create(with("\"studentId\":\"s2\"")))).extracting(FieldError::field).containsExactly("studentId");
    }

    @Test
    void bodyIdsOfWrongShapeFailValidation() {
        assertThat(fields(create(VALID.replace("\"i1\"", "\"i/1\"")))).containsExactly("instructorId");
        assertThat(fields(create(with("\"paymentMethodId\":\"pm card\"")))).containsExactly("paymentMethodId");
    }

    @Test
    void noteMayHave1000CharactersNotMore() {
        assertThat(value(create(with("\"note\":\"" + "n".repeat(1000) + "\""))).note()).hasSize(1000);
        assertThat(fieldErrors(create(with("\"note\":\"" + "n".repeat(1001) + "\""))))
                .containsExactly(new FieldError("note", "must be at most 1000 characters"));
    }

    @Test
    void idempotencyKeyHas1To255Characters() {
        TestEvents.Builder request = TestEvents.request("POST", "/v1/bookings").as("s1", "student").json(VALID);

        assertThat(value(create(request.header("Idempotency-Key", "k".repeat(255)).event())).idempotencyKey()).hasSize(255);
        assertThat(fields(create(request.header("Idempotency-Key", "k".repeat(256)).event()))).containsExactly("Idempotency-Key");
        assertThat(fields(create(request.header("Idempotency-Key", "").event()))).containsExactly("Idempotency-Key");
        assertThat(fields(create(request.header("Idempotency-Key", "two words").event()))).containsExactly("Idempotency-Key");
    }

    @Test
    void anIdempotencyKeyWithACommaIsRefusedBecauseRepeatedHeadersArriveCommaJoined() {
        TestEvents.Builder request = TestEvents.request("POST", "/v1/bookings").as("s1", "student").json(VALID);

        for (String key : new String[] {"a,b", "key-1,key-1", ",", "a,"}) {
            assertThat(fieldErrors(create(request.header("Idempotency-Key", key).event()))).as(key).containsExactly(
                    new FieldError("Idempotency-Key", "must be one key of 1-255 visible ASCII characters without spaces "
                            + "or commas, e.g. a UUID (repeated Idempotency-Key headers arrive joined by commas)"));
        }
    }

    @Test
    void aBookingDateMustLieBetween1900And2200() {
        assertThat(fields(create(VALID.replace("2026-12-07", "1899-12-31")))).containsExactly("date");
        assertThat(fields(create(VALID.replace("2026-12-07", "2201-01-01")))).containsExactly("date");
        value(create(VALID.replace("2026-12-07", "2200-12-31")));
    }

    @Test
    void aListingRangeMustLieBetween1900And2200() {
        TestEvents.Builder list = TestEvents.request("GET", "/v1/instructors/i1/bookings").as("i1", "instructor")
                .pathParam("instructorId", "i1");

        assertThat(fields(BookingRequests.listForInstructor(list.query("from", "1899-12-31").query("to", "2201-01-01").build())))
                .containsExactly("from", "to");
        assertThat(value(BookingRequests.listForInstructor(list.query("from", "1900-01-01").query("to", "2200-12-31").build())).to())
                .contains(LocalDate.of(2200, 12, 31));
    }

    @Test
    void headerAndBodyErrorsComeTogether() {
        APIGatewayV2HTTPEvent event = TestEvents.request("POST", "/v1/bookings").as("s1", "student")
                .header("Idempotency-Key", "").json("{\"durationMinutes\":true}").event();

        assertThat(fields(create(event))).startsWith("Idempotency-Key", "instructorId").contains("durationMinutes");
    }

    @Test
    void cancelReadsAnOptionalReason() {
        TestEvents.Builder cancel = TestEvents.request("POST", "/v1/bookings/b1/cancel").as("s1", "student")
                .pathParam("bookingId", "b1");

        assertThat(value(BookingRequests.cancel(cancel.build()))).isEqualTo(new CancelRequest(new Caller("s1", Role.STUDENT), "b1", null));
        assertThat(value(BookingRequests.cancel(cancel.json("{\"reason\":\"Sick\"}").build())).reason()).isEqualTo("Sick");
        assertThat(fieldErrors(BookingRequests.cancel(cancel.json("{\"reason\":\"" + "r".repeat(501) + "\"}").build())))
                .containsExactly(new FieldError("reason", "must be at most 500 characters"));
        assertThat(fields(BookingRequests.cancel(cancel.json("{\"why\":\"x\"}").build()))).containsExactly("why");
    }

    @Test
    void rescheduleReadsTheNewTimeAnOptionalDurationAndTheKey() {
        TestEvents.Builder move = TestEvents.request("POST", "/v1/bookings/b1/reschedule").as("i1", "instructor")
                .pathParam("bookingId", "b1");

        assertThat(value(BookingRequests.reschedule(move.json("{\"date\":\"2026-12-09\",\"start\":\"15:30\"}").build())))
                .isEqualTo(new RescheduleRequest(new Caller("i1", Role.INSTRUCTOR), "b1", LocalDate.of(2026, 12, 9), 930, null, null));
        assertThat(value(BookingRequests.reschedule(move.header("Idempotency-Key", "k-1")
                .json("{\"date\":\"2026-12-09\",\"start\":\"15:30\",\"durationMinutes\":30}").build())))
                .isEqualTo(new RescheduleRequest(new Caller("i1", Role.INSTRUCTOR), "b1", LocalDate.of(2026, 12, 9), 930, 30, "k-1"));
    }

    @Test
    void rescheduleNamesEveryWrongFieldAtOnce() {
        TestEvents.Builder move = TestEvents.request("POST", "/v1/bookings/b1/reschedule").as("s1", "student")
                .pathParam("bookingId", "b1").header("Idempotency-Key", "a,b");

        assertThat(fields(BookingRequests.reschedule(move.json("{\"date\":\"2026-02-30\",\"durationMinutes\":60.5,\"x\":1}")
                .build()))).containsExactlyInAnyOrder("Idempotency-Key", "date", "start", "durationMinutes", "x");
        rejected(BookingRequests.reschedule(move.body("").build()), ProblemCode.MALFORMED_JSON);
    }

    @Test
    void bookingIdThatCannotExistIsNotFound() {
        rejected(BookingRequests.booking(TestEvents.request("GET", "/v1/bookings/..").pathParam("bookingId", "..").build()),
                ProblemCode.NOT_FOUND);
    }
}
