package dev.lessonbook.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.lessonbook.local.client.ApiClient.Response;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docs/spec.md §1 and §3 over HTTP: every route × every kind of caller, from no token at all to an admin,
 * answers the status the spec requires; a booking is never revealed to a non-party.
 */
@ExtendWith(ReliabilitySystem.Provider.class)
class AuthorizationMatrixIT {
    private static final String A = "authz-ins-a";
    private static final String B = "authz-ins-b";
    private static final String S = "authz-stu-s";
    private static final String T = "authz-stu-t";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String PROFILE = """
            {"timezone":"Europe/Berlin","services":[{"id":"guitar","name":"Guitar","durationOptions":[60],"rates":{"online":6000}}]}""";

    private static ReliabilitySystem system;
    private static LocalDate day;
    private static String week;
    private static Map<String, String> tokens;
    private static String bookingId;

    @AfterAll
    static void noSecretInTheLogs() {
        system.assertNoSecretsInLogs();
    }

    @BeforeAll
    static void twoInstructorsTwoStudentsAndABooking(ReliabilitySystem running) {
        system = running;
        day = LocalDate.now(BERLIN).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(1);
        week = "/v1/instructors/" + A + "/availability/weeks/" + day;
        String a = system.token(A, "instructor");
        assertThat(system.api.put("/v1/instructors/" + A + "/profile", a, PROFILE).status()).isEqualTo(200);
        assertThat(system.api.put("/v1/instructors/" + B + "/profile", system.token(B, "instructor"), PROFILE).status()).isEqualTo(200);
        assertThat(system.api.put(week, a, windows()).status()).isEqualTo(200);
        Response booked = system.api.post("/v1/bookings", system.token(S, "student"), booking("08:00"));
        assertThat(booked.status()).isEqualTo(201);
        bookingId = booked.json().get("id").asText();
        tokens = new LinkedHashMap<>();
        tokens.put("its student", system.token(S, "student"));
        tokens.put("another student", system.token(T, "student"));
        tokens.put("its instructor", a);
        tokens.put("another instructor", system.token(B, "instructor"));
        tokens.put("admin", system.token("authz-admin", "admin"));
    }

    private static String windows() {
        return "{\"windows\":[{\"date\":\"%s\",\"start\":\"08:00\",\"end\":\"20:00\"}]}".formatted(day);
    }

    private static String booking(String start) {
        return """
                {"instructorId":"%s","serviceId":"guitar","date":"%s","start":"%s","durationMinutes":60,
                 "locationType":"online","paymentMethodId":"pm_card_visa"}""".formatted(A, day, start);
    }

    /** Tokens that must never pass, each wrong in one way only, for {@code sub} with {@code role}. */
    private static Map<String, String> broken(String sub, String role) {
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("no token", null);
        broken.put("malformed token", "not-a.jwt");
        String good = system.sign(system.claimsLikeTheIssuers(sub, role).build());
        String[] parts = good.split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                system.claimsLikeTheIssuers("authz-admin", "admin").build().toString().getBytes());
        broken.put("bad signature", parts[0] + "." + otherPayload + "." + parts[2]);
        Instant now = Instant.now();
        broken.put("expired", system.sign(system.claimsLikeTheIssuers(sub, role)
                .issueTime(Date.from(now.minusSeconds(7200))).notBeforeTime(Date.from(now.minusSeconds(7200)))
                .expirationTime(Date.from(now.minusSeconds(60))).build()));
        broken.put("wrong issuer", system.sign(system.claimsLikeTheIssuers(sub, role).issuer("https://issuer.example/other").build()));
        broken.put("wrong audience", system.sign(system.claimsLikeTheIssuers(sub, role).audience("another-api").build()));
        broken.put("wrong role (unknown role claim)", system.sign(system.claimsLikeTheIssuers(sub, "guest").build()));
        return broken;
    }

    /** One route: how to call it with a token, and the status each caller must get. */
    private record RouteUnderTest(String name, String owner, String ownerRole, Function<String, Response> call,
                                  Map<String, Integer> expected) {}

    @Test
    void everyRouteAnswersEveryKindOfCallerAsTheSpecRequires() {
        Response bookingBefore = system.api.get("/v1/bookings/" + bookingId, tokens.get("its student"));
        String missing = "/v1/bookings/authz-no-such-booking";
        Map<String, String> missingBodies = Map.of(
                "GET", withoutInstance(system.api.get(missing, tokens.get("another student"))),
                "cancel", withoutInstance(system.api.post(missing + "/cancel", tokens.get("another student"), "{}")),
                "complete", withoutInstance(system.api.post(missing + "/complete", tokens.get("another instructor"), "{}")));
        List<String> freshStarts = new ArrayList<>(List.of("16:00", "18:00"));

        List<RouteUnderTest> routes = List.of(
                new RouteUnderTest("PUT /v1/instructors/{id}/profile", A, "instructor",
                        token -> system.api.put("/v1/instructors/" + A + "/profile", token, PROFILE),
                        statuses(403, 403, 200, 403, 200)),
                new RouteUnderTest("GET /v1/instructors/{id}/profile", A, "instructor",
                        token -> system.api.get("/v1/instructors/" + A + "/profile", token),
                        statuses(200, 200, 200, 200, 200)),
                new RouteUnderTest("PUT /v1/instructors/{id}/availability/weeks/{weekStart}", A, "instructor",
                        token -> system.api.put(week, token, windows()),
                        statuses(403, 403, 200, 403, 200)),
                new RouteUnderTest("GET /v1/instructors/{id}/availability/weeks/{weekStart}", A, "instructor",
                        token -> system.api.get(week + "?view=bookable", token),
                        statuses(200, 200, 200, 200, 200)),
                new RouteUnderTest("POST /v1/bookings", S, "student",
                        token -> system.api.post("/v1/bookings", token, booking(token != null
                                && (token.equals(tokens.get("its student")) || token.equals(tokens.get("another student")))
                                ? freshStarts.remove(0) : "19:00")),
                        statuses(201, 201, 403, 403, 403)),
                new RouteUnderTest("GET /v1/bookings/{id}", S, "student",
                        token -> system.api.get("/v1/bookings/" + bookingId, token),
                        statuses(200, 404, 200, 404, 200)),
                new RouteUnderTest("POST /v1/bookings/{id}/cancel", S, "student",
                        token -> system.api.post("/v1/bookings/" + bookingToCancel(token) + "/cancel", token, "{}"),
                        statuses(200, 404, 200, 404, 200)),
                new RouteUnderTest("POST /v1/bookings/{id}/complete", S, "student",
                        token -> system.api.post("/v1/bookings/" + bookingId + "/complete", token, "{}"),
                        // its instructor and an admin pass authorization; the lesson has not ended (422)
                        statuses(403, 404, 422, 404, 422)),
                new RouteUnderTest("GET /v1/instructors/{id}/bookings", A, "instructor",
                        token -> system.api.get("/v1/instructors/" + A + "/bookings?from=" + day + "&to=" + day, token),
                        statuses(403, 403, 200, 403, 200)),
                new RouteUnderTest("GET /v1/instructors/{id}/booking-stats", A, "instructor",
                        token -> system.api.get("/v1/instructors/" + A + "/booking-stats", token),
                        statuses(403, 403, 200, 403, 200)));

        List<String> wrong = new ArrayList<>();
        for (RouteUnderTest route : routes) {
            Map<String, Integer> expected = new LinkedHashMap<>();
            Map<String, String> callers = new LinkedHashMap<>();
            broken(route.owner(), route.ownerRole()).forEach((name, token) -> {
                callers.put(name, token);
                expected.put(name, name.startsWith("wrong role") ? 403 : 401);
            });
            route.expected().forEach((name, status) -> {
                callers.put(name, tokens.get(name));
                expected.put(name, status);
            });
            for (var caller : callers.entrySet()) {
                Response answer = route.call().apply(caller.getValue());
                int want = expected.get(caller.getKey());
                String observed = Integer.toString(answer.status());
                boolean held = answer.status() == want;
                String kind = route.name().contains("cancel") ? "cancel" : route.name().contains("complete") ? "complete" : "GET";
                if (held && want == 404 && route.name().contains("/v1/bookings/{id}")) {
                    held = withoutInstance(answer).equals(missingBodies.get(kind));
                    observed += held ? " (body as for a missing booking)" : " (body differs from a missing booking's)";
                }
                if (!held) {
                    wrong.add(route.name() + " as " + caller.getKey() + ": " + answer.status() + " " + answer.body());
                }
                ReliabilityReport.record("Authorization matrix", route.name() + " — " + caller.getKey(),
                        want + (want == 404 && route.name().contains("{id}") && !route.name().contains("instructors")
                                ? " (body as for a missing booking)" : ""),
                        observed, held);
            }
        }
        Response bookingAfter = system.api.get("/v1/bookings/" + bookingId, tokens.get("its student"));
        assertThat(wrong).as("callers answered otherwise than docs/spec.md §1/§3 require").isEmpty();
        assertThat(bookingAfter.json()).as("no refused call changed the booking").isEqualTo(bookingBefore.json());
    }

    /** The status for: its student, another student, its instructor (the owner of an instructor's resource), another instructor, admin. */
    private static Map<String, Integer> statuses(int itsStudent, int anotherStudent, int itsInstructor, int anotherInstructor,
            int admin) {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        statuses.put("its student", itsStudent);
        statuses.put("another student", anotherStudent);
        statuses.put("its instructor", itsInstructor);
        statuses.put("another instructor", anotherInstructor);
        statuses.put("admin", admin);
        return statuses;
    }

    /** Refused callers try the shared booking; each permitted canceller cancels a booking of its own. */
    private static String bookingToCancel(String token) {
        boolean permitted = token != null && (token.equals(tokens.get("its student"))
                || token.equals(tokens.get("its instructor")) || token.equals(tokens.get("admin")));
        if (!permitted) {
            return bookingId;
        }
        String start = switch (token.equals(tokens.get("its student")) ? 0 : token.equals(tokens.get("its instructor")) ? 1 : 2) {
            case 0 -> "10:00";
            case 1 -> "12:00";
            default -> "14:00";
        };
        Response booked = system.api.post("/v1/bookings", tokens.get("its student"), booking(start));
        assertThat(booked.status()).as("a booking to cancel at %s: %s", start, booked.body()).isEqualTo(201);
        return booked.json().get("id").asText();
    }

    /** The body without {@code instance} (the path the caller sent): the rest must be identical. */
    private static String withoutInstance(Response response) {
        ObjectNode body = (ObjectNode) response.json().deepCopy();
        body.remove("instance");
        return response.status() + " " + body;
    }
}
