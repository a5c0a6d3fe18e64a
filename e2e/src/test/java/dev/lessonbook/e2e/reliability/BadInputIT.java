package dev.lessonbook.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.local.client.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docs/spec.md §9 by hand: each bad request answers a 4xx problem document a person can act on, and the
 * table holds exactly what it held before.
 */
@ExtendWith(ReliabilitySystem.Provider.class)
class BadInputIT {
    private static final String INSTRUCTOR = "bad-input-ins";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static ReliabilitySystem system;
    private static String instructor;
    private static String student;
    private static LocalDate monday;
    private static String week;

    @AfterAll
    static void noSecretInTheLogs() {
        system.assertNoSecretsInLogs();
    }

    @BeforeAll
    static void anInstructorWithAWeek(ReliabilitySystem running) throws Exception {
        system = running;
        instructor = system.token(INSTRUCTOR, "instructor");
        student = system.token("bad-input-stu", "student");
        monday = LocalDate.now(BERLIN).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(2);
        week = "/v1/instructors/" + INSTRUCTOR + "/availability/weeks/" + monday;
        assertThat(system.api.put("/v1/instructors/" + INSTRUCTOR + "/profile", instructor, """
                {"timezone":"Europe/Berlin","services":[{"id":"guitar","name":"Guitar","durationOptions":[60],"rates":{"online":6000}}]}""")
                .status()).isEqualTo(200);
        assertThat(system.api.put(week, instructor, windowsJson("09:00", "12:00")).status()).isEqualTo(200);
        system.awaitQuiet();
    }

    private static String windowsJson(String start, String end) {
        return "{\"windows\":[{\"date\":\"%s\",\"start\":\"%s\",\"end\":\"%s\"}]}".formatted(monday, start, end);
    }

    private static String booking(String duration, String extra) {
        return """
                {"instructorId":"%s","serviceId":"guitar","date":"%s","start":"09:00","durationMinutes":%s,
                 "locationType":"online","paymentMethodId":"pm_card_visa"%s}""".formatted(INSTRUCTOR, monday, duration, extra);
    }

    private record BadRequest(String name, String expected, Supplier<Response> send) {}

    private static Response json(String method, String path, String token, String body) {
        return system.raw(method, path, token, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json"));
    }

    @TestFactory
    Stream<DynamicTest> eachBadRequestIsAFourHundredProblemAndChangesNothing() {
        String pad = "x".repeat(70 * 1024);
        StringBuilder windows = new StringBuilder("{\"windows\":[");
        for (int i = 0; i < 201; i++) {
            int minutes = i * 5;
            windows.append(i == 0 ? "" : ",").append("{\"date\":\"").append(monday).append("\",\"start\":\"")
                    .append("%02d:%02d".formatted(minutes / 60, minutes % 60)).append("\",\"end\":\"")
                    .append("%02d:%02d".formatted((minutes + 5) / 60, (minutes + 5) % 60)).append("\"}");
        }
        windows.append("]}");
        String nested = "[".repeat(5000) + "]".repeat(5000);
        List<BadRequest> cases = List.of(
                new BadRequest("body over 64 KB (valid JSON)", "413 PAYLOAD_TOO_LARGE",
                        () -> json("PUT", week, instructor, "{\"windows\":[],\"padding\":\"" + pad + "\"}")),
                new BadRequest("body over 64 KB that is not JSON (size checked before parsing)", "413 PAYLOAD_TOO_LARGE",
                        () -> json("PUT", week, instructor, "{\"windows\":[" + pad)),
                new BadRequest("201 windows in one week", "422 VALIDATION_FAILED",
                        () -> json("PUT", week, instructor, windows.toString())),
                new BadRequest("date 2026-02-30", "422 VALIDATION_FAILED",
                        () -> json("PUT", week, instructor, "{\"windows\":[{\"date\":\"2026-02-30\",\"start\":\"09:00\",\"end\":\"10:00\"}]}")),
                new BadRequest("time 24:05", "422 INVALID_TIME", () -> json("PUT", week, instructor, windowsJson("23:00", "24:05"))),
                new BadRequest("time 9:00 (one digit)", "422 VALIDATION_FAILED", () -> json("PUT", week, instructor, windowsJson("9:00", "10:00"))),
                new BadRequest("negative duration", "422 INVALID_DURATION", () -> json("POST", "/v1/bookings", student, booking("-60", ""))),
                new BadRequest("huge duration (2^40 minutes)", "422 VALIDATION_FAILED",
                        () -> json("POST", "/v1/bookings", student, booking("1099511627776", ""))),
                new BadRequest("duration 1e308", "422 VALIDATION_FAILED", () -> json("POST", "/v1/bookings", student, booking("1e308", ""))),
                new BadRequest("note over 1000 characters", "422 VALIDATION_FAILED",
                        () -> json("POST", "/v1/bookings", student, booking("60", ",\"note\":\"" + "n".repeat(1001) + "\""))),
                new BadRequest("unknown field", "422 VALIDATION_FAILED",
                        () -> json("POST", "/v1/bookings", student, booking("60", ",\"price\":1"))),
                new BadRequest("unicode instructor id in the body", "422 VALIDATION_FAILED",
                        () -> json("POST", "/v1/bookings", student, booking("60", "").replace(INSTRUCTOR, "inštruktor-☃"))),
                new BadRequest("unicode id in the path", "404 NOT_FOUND",
                        () -> json("GET", "/v1/bookings/%E2%98%83-%C3%A9t%C3%A9", student, null)),
                new BadRequest("path traversal in a booking id", "404 NOT_FOUND",
                        () -> json("GET", "/v1/bookings/..%2F..%2Fetc%2Fpasswd", student, null)),
                new BadRequest("path traversal in an instructor id", "404 NOT_FOUND",
                        () -> json("PUT", "/v1/instructors/%2E%2E%2F" + INSTRUCTOR + "/profile", instructor, "{}")),
                new BadRequest("id of 65 characters", "404 NOT_FOUND",
                        () -> json("GET", "/v1/bookings/" + "b".repeat(65), student, null)),
                new BadRequest("duplicate JSON keys", "400 MALFORMED_JSON",
                        () -> json("PUT", week, instructor, "{\"windows\":[],\"windows\":[{\"date\":\"" + monday
                                + "\",\"start\":\"09:00\",\"end\":\"10:00\"}]}")),
                new BadRequest("wrong content type (text/plain)", "415 UNSUPPORTED_MEDIA_TYPE",
                        () -> system.raw("PUT", week, instructor, windowsJson("09:00", "10:00").getBytes(StandardCharsets.UTF_8),
                                Map.of("Content-Type", "text/plain"))),
                new BadRequest("empty body", "400 MALFORMED_JSON", () -> json("PUT", week, instructor, "")),
                new BadRequest("JSON nested 5000 deep", "400 MALFORMED_JSON", () -> json("PUT", week, instructor, nested)),
                new BadRequest("invalid UTF-8", "400 MALFORMED_JSON",
                        () -> system.raw("PUT", week, instructor, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'},
                                Map.of("Content-Type", "application/json"))),
                new BadRequest("JSON that is not an object", "422 VALIDATION_FAILED", () -> json("PUT", week, instructor, "[]")),
                new BadRequest("cancel reason over 500 characters", "422 VALIDATION_FAILED",
                        () -> json("POST", "/v1/bookings/no-such-booking/cancel", student, "{\"reason\":\"" + "r".repeat(501) + "\"}")),
                new BadRequest("Idempotency-Key of 256 characters", "422 VALIDATION_FAILED",
                        () -> system.raw("POST", "/v1/bookings", student, booking("60", "").getBytes(StandardCharsets.UTF_8),
                                Map.of("Content-Type", "application/json", "Idempotency-Key", "k".repeat(256)))),
                new BadRequest("listing range with a nonexistent date", "422 VALIDATION_FAILED",
                        () -> json("GET", "/v1/instructors/" + INSTRUCTOR + "/bookings?from=2026-02-30&to=2026-03-01", instructor, null)),
                new BadRequest("week start that is not a date", "422 VALIDATION_FAILED",
                        () -> json("GET", "/v1/instructors/" + INSTRUCTOR + "/availability/weeks/2026-13-01", student, null)));
        return cases.stream().map(bad -> DynamicTest.dynamicTest(bad.name(), () -> {
            Map<String, String> before = system.tableSnapshot();
            Response answer = bad.send().get();
            Map<String, String> after = system.tableSnapshot();
            String observed = answer.status() + " " + answer.json().path("code").asText();
            boolean unchanged = after.equals(before);
            boolean actionable = !answer.json().path("detail").asText().isBlank();
            ReliabilityReport.record("Bad input (docs/spec.md §9)", bad.name(), bad.expected() + ", table unchanged",
                    observed + (unchanged ? ", table unchanged" : ", TABLE CHANGED"),
                    observed.equals(bad.expected()) && unchanged && actionable);
            assertThat(observed).as("%s → %s", bad.name(), answer.body()).isEqualTo(bad.expected());
            assertThat(actionable).as("a detail a person can act on: %s", answer.body()).isTrue();
            assertThat(changes(before, after)).as("items changed by %s", bad.name()).isEmpty();
        }));
    }

    private static List<String> changes(Map<String, String> before, Map<String, String> after) {
        List<String> changed = new ArrayList<>();
        before.forEach((key, item) -> {
            if (!item.equals(after.get(key))) {
                changed.add("changed or removed " + key);
            }
        });
        after.keySet().stream().filter(key -> !before.containsKey(key)).forEach(key -> changed.add("added " + key));
        return changed;
    }
}
