package dev.lessonbook.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.local.client.ApiClient.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests over API Gateway's HTTP API quota on the request line and header values (10240 bytes)
 * get its own 431 before any route or authorizer, and requests within it are served however many
 * headers they carry (the API documents no count quota): never a dropped connection.
 */
@ExtendWith(ReliabilitySystem.Provider.class)
class GatewayQuotasIT {
    private static final String INSTRUCTOR = "quota-ins";
    private static final String TOO_LARGE = "{\"message\":\"Request Header Fields Too Large\"}";
    private static ReliabilitySystem system;
    private static String instructor;
    private static String profile;

    @BeforeAll
    static void anInstructorWithAProfile(ReliabilitySystem running) {
        system = running;
        instructor = system.token(INSTRUCTOR, "instructor");
        profile = "/v1/instructors/" + INSTRUCTOR + "/profile";
        assertThat(system.api.put(profile, instructor, """
                {"timezone":"Europe/Berlin","services":[{"id":"guitar","name":"Guitar","durationOptions":[60],"rates":{"online":6000}}]}""")
                .status()).isEqualTo(200);
    }

    @AfterAll
    static void noSecretInTheLogs() {
        system.assertNoSecretsInLogs();
    }

    private record Case(String name, String expected, Supplier<Response> send) {}

    private static Map<String, String> headers(int count, int valueLength) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            headers.put("X-Probe-" + i, "v".repeat(valueLength));
        }
        return headers;
    }

    @TestFactory
    Stream<DynamicTest> requestsOverTheHeaderQuotaAre431AndTheRestAreServed() {
        return Stream.of(
                new Case("Authorization header of 11 KB", "431 " + TOO_LARGE,
                        () -> system.raw("GET", profile, "x".repeat(11 * 1024), null, Map.of())),
                new Case("query string of 11 KB (request line over the quota)", "431 " + TOO_LARGE,
                        () -> system.raw("GET", profile + "?pad=" + "q".repeat(11 * 1024), instructor, null, Map.of())),
                new Case("500 headers, 12.5 KB of values", "431 " + TOO_LARGE,
                        () -> system.raw("GET", profile, instructor, null, headers(500, 25))),
                new Case("500 headers, 2 KB of values (within the quota)", "200",
                        () -> system.raw("GET", profile, instructor, null, headers(500, 4)))
        ).map(quota -> DynamicTest.dynamicTest(quota.name(), () -> {
            Response answer = quota.send().get();
            String observed = answer.status() == 431 ? "431 " + answer.body() : Integer.toString(answer.status());
            ReliabilityReport.record("API Gateway quotas", quota.name(), quota.expected(), observed);
            assertThat(observed).as(answer.body()).isEqualTo(quota.expected());
        }));
    }
}
