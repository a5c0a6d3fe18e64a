package dev.lessonbook.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The canned requests functions prime their HTTP path with (docs/decisions.md, "SnapStart priming"). */
class HttpPrimingTest {
    private final List<String> log = new ArrayList<>();
    private final List<ApiRequest> seen = new ArrayList<>();

    @Test
    void aRouteIsPrimedWithTheRequestAsApiGatewaySendsIt() throws Exception {
        Route route = Route.of(request -> {
            seen.add(request);
            return ApiResponse.ok(Map.of("ok", true));
        }).withLog(log::add);

        HttpPriming.route(route, HttpPriming.request("GET /v1/bookings/{bookingId}")
                .pathParam("bookingId", HttpPriming.NEVER_WRITTEN_ID).query("view", "bookable")).prime();

        ApiRequest request = seen.getFirst();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/v1/bookings/PRIMING-never-written");
        assertThat(request.routeKey()).isEqualTo("GET /v1/bookings/{bookingId}");
        assertThat(request.pathParam("bookingId")).contains(HttpPriming.NEVER_WRITTEN_ID);
        assertThat(request.query("view")).contains("bookable");
        assertThat(request.claims()).containsEntry("sub", HttpPriming.NEVER_WRITTEN_ID).containsEntry("role", "admin");
        assertThat(request.hasBody()).isFalse();
        assertThat(log).as("a primed request is not logged as a request").isEmpty();
    }

    @Test
    void aWritingRouteIsPrimedByItsReaderAndAWriterNeverItsUseCase() throws Exception {
        List<String> written = new ArrayList<>();

        HttpPriming.reading(request -> {
                    seen.add(request);
                    return Result.ok(request.hasBody() ? "a JSON body" : "no body");
                }, body -> {
                    written.add(body);
                    return ApiResponse.ok(Map.of("read", body));
                },
                HttpPriming.request("POST /v1/bookings").as("someone", "student").json("{\"a\":1}")).prime();

        assertThat(written).containsExactly("a JSON body");
        assertThat(seen.getFirst().claims()).containsEntry("sub", "someone").containsEntry("role", "student");
        assertThat(seen.getFirst().header("Content-Type")).contains("application/json");
    }

    @Test
    void aCannedRequestTheReaderRefusesFailsThePrimerInsteadOfPrimingHalfTheRoute() {
        List<String> written = new ArrayList<>();

        assertThatThrownBy(HttpPriming.reading(request -> Result.rejected(ProblemCode.VALIDATION_FAILED, "bad date"), body -> {
            written.add(String.valueOf(body));
            return ApiResponse.ok(Map.of());
        }, HttpPriming.request("PUT /v1/instructors/{instructorId}/profile").json("{}"))::prime)
                .hasMessageContaining("refused").hasMessageContaining("bad date");
        assertThat(written).isEmpty();
    }

    @Test
    void aRouteThatBreaksFailsThePrimer() {
        Route broken = Route.of(request -> {
            throw new IllegalStateException("no table");
        });

        assertThatThrownBy(HttpPriming.route(broken, HttpPriming.request("GET /v1/bookings/{bookingId}")
                .pathParam("bookingId", HttpPriming.NEVER_WRITTEN_ID))::prime).hasMessageContaining("answered 503");
    }
}
