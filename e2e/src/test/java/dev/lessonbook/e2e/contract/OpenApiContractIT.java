package dev.lessonbook.e2e.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lessonbook.e2e.LocalRuntimeProcess;
import dev.lessonbook.local.client.ApiClient;
import dev.lessonbook.local.client.ApiClient.Response;
import dev.lessonbook.payments.stripe.SignedStripeEvents;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route of docs/api/openapi.yaml against the running system (./run-local on moto and
 * localstripe), with its success and the errors a client typically meets: 401 without a token,
 * 403 for the wrong role, 404, 400 malformed JSON, 422 with {@code errors}, 409 conflicts, 412.
 * The client of {@link LocalRuntimeProcess} checks each response against the file as it arrives;
 * this test also asserts that every operation was seen answering both a success and an error.
 */
class OpenApiContractIT {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final OpenApiContract CONTRACT = OpenApiContract.ofProject();
    /** The local Stripe webhook endpoint's signing secret (LESSONBOOK_LOCAL_STRIPE_WEBHOOK_SECRET), so the test signs its events. */
    private static final String WEBHOOK_SECRET = "whsec_openapi_contract";

    private static LocalRuntimeProcess runtime;
    private static ApiClient api;
    /** operationId → statuses it answered. */
    private static final Map<String, Set<Integer>> SEEN = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntimeProcess.start(Map.of("LESSONBOOK_LOCAL_STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET));
        api = runtime.api().withObserver(exchange -> CONTRACT.find(exchange.method(), exchange.path())
                .ifPresent(operation -> SEEN.computeIfAbsent(operation.operationId(), id -> new TreeSet<>())
                        .add(exchange.response().status())));
    }

    @AfterAll
    static void stop() throws Exception {
        if (runtime != null) {
            runtime.stop();
        }
    }

    @Test
    void everyRouteAnswersAsTheOpenApiFileSays() {
        String instructor = api.token("ins-oa", "instructor");
        String otherInstructor = api.token("ins-oa-other", "instructor");
        String student = api.token("stu-oa", "student");
        String otherStudent = api.token("stu-oa-other", "student");
        String admin = api.token("adm-oa", "admin");
        String guest = api.token("guest-oa", "guest");
        String badSubject = api.token("not an id!", "student");
        LocalDate monday = LocalDate.now(BERLIN).plusDays(7).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        LocalDate tuesday = monday.plusDays(1);
        String profilePath = "/v1/instructors/ins-oa/profile";
        String weekPath = "/v1/instructors/ins-oa/availability/weeks/" + monday;

        // --- webhook subscriptions (first, so that the changes below are delivered to it) -----------
        expect(api.post("/v1/webhook-subscriptions", null, "{}"), 401);
        expect(api.post("/v1/webhook-subscriptions", instructor, "{}"), 403);
        expect(api.post("/v1/webhook-subscriptions", admin, "{\"url\":\"https://10.0.0.1/hook\",\"events\":[\"*\"]}"), 422);
        // Nothing listens on the discard port: every attempt fails, and the deliveries stay in the log.
        String subscriptionId = expect(api.post("/v1/webhook-subscriptions", admin,
                "{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"*\"],\"description\":\"contract\"}"), 201)
                .json().get("id").asText();
        String subscriptionPath = "/v1/webhook-subscriptions/" + subscriptionId;

        // --- profile ------------------------------------------------------------------------
        expect(api.get(profilePath, null), 401);
        expect(api.get(profilePath, badSubject), 401);
        expect(api.get(profilePath, guest), 403);
        expect(api.get(profilePath, student), 404);
        expect(api.put(profilePath, student, "{}"), 403);
        expect(api.put("/v1/instructors/ins-oa-other/profile", instructor, "{}"), 403);
        expect(api.put("/v1/instructors/bad.id/profile", instructor, "{}"), 404);
        expect(api.put(profilePath, instructor, "{\"timezone\":"), 400);
        expect(api.put(profilePath, instructor, "{\"note\":\"" + "x".repeat(70_000) + "\"}"), 413);
        Response invalidProfile = expect(api.put(profilePath, instructor, """
                {"timezone":"Mars/Olympus","services":[{"id":"guitar","durationOptions":[7],"rates":{}}],"colour":"red"}"""), 422);
        assertThat(invalidProfile.json().get("errors").size()).as("every field error at once").isGreaterThan(1);
        expect(api.put(profilePath, instructor, """
                {"timezone":"Europe/Berlin","services":[{"id":"guitar","name":"Guitar","durationOptions":[30,60],
                 "rates":{"online":6000,"student_location":9000}}]}"""), 200);
        expect(api.put(profilePath, admin, """
                {"timezone":"Europe/Berlin","buffers":{"online":{"before":0,"after":15}},
                 "services":[{"id":"guitar","name":"Guitar","durationOptions":[30,60],
                 "rates":{"online":6000,"student_location":9000},"currency":"usd","active":true}]}"""), 200);
        expect(api.get(profilePath, student), 200);

        // --- availability -------------------------------------------------------------------
        expect(api.get(weekPath, null), 401);
        expect(api.put(weekPath, student, "{}"), 403);
        expect(api.put("/v1/instructors/ins-oa-other/availability/weeks/" + monday, otherInstructor,
                "{\"windows\":[]}"), 404);
        expect(api.put(weekPath, instructor, "[1,"), 400);
        expect(api.put(weekPath, instructor, "{\"windows\":[{\"date\":\"%s\",\"start\":\"9:00\"}]}".formatted(monday)), 422);
        expectCode(api.put("/v1/instructors/ins-oa/availability/weeks/" + tuesday, instructor,
                "{\"windows\":[]}"), 422, "INVALID_WEEK_START");
        expectCode(api.put(weekPath, instructor, windows(window(monday.plusDays(7), "09:00", "10:00"))), 422, "DATE_OUTSIDE_WEEK");
        expectCode(api.put(weekPath, instructor, windows(window(monday, "09:03", "10:00"))), 422, "INVALID_TIME");
        expectCode(api.put(weekPath, instructor, windows(window(monday, "10:00", "25:00"))), 422, "INVALID_TIME");
        expectCode(api.put(weekPath, instructor, windows(window(monday, "09:00", "11:00"), window(monday, "10:00", "12:00"))),
                409, "AVAILABILITY_OVERLAP");
        Response saved = expect(api.put(weekPath, instructor,
                windows(window(monday, "09:00", "12:00"), window(tuesday, "14:00", "16:00"), window(tuesday, "16:00", "18:00"))), 200);
        assertThat(saved.json().get("days").get(tuesday.toString()).size()).as("touching windows merged").isEqualTo(1);
        Response stale = expectCode(api.send("PUT", weekPath, instructor, windows(window(monday, "09:00", "12:00")),
                Map.of("If-Match", "\"AAAAAAAAAAAAAAAA\"")), 412, "VERSION_MISMATCH");
        assertThat(stale.json().get("currentVersion").asText()).isEqualTo(saved.json().get("version").asText());
        expect(api.send("PUT", weekPath, instructor,
                windows(window(monday, "09:00", "12:00"), window(tuesday, "14:00", "18:00")),
                Map.of("If-Match", saved.header("etag"))), 200);
        expect(api.get(weekPath, student), 200);
        expect(api.get(weekPath + "?view=bookable", student), 200);
        expect(api.get(weekPath + "?view=everything", student), 422);
        expectCode(api.get("/v1/instructors/ins-oa/availability/weeks/" + tuesday, student), 422, "INVALID_WEEK_START");

        // --- copy a week, time off (three weeks ahead, clear of the bookings below) --------------
        String copyPath = weekPath + "/copy";
        LocalDate later = monday.plusWeeks(3);
        expect(api.post(copyPath, student, "{\"targetWeekStarts\":[\"%s\"]}".formatted(later)), 403);
        expectCode(api.post(copyPath, instructor, "{\"targetWeekStarts\":[\"%s\"]}".formatted(monday)), 422, "VALIDATION_FAILED");
        Response copied = expect(api.post(copyPath, instructor, "{\"targetWeekStarts\":[\"%s\"]}".formatted(later)), 200);
        assertThat(copied.json().get("items").get(0).get("days").has(later.toString())).isTrue();
        String offPath = "/v1/instructors/ins-oa/time-off/" + later;
        expect(api.put(offPath, student, "{}"), 403);
        expect(api.put(offPath, instructor, "{\"reason\":"), 400);
        Response off = expect(api.put(offPath, instructor, "{\"reason\":\"conference\"}"), 200);
        assertThat(off.json().get("confirmedBookings").asInt()).isZero();
        expect(api.get("/v1/instructors/ins-oa/time-off?from=%s&to=%s".formatted(monday, later), instructor), 200);
        expect(api.get("/v1/instructors/ins-oa/time-off", student), 403);
        expect(api.send("DELETE", offPath, instructor, null, Map.of()), 204);
        expect(api.send("DELETE", offPath, instructor, null, Map.of()), 404);

        // --- bookings -----------------------------------------------------------------------
        String booking = booking(monday, "09:00", 60, "online", "pm_card_visa");
        expect(api.post("/v1/bookings", null, booking), 401);
        expect(api.post("/v1/bookings", instructor, booking), 403);
        expect(api.post("/v1/bookings", student, "{\"instructorId\":\"ins-oa\",}"), 400);
        Response invalidBooking = expect(api.post("/v1/bookings", student, """
                {"instructorId":"ins-oa","serviceId":"guitar","date":"%s","start":"9:00","durationMinutes":"60",
                 "locationType":"boat"}""".formatted(monday)), 422);
        assertThat(invalidBooking.json().get("errors").size()).isGreaterThanOrEqualTo(3);
        expect(api.post("/v1/bookings", student, booking.replace("\"guitar\"", "\"drums\"")), 404);
        expectCode(api.post("/v1/bookings", student, booking(monday, "09:00", 45, "online", "pm_card_visa")), 422, "INVALID_DURATION");
        expectCode(api.post("/v1/bookings", student, booking(monday, "09:10", 60, "online", "pm_card_visa")), 422, "INVALID_START_TIME");
        expectCode(api.post("/v1/bookings", student, booking(monday.plusDays(2), "09:00", 60, "online", "pm_card_visa")),
                422, "NOT_AVAILABLE");
        expectCode(api.post("/v1/bookings", student, booking(monday, "09:00", 60, "instructor_location", "pm_card_visa")),
                422, "LOCATION_NOT_OFFERED");
        expectCode(api.post("/v1/bookings", student, booking(monday, "09:00", 60, "online", null)), 422, "PAYMENT_METHOD_REQUIRED");

        Map<String, String> key = Map.of("Idempotency-Key", "contract-it-1");
        Response booked = expect(api.send("POST", "/v1/bookings", student, booking, key), 201);
        String bookingId = booked.json().get("id").asText();
        Response replayed = expect(api.send("POST", "/v1/bookings", student, booking, key), 201);
        assertThat(replayed.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replayed.json().get("id").asText()).isEqualTo(bookingId);
        expectCode(api.send("POST", "/v1/bookings", student, booking(monday, "11:00", 30, "online", "pm_card_visa"), key),
                422, "IDEMPOTENCY_KEY_REUSED");
        Response conflict = expectCode(api.post("/v1/bookings", otherStudent, booking(monday, "09:30", 30, "online", "pm_card_visa")),
                409, "BOOKING_CONFLICT");
        assertThat(conflict.json().get("conflictScope").asText()).isEqualTo("instructor");
        String secondId = expect(api.post("/v1/bookings", otherStudent,
                booking(monday, "11:00", 30, "online", "pm_card_visa")), 201).json().get("id").asText();
        Response declined = api.post("/v1/bookings", otherStudent,
                booking(tuesday, "14:00", 60, "online", "pm_card_visa_chargeDeclined"));
        assertThat(declined.status()).as("a declined card: refused now (402) or its authorization scheduled (201)")
                .isIn(201, 402);

        String bookingPath = "/v1/bookings/" + bookingId;
        expect(api.get(bookingPath, null), 401);
        expect(api.get(bookingPath, guest), 403);
        expect(api.get(bookingPath, otherStudent), 404);
        expect(api.get("/v1/bookings/bk_unknown", student), 404);
        expect(api.get(bookingPath, student), 200);
        expect(api.get(bookingPath, instructor), 200);
        expect(api.get(bookingPath, admin), 200);

        String listPath = "/v1/instructors/ins-oa/bookings?from=%s&to=%s".formatted(monday, monday.plusDays(6));
        expect(api.get(listPath, null), 401);
        expect(api.get(listPath, student), 403);
        expect(api.get("/v1/instructors/ins-oa/bookings?from=2026-02-30", instructor), 422);
        expect(api.get("/v1/instructors/ins-oa/bookings?from=%s&to=%s".formatted(monday, monday.minusDays(1)), instructor), 422);
        Response listed = expect(api.get(listPath, instructor), 200);
        assertThat(listed.json().get("items").size()).isGreaterThanOrEqualTo(2);
        expect(api.get("/v1/instructors/ins-oa/bookings", admin), 200);

        String statsPath = "/v1/instructors/ins-oa/booking-stats";
        expect(api.get(statsPath, null), 401);
        expect(api.get(statsPath, student), 403);
        expect(api.get(statsPath, otherInstructor), 403);
        expect(api.get(statsPath, instructor), 200);

        // --- complete and cancel ------------------------------------------------------------
        expect(api.post(bookingPath + "/complete", null, null), 401);
        expect(api.post(bookingPath + "/complete", student, null), 403);
        expect(api.post("/v1/bookings/bk_unknown/complete", instructor, null), 404);
        expectCode(api.post(bookingPath + "/complete", instructor, null), 422, "LESSON_NOT_ENDED");

        // --- reschedule ----------------------------------------------------------------------
        String reschedulePath = bookingPath + "/reschedule";
        String toTuesday = "{\"date\":\"%s\",\"start\":\"16:00\"}".formatted(tuesday);
        expect(api.post(reschedulePath, null, toTuesday), 401);
        expect(api.post(reschedulePath, otherStudent, toTuesday), 404);
        expect(api.post(reschedulePath, student, "{\"date\":"), 400);
        expect(api.post(reschedulePath, student, "{\"date\":\"2026-02-30\",\"x\":1}"), 422);
        expectCode(api.post(reschedulePath, student, "{\"date\":\"%s\",\"start\":\"13:00\"}".formatted(monday)),
                422, "NOT_AVAILABLE");
        expectCode(api.post(reschedulePath, student, "{\"date\":\"%s\",\"start\":\"11:00\"}".formatted(monday)),
                409, "BOOKING_CONFLICT");
        Response moved = expect(api.post(reschedulePath, student, toTuesday), 200);
        assertThat(moved.json().get("rescheduledFrom").get("start").asText()).isEqualTo("09:00");
        assertThat(moved.json().get("rescheduleCount").asInt()).isEqualTo(1);

        // --- 3-D Secure: the booking answers 202, confirm-payment follows Stripe -----------------
        Response awaiting = expect(api.post("/v1/bookings", otherStudent,
                booking(monday, "09:00", 30, "online", "pm_card_authenticationRequired")), 202);
        assertThat(awaiting.json().at("/payment/status").asText()).isEqualTo("REQUIRES_ACTION");
        String confirmPath = "/v1/bookings/" + awaiting.json().get("id").asText() + "/confirm-payment";
        expect(api.post(confirmPath, null, null), 401);
        expect(api.post(confirmPath, instructor, null), 403);
        expect(api.post(confirmPath, student, null), 404);
        expect(api.post("/v1/bookings/bk_unknown/confirm-payment", otherStudent, null), 404);
        expect(api.post(confirmPath, otherStudent, null), 202);
        expect(api.post("/v1/bookings/" + secondId + "/confirm-payment", otherStudent, null), 200);

        expect(api.post(bookingPath + "/cancel", null, null), 401);
        expect(api.post(bookingPath + "/cancel", otherStudent, "{}"), 404);
        expect(api.post(bookingPath + "/cancel", student, "{\"reason\":"), 400);
        expect(api.post(bookingPath + "/cancel", student, "{\"reason\":\"" + "x".repeat(501) + "\"}"), 422);
        expect(api.post(bookingPath + "/cancel", student, "{\"why\":\"sick\"}"), 422);
        Response cancelled = expect(api.post(bookingPath + "/cancel", student, "{\"reason\":\"I am ill\"}"), 200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().get("cancellation").get("by").asText()).isEqualTo("student");
        expect(api.post(bookingPath + "/cancel", student, null), 200);
        expect(api.post("/v1/bookings/" + secondId + "/cancel", instructor, null), 200);
        expectCode(api.post(bookingPath + "/complete", instructor, null), 422, "NOT_COMPLETABLE");
        expect(api.get(statsPath, admin), 200);

        // --- the calendar feed: a token, then the feed without a bearer token -------------------
        String tokenPath = "/v1/instructors/ins-oa/calendar-token";
        expect(api.post(tokenPath, null, null), 401);
        expect(api.post(tokenPath, student, null), 403);
        String feedToken = expect(api.post(tokenPath, instructor, null), 200).json().get("token").asText();
        Response feed = expect(api.get("/v1/instructors/ins-oa/calendar.ics?token=" + feedToken, null), 200);
        assertThat(feed.body()).startsWith("BEGIN:VCALENDAR\r\n").contains("STATUS:CANCELLED\r\n");
        expect(api.get("/v1/instructors/ins-oa/calendar.ics?token=cal_wrong", null), 404);

        // --- webhook subscriptions, their deliveries ------------------------------------------
        expect(api.get("/v1/webhook-subscriptions", admin), 200);
        expect(api.get("/v1/webhook-subscriptions", student), 403);
        expect(api.get(subscriptionPath, admin), 200);
        expect(api.get("/v1/webhook-subscriptions/wh_000000000000000000000000", admin), 404);
        expect(api.get(subscriptionPath + "/deliveries?status=sent", admin), 422);
        JsonNode deliveries = awaitDeliveries(admin, subscriptionPath);
        assertThat(deliveries).as("the changes above were delivered to the subscription").isNotEmpty();
        expect(api.post(subscriptionPath + "/deliveries/" + deliveries.get(0).get("id").asText() + "/redeliver", admin, null), 202);
        expect(api.post(subscriptionPath + "/deliveries/no-such-delivery/redeliver", admin, null), 404);
        expect(api.post(subscriptionPath + "/rotate-secret", admin, null), 200);
        expect(api.post("/v1/webhook-subscriptions/wh_000000000000000000000000/rotate-secret", admin, null), 404);
        expect(api.send("DELETE", subscriptionPath, admin, null, Map.of()), 204);
        expect(api.send("DELETE", subscriptionPath, admin, null, Map.of()), 404);
        // --- Stripe's webhook: no token, its signature ------------------------------------------
        String stripeEvent = SignedStripeEvents.event(SignedStripeEvents.newEventId(), "customer.created",
                "{\"id\": \"cus_oa\", \"object\": \"customer\"}");
        Response received = expect(api.send("POST", "/v1/stripe/webhook", null, stripeEvent,
                Map.of("Stripe-Signature", SignedStripeEvents.signature(WEBHOOK_SECRET, Instant.now(), stripeEvent))), 200);
        assertThat(received.json().get("handled").asText()).isEqualTo("IGNORED");
        expectCode(api.send("POST", "/v1/stripe/webhook", null, stripeEvent,
                Map.of("Stripe-Signature", SignedStripeEvents.signature("whsec_forged", Instant.now(), stripeEvent))), 400,
                "INVALID_SIGNATURE");

        // --- what no function serves ----------------------------------------------------------
        expect(api.get("/v1/nothing-here", instructor), 404);
        expect(api.send("DELETE", bookingPath, student, null, Map.of()), 405);

        // Every operation answered a success and an error, each checked against the file — except a
        // successful completion, which needs a lesson that has ended (at least 75 minutes after
        // booking it); its answer is the booking document every other booking route returns.
        List<String> missing = new ArrayList<>();
        for (OpenApiContract.Operation operation : CONTRACT.operations()) {
            Set<Integer> statuses = SEEN.getOrDefault(operation.operationId(), Set.of());
            boolean successNeeded = !operation.operationId().equals("completeBooking");
            if ((successNeeded && statuses.stream().noneMatch(status -> status < 300))
                    || statuses.stream().noneMatch(status -> status >= 400)) {
                missing.add(operation.key() + " answered only " + statuses);
            }
        }
        assertThat(missing).as("operations not exercised with a success and an error").isEmpty();
        assertThat(runtime.contractViolations()).isEmpty();
    }

    /** The deliveries are made by the workers after the changes: poll the log until one is there. */
    private static JsonNode awaitDeliveries(String admin, String subscriptionPath) {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        JsonNode items;
        do {
            items = expect(api.get(subscriptionPath + "/deliveries", admin), 200).json().get("items");
        } while (items.isEmpty() && java.time.Instant.now().isBefore(deadline));
        return items;
    }

    private static Response expect(Response response, int status) {
        assertThat(response.status()).as("status; body %s", response.body()).isEqualTo(status);
        return response;
    }

    private static Response expectCode(Response response, int status, String code) {
        expect(response, status);
        JsonNode json = response.json();
        assertThat(json.path("code").asText()).as("code; body %s", response.body()).isEqualTo(code);
        return response;
    }

    private static String window(LocalDate date, String start, String end) {
        return "{\"date\":\"%s\",\"start\":\"%s\",\"end\":\"%s\"}".formatted(date, start, end);
    }

    private static String windows(String... windows) {
        return "{\"windows\":[" + String.join(",", windows) + "],\"clearExisting\":true}";
    }

    private static String booking(LocalDate date, String start, int minutes, String locationType, String paymentMethod) {
        return """
                {"instructorId":"ins-oa","serviceId":"guitar","date":"%s","start":"%s","durationMinutes":%d,
                 "locationType":"%s"%s,"note":"contract test"}""".formatted(date, start, minutes, locationType,
                paymentMethod == null ? "" : ",\"paymentMethodId\":\"" + paymentMethod + "\"");
    }
}
