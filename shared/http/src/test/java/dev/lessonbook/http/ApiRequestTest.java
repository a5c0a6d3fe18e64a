package dev.lessonbook.http;

import static dev.lessonbook.http.Outcomes.rejected;
import static dev.lessonbook.http.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.problem.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ApiRequestTest {

    @Test
    void readsTheSampleEventOfApiGateway() {
        ApiRequest request = ApiRequest.of(TestEvents.sample("save-availability.json"));

        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/v1/instructors/inst_42/availability/weeks/2026-12-07");
        assertThat(request.routeKey()).isEqualTo("PUT /v1/instructors/{instructorId}/availability/weeks/{weekStart}");
        assertThat(request.pathParam("weekStart")).contains("2026-12-07");
        assertThat(request.requestId()).contains("Bx3kQhYdoAMEVdA=");
        assertThat(request.claims()).containsEntry("sub", "inst_42").containsEntry("role", "instructor");
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        ApiRequest request = TestEvents.request("POST", "/v1/bookings").header("idempotency-key", "k1").build();

        assertThat(request.header("Idempotency-Key")).contains("k1");
        assertThat(request.header("IDEMPOTENCY-KEY")).contains("k1");
        assertThat(request.header("If-Match")).isEmpty();
    }

    @Test
    void queryParametersAndMissingOnes() {
        ApiRequest request = TestEvents.request("GET", "/v1/x").query("view", "bookable").build();

        assertThat(request.query("view")).contains("bookable");
        assertThat(request.query("from")).isEmpty();
    }

    @Test
    void base64BodyIsDecoded() {
        String json = "{\"reason\":\"Zürich trip\"}";
        ApiRequest request = TestEvents.request("POST", "/v1/bookings/b1/cancel")
                .base64Body(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))).build();

        assertThat(new String(value(request.body()), StandardCharsets.UTF_8)).isEqualTo(json);
    }

    @Test
    void invalidBase64IsMalformed() {
        ApiRequest request = TestEvents.request("POST", "/v1/bookings").base64Body("not*base64!").build();

        rejected(request.body(), ProblemCode.MALFORMED_JSON);
    }

    @Test
    void bodyOfExactly64KbIsAccepted() {
        ApiRequest request = TestEvents.request("POST", "/v1/bookings").body("x".repeat(Limits.MAX_BODY_BYTES)).build();

        assertThat(value(request.body())).hasSize(65536);
    }

    @Test
    void bodyOneByteOver64KbIsTooLarge() {
        ApiRequest request = TestEvents.request("POST", "/v1/bookings").body("x".repeat(Limits.MAX_BODY_BYTES + 1)).build();

        rejected(request.body(), ProblemCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void multiByteCharactersCountAsTheirUtf8Bytes() {
        // 30,000 "ü" are 60,000 bytes: under; 33,000 are 66,000 bytes: over, though only 33,000 chars.
        assertThat(value(TestEvents.request("POST", "/x").body("ü".repeat(30_000)).build().body())).hasSize(60_000);
        rejected(TestEvents.request("POST", "/x").body("ü".repeat(33_000)).build().body(), ProblemCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void oversizedBase64BodyIsRefusedBeforeDecoding() {
        String encoded = Base64.getEncoder().encodeToString(new byte[Limits.MAX_BODY_BYTES + 1]);

        rejected(TestEvents.request("POST", "/x").base64Body(encoded).build().body(), ProblemCode.PAYLOAD_TOO_LARGE);
        assertThat(value(TestEvents.request("POST", "/x")
                .base64Body(Base64.getEncoder().encodeToString(new byte[Limits.MAX_BODY_BYTES])).build().body()))
                .hasSize(Limits.MAX_BODY_BYTES);
    }

    @Test
    void pathIdOfWrongShapeIsNotFound() {
        ApiRequest request = TestEvents.request("GET", "/v1/bookings/a%20b").pathParam("bookingId", "a b").build();

        assertThat(rejected(request.pathId("bookingId"), ProblemCode.NOT_FOUND).detail())
                .isEqualTo("No resource exists at /v1/bookings/a%20b");
    }

    @Test
    void pathIdLongerThan64IsNotFound() {
        String id = "a".repeat(65);
        rejected(TestEvents.request("GET", "/v1/bookings/" + id).pathParam("bookingId", id).build().pathId("bookingId"),
                ProblemCode.NOT_FOUND);
        assertThat(value(TestEvents.request("GET", "/x").pathParam("bookingId", "a".repeat(64)).build().pathId("bookingId")))
                .hasSize(64);
    }

    @Test
    void eventWithoutRequestContextHasNoClaims() {
        var event = TestEvents.request("GET", "/x").claims(null).event();
        event.setRequestContext(null);

        assertThat(ApiRequest.of(event).claims()).isEmpty();
        assertThat(ApiRequest.of(event).path()).isEqualTo("/x");
    }
}
