package dev.lessonbook.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.local.template.FunctionSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static FunctionSpec.HttpRoute route(String function, String method, String path) {
        return new FunctionSpec.HttpRoute(function, "Api", "HttpApi", method, path, Optional.empty(), List.of());
    }

    private final RouteTable table = new RouteTable(List.of(
            route("GetWeek", "GET", "/v1/instructors/{instructorId}/availability/weeks/{weekStart}"),
            route("SaveWeek", "PUT", "/v1/instructors/{instructorId}/availability/weeks/{weekStart}"),
            route("GetBooking", "GET", "/v1/bookings/{bookingId}"),
            route("CancelBooking", "POST", "/v1/bookings/{bookingId}/cancel"),
            route("Stats", "GET", "/v1/bookings/stats"),
            route("Anything", "ANY", "/v1/files/{proxy+}"),
            route("FileInfo", "GET", "/v1/files/{name}")));

    @Test
    void pathParametersAreTakenFromTheirSegments() {
        assertThat(table.find("GET", "/v1/instructors/i-1/availability/weeks/2026-12-07")).isEqualTo(new RouteTable.Lookup.Found(
                route("GetWeek", "GET", "/v1/instructors/{instructorId}/availability/weeks/{weekStart}"),
                Map.of("instructorId", "i-1", "weekStart", "2026-12-07")));
    }

    @Test
    void theMethodChoosesBetweenRoutesOnTheSamePath() {
        assertThat(found(table.find("PUT", "/v1/instructors/i-1/availability/weeks/2026-12-07")).functionLogicalId())
                .isEqualTo("SaveWeek");
    }

    @Test
    void aLiteralSegmentWinsOverAParameter() {
        assertThat(found(table.find("GET", "/v1/bookings/stats")).functionLogicalId()).isEqualTo("Stats");
        assertThat(found(table.find("GET", "/v1/bookings/b-1")).functionLogicalId()).isEqualTo("GetBooking");
    }

    @Test
    void aParameterWinsOverAGreedyParameterWhichTakesTheRestOfThePath() {
        assertThat(found(table.find("GET", "/v1/files/a.txt")).functionLogicalId()).isEqualTo("FileInfo");
        assertThat(table.find("DELETE", "/v1/files/a/b/c"))
                .isEqualTo(new RouteTable.Lookup.Found(route("Anything", "ANY", "/v1/files/{proxy+}"), Map.of("proxy", "a/b/c")));
    }

    @Test
    void aPathServedOnlyWithOtherMethodsIsMethodNotAllowed() {
        assertThat(table.find("DELETE", "/v1/bookings/b-1")).isEqualTo(new RouteTable.Lookup.MethodNotAllowed(java.util.Set.of("GET")));
    }

    @Test
    void anUnservedPathIsNotFound() {
        assertThat(table.find("GET", "/v1/nothing")).isEqualTo(new RouteTable.Lookup.NotFound());
        assertThat(table.find("GET", "/v1/bookings/b-1/cancel/extra")).isEqualTo(new RouteTable.Lookup.NotFound());
        assertThat(table.find("GET", "/v1/bookings/")).isEqualTo(new RouteTable.Lookup.NotFound());
    }

    @Test
    void parametersAreDecodedButSplitOnlyOnRealSlashes() {
        assertThat(table.find("GET", "/v1/bookings/a%2Fb%20c+d"))
                .isEqualTo(new RouteTable.Lookup.Found(route("GetBooking", "GET", "/v1/bookings/{bookingId}"),
                        Map.of("bookingId", "a/b c+d")));
    }

    @Test
    void theDefaultRouteCatchesEverythingElse() {
        RouteTable withDefault = new RouteTable(List.of(route("Stats", "GET", "/v1/bookings/stats"),
                route("Fallback", "ANY", FunctionSpec.HttpRoute.DEFAULT_ROUTE)));

        assertThat(found(withDefault.find("POST", "/v1/bookings/stats")).functionLogicalId()).isEqualTo("Fallback");
        assertThat(found(withDefault.find("GET", "/x")).routeKey()).isEqualTo("$default");
    }

    private static FunctionSpec.HttpRoute found(RouteTable.Lookup lookup) {
        assertThat(lookup).isInstanceOf(RouteTable.Lookup.Found.class);
        return ((RouteTable.Lookup.Found) lookup).route();
    }
}
