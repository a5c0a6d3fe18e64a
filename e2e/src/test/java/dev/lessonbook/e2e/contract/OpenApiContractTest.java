package dev.lessonbook.e2e.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker itself: it accepts what the contract allows and names what it does not. */
class OpenApiContractTest {
    private static final OpenApiContract CONTRACT = OpenApiContract.ofProject();
    private static final String BOOKING = """
            {"id":"bk_0123456789abcdef01234567","status":"CONFIRMED","instructorId":"ins-1","studentId":"stu-1",
             "serviceId":"guitar","serviceName":"Guitar","date":"2026-12-07","start":"09:00","end":"10:00",
             "timezone":"Europe/Berlin","startsAt":"2026-12-07T08:00:00Z","endsAt":"2026-12-07T09:00:00Z",
             "durationMinutes":60,"locationType":"online","price":{"amount":6000,"currency":"usd"},
             "payment":{"status":"AUTHORIZED","amountAuthorized":6000,"amountCaptured":0,"amountRefunded":0},
             "createdAt":"2026-11-30T10:15:30.123Z","confirmedAt":"2026-11-30T10:15:31Z","cancellation":null,
             "rescheduledFrom":null,"rescheduleCount":0}""";

    @Test
    void findsOperationsByPathTemplateIgnoringTheQuery() {
        assertThat(CONTRACT.find("GET", "/v1/bookings/bk_1").orElseThrow().operationId()).isEqualTo("getBooking");
        assertThat(CONTRACT.find("POST", "/v1/bookings/bk_1/cancel").orElseThrow().operationId()).isEqualTo("cancelBooking");
        assertThat(CONTRACT.find("GET", "/v1/instructors/i/availability/weeks/2026-12-07?view=bookable")
                .orElseThrow().operationId()).isEqualTo("getWeek");
        assertThat(CONTRACT.find("DELETE", "/v1/bookings/bk_1")).isEmpty();
        assertThat(CONTRACT.find("GET", "/v1/bookings/")).isEmpty();
    }

    @Test
    void acceptsAConformingBookingWithItsHeaders() {
        CONTRACT.validate("POST", "/v1/bookings", 201,
                Map.of("content-type", "application/json", "location", "/v1/bookings/bk_0123456789abcdef01234567"), BOOKING);
        CONTRACT.validate("GET", "/v1/bookings/bk_0123456789abcdef01234567", 200, "application/json", BOOKING);
    }

    @Test
    void namesAWrongEnumAnUnknownMemberAndAMissingHeader() {
        String wrong = BOOKING.replace("\"AUTHORIZED\"", "\"HELD\"").replace("\"cancellation\":null", "\"cancellation\":null,\"extra\":1");
        assertThatThrownBy(() -> CONTRACT.validate("POST", "/v1/bookings", 201, Map.of("Content-Type", "application/json"), wrong))
                .isInstanceOf(OpenApiContract.ContractViolation.class)
                .hasMessageContaining("createBooking response 201")
                .hasMessageContaining("required header Location is missing")
                .hasMessageContaining("at /payment/status")
                .hasMessageContaining("'extra'");
    }

    @Test
    void checksProblemDocumentsPerRouteAndCode() {
        String conflict = """
                {"type":"https://lessonbook.dev/problems/booking-conflict","title":"Booking conflict","status":409,
                 "detail":"Instructor already has a booking that overlaps this time","code":"BOOKING_CONFLICT",
                 "instance":"/v1/bookings","conflictScope":"instructor"}""";
        CONTRACT.validate("POST", "/v1/bookings", 409, "application/problem+json", conflict);

        assertThatThrownBy(() -> CONTRACT.validate("POST", "/v1/bookings", 409, "application/problem+json",
                conflict.replace(",\"conflictScope\":\"instructor\"", "")))
                .as("BOOKING_CONFLICT promises conflictScope")
                .hasMessageContaining("conflictScope");
        assertThatThrownBy(() -> CONTRACT.validate("PUT", "/v1/instructors/i/availability/weeks/2026-12-07", 409,
                "application/problem+json", conflict))
                .as("a booking conflict is not what saving a week answers")
                .isInstanceOf(OpenApiContract.ContractViolation.class);
        assertThatThrownBy(() -> CONTRACT.validate("POST", "/v1/bookings", 409, "application/json", conflict))
                .hasMessageContaining("Content-Type application/json is not documented");
        assertThatThrownBy(() -> CONTRACT.validate("GET", "/v1/bookings/x", 500, "application/problem+json", conflict))
                .hasMessageContaining("documents no response 500");
    }

    @Test
    void aRequestNoOperationServesMayOnlyGetTheRuntimes404Or405ProblemDocument() {
        String notFound = """
                {"type":"https://lessonbook.dev/problems/not-found","title":"Not found","status":404,
                 "detail":"No route serves GET /v2/nothing","code":"NOT_FOUND","instance":"/v2/nothing"}""";
        CONTRACT.validate("GET", "/v2/nothing", 404, "application/problem+json", notFound);
        assertThatThrownBy(() -> CONTRACT.validate("GET", "/v2/nothing", 200, "application/json", "{}"))
                .hasMessageContaining("no operation serves GET /v2/nothing");
        assertThatThrownBy(() -> CONTRACT.validate("GET", "/v2/nothing", 404, "text/plain", "Not Found"))
                .hasMessageContaining("Content-Type text/plain is not documented");
    }

    @Test
    void acceptsTheGatewaysOwn401() {
        CONTRACT.validate("GET", "/v1/instructors/ins-1/profile", 401, "application/json", "{\"message\":\"Unauthorized\"}");
    }
}
