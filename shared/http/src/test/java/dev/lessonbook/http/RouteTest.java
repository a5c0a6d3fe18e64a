package dev.lessonbook.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.lessonbook.json.JsonMappers;
import dev.lessonbook.problem.DependencyBusyException;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Result;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTest {
    private final List<String> log = new ArrayList<>();

    private APIGatewayV2HTTPResponse call(Route route, APIGatewayV2HTTPEvent event) {
        return route.withCallers(new CallerResolver("role")).withLog(log::add).handle(event);
    }

    private static APIGatewayV2HTTPEvent anyRequest() {
        return TestEvents.request("GET", "/v1/bookings/b1").header("authorization", "Bearer SECRET.TOKEN.VALUE")
                .pathParam("bookingId", "b1").event();
    }

    private static Map<String, Object> body(APIGatewayV2HTTPResponse response) {
        return object(response.getBody());
    }

    private Map<String, Object> logLine() {
        assertThat(log).hasSize(1);
        return object(log.get(0));
    }

    private static Map<String, Object> object(String json) {
        try {
            return JsonMappers.standard().readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void documentIsJsonWithItsHeaders() {
        Route route = Route.of(request -> ApiResponse.ok(Map.of("id", "b1")).withHeader("ETag", "\"v1\""));

        APIGatewayV2HTTPResponse response = call(route, anyRequest());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json").containsEntry("ETag", "\"v1\"");
        assertThat(response.getBody()).isEqualTo("{\"id\":\"b1\"}");
        assertThat(response.getIsBase64Encoded()).isFalse();
    }

    record Lesson(String id, int minutes, List<String> tags) {}

    @Test
    void aRecordBodyIsWrittenByTheSharedMapperInComponentOrder() {
        Route route = Route.of(request -> ApiResponse.created(new Lesson("b1", 60, List.of("guitar")), "/v1/bookings/b1"));

        APIGatewayV2HTTPResponse response = call(route, anyRequest());

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getHeaders()).containsEntry("Location", "/v1/bookings/b1");
        assertThat(response.getBody()).isEqualTo("{\"id\":\"b1\",\"minutes\":60,\"tags\":[\"guitar\"]}");
    }

    @Test
    void rejectionIsAProblemDocumentWhoseInstanceIsThePath() {
        Route route = Route.of(request -> ApiResponse.problem(Rejection.of(ProblemCode.NOT_FOUND, "No booking b1")));

        APIGatewayV2HTTPResponse response = call(route, anyRequest());

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(body(response)).containsEntry("instance", "/v1/bookings/b1").containsEntry("code", "NOT_FOUND");
    }

    @Test
    void serviceUnavailableRejectionCarriesRetryAfter() {
        Route route = Route.of(request -> ApiResponse.problem(Rejection.of(ProblemCode.SERVICE_UNAVAILABLE, "retry")));

        assertThat(call(route, anyRequest()).getHeaders()).containsEntry("Retry-After", "1");
    }

    @Test
    void anIdempotentRequestInProgressAnswers409WithRetryAfterOneSecond() {
        Route route = Route.of(request -> ApiResponse.problem(Rejection.of(ProblemCode.IDEMPOTENT_REQUEST_IN_PROGRESS, "wait")));

        var response = call(route, anyRequest());

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "1");
        assertThat(body(response)).containsEntry("code", "IDEMPOTENT_REQUEST_IN_PROGRESS");
    }

    @Test
    void aConflictInvitesNoRetry() {
        Route route = Route.of(request -> ApiResponse.problem(Rejection.of(ProblemCode.AVAILABILITY_OVERLAP, "overlap")));

        assertThat(call(route, anyRequest()).getHeaders()).doesNotContainKey("Retry-After");
    }

    @Test
    void busyDependencyAnswers503WithItsRetryAfter() {
        Route route = Route.of(request -> {
            throw new IllegalStateException("wrapped", new DependencyBusyException("DynamoDB", Duration.ofMillis(2500), null));
        });

        APIGatewayV2HTTPResponse response = call(route, anyRequest());

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "3").containsEntry("Content-Type", "application/problem+json");
        assertThat(body(response)).containsEntry("code", "SERVICE_UNAVAILABLE");
        assertThat(logLine()).containsEntry("level", "WARN")
                .extractingByKey("error", MAP).doesNotContainKey("stackTrace");
    }

    @Test
    void busyDependencyRetryAfterRoundsUpToWholeSecondsOnlyWhenItHasAFraction() {
        for (var expected : java.util.Map.of(Duration.ofSeconds(1), "1", Duration.ofSeconds(61), "61",
                Duration.ofMillis(1001), "2", Duration.ZERO, "1").entrySet()) {
            Route route = Route.of(request -> {
                throw new IllegalStateException("wrapped", new DependencyBusyException("DynamoDB", expected.getKey(), null));
            });

            assertThat(call(route, anyRequest()).getHeaders()).as("%s", expected.getKey())
                    .containsEntry("Retry-After", expected.getValue());
        }
    }

    @Test
    void unexpectedExceptionIs503WithoutClassNamesOrStackTrace() {
        Route route = Route.of(request -> {
            throw new NullPointerException("Cannot invoke \"dev.lessonbook.booking.Booking.id()\"");
        });

        APIGatewayV2HTTPResponse response = call(route, anyRequest());

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "5");
        assertThat(response.getBody()).doesNotContain("NullPointer").doesNotContain("dev.lessonbook").doesNotContain("at ");
        assertThat(body(response)).containsEntry("correlationId", "req-1")
                .extractingByKey("detail", STRING).contains("req-1");
    }

    @Test
    void unexpectedExceptionIsLoggedWithItsStackUnderTheCorrelationId() {
        Route route = Route.of(request -> {
            throw new IllegalStateException("boom");
        });

        call(route, anyRequest());

        Map<String, Object> line = logLine();
        assertThat(line).containsEntry("level", "ERROR").containsEntry("correlationId", "req-1");
        assertThat(line).extractingByKey("error", MAP)
                .containsEntry("type", "java.lang.IllegalStateException")
                .extractingByKey("stackTrace", STRING).contains("RouteTest");
    }

    @Test
    void errorsAreAnsweredToo() {
        Route route = Route.of(request -> {
            throw new StackOverflowError();
        });

        assertThat(call(route, anyRequest()).getStatusCode()).isEqualTo(503);
    }

    @Test
    void endpointAnsweringNullIs503() {
        assertThat(call(Route.of(request -> null), anyRequest()).getStatusCode()).isEqualTo(503);
    }

    @Test
    void emptyEventStillGetsAProblemDocument() {
        Route route = Route.reading(ApiRequest::caller).respond(caller -> ApiResponse.ok(Map.of()));

        APIGatewayV2HTTPResponse response = call(route, new APIGatewayV2HTTPEvent());

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(body(response)).containsEntry("code", "UNAUTHENTICATED");
    }

    @Test
    void oneLogLinePerRequestWithMethodPathStatusAndDuration() {
        Route route = Route.of(request -> ApiResponse.problem(Rejection.of(ProblemCode.FORBIDDEN, "no")));

        call(route, anyRequest());

        Map<String, Object> line = logLine();
        assertThat(line).containsEntry("level", "INFO").containsEntry("method", "GET")
                .containsEntry("path", "/v1/bookings/b1").containsEntry("status", 403).containsEntry("code", "FORBIDDEN");
        assertThat(line.get("ms")).isInstanceOf(Number.class);
    }

    @Test
    void logLineHoldsNoTokenClaimsOrBody() {
        APIGatewayV2HTTPEvent event = TestEvents.request("POST", "/v1/bookings")
                .header("authorization", "Bearer SECRET.TOKEN.VALUE")
                .json("{\"paymentMethodId\":\"pm_card_visa\",\"card\":\"4242424242424242\"}").event();

        call(Route.of(request -> ApiResponse.ok(Map.of())), event);

        assertThat(log.get(0)).doesNotContain("SECRET").doesNotContain("4242").doesNotContain("pm_card").doesNotContain("u1");
    }

    @Test
    void pipelineRunsEveryStepAndTheWriter() {
        Route route = Route.reading(request -> Result.ok(2))
                .then(n -> Result.ok(n * 21))
                .respond(n -> ApiResponse.status(201, Map.of("n", n)));

        APIGatewayV2HTTPResponse response = call(route, anyRequest());

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).isEqualTo("{\"n\":42}");
    }

    @Test
    void pipelineStopsAtTheFirstRejection() {
        List<String> ran = new ArrayList<>();
        Route route = Route.reading(request -> Result.<Integer>rejected(ProblemCode.VALIDATION_FAILED, "bad"))
                .then(n -> {
                    ran.add("step");
                    return Result.ok(n);
                })
                .respond(n -> {
                    ran.add("writer");
                    return ApiResponse.ok(Map.of());
                });

        assertThat(call(route, anyRequest()).getStatusCode()).isEqualTo(422);
        assertThat(ran).isEmpty();
    }

    @Test
    void correlationIdFallsBackToTheLambdaRequestId() {
        APIGatewayV2HTTPEvent event = anyRequest();
        event.getRequestContext().setRequestId(null);
        Route route = Route.of(request -> {
            throw new IllegalStateException();
        }).withCallers(new CallerResolver("role")).withLog(log::add);

        APIGatewayV2HTTPResponse response = route.handle(event, new FakeContext("lambda-req-9"));

        assertThat(body(response)).containsEntry("correlationId", "lambda-req-9");
    }
}
