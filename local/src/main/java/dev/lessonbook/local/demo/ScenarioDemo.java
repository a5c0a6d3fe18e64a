package dev.lessonbook.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lessonbook.local.client.ApiClient;
import dev.lessonbook.local.client.ApiClient.Response;
import java.io.PrintStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.UUID;

/**
 * The scenario of SCENARIO.md, run over HTTP against a running system: publish a week, book
 * twice, cancel one, check every invariant, then move a lesson and book the time it freed. Prints each step and its result; {@link #run}
 * is true only if every invariant held.
 */
public final class ScenarioDemo {
    private static final ZoneId TIMEZONE = ZoneId.of("Europe/Berlin");

    private final ApiClient api;
    private final PrintStream out;
    private int failures;

    public ScenarioDemo(ApiClient api, PrintStream out) {
        this.api = api;
        this.out = out;
    }

    public boolean run() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String instructorId = "demo-instructor-" + run;
        String studentId = "demo-student-" + run;
        String instructor = api.token(instructorId, "instructor");
        String student = api.token(studentId, "student");
        String otherStudent = api.token("demo-student-2-" + run, "student");
        LocalDate monday = LocalDate.now(TIMEZONE).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(1);
        String weekPath = "/v1/instructors/" + instructorId + "/availability/weeks/" + monday;

        out.println("Scenario (SCENARIO.md) for instructor " + instructorId + ", week of " + monday);

        out.println("1. Publish availability");
        expect("profile saved", api.put("/v1/instructors/" + instructorId + "/profile", instructor, """
                {"timezone":"%s","services":[{"id":"guitar","name":"Guitar","durationOptions":[30,60],
                 "rates":{"online":6000},"active":true}]}""".formatted(TIMEZONE)), 200);
        expect("week saved: Monday 09:00-10:00 and 11:00-12:00", api.put(weekPath, instructor, """
                {"windows":[{"date":"%1$s","start":"09:00","end":"10:00"},{"date":"%1$s","start":"11:00","end":"12:00"}],
                 "clearExisting":true}""".formatted(monday)), 200);
        expect("week saved again: Monday 09:00-12:00", api.put(weekPath, instructor, """
                {"windows":[{"date":"%s","start":"09:00","end":"12:00"}],"clearExisting":true}""".formatted(monday)), 200);
        Response warmed = expect("week read (warms the cached week map)", api.get(weekPath, student), 200);
        String stored = days(warmed);
        check("the stored week is Monday 09:00-12:00", stored.equals(mondayNineToNoon(monday)), stored);

        out.println("2. Book");
        Response nine = expect("book Monday 09:00 (60 min, pm_card_visa)",
                api.post("/v1/bookings", student, booking(instructorId, monday, "09:00")), 201);
        Response eleven = expect("book Monday 11:00 (60 min, pm_card_visa)",
                api.post("/v1/bookings", student, booking(instructorId, monday, "11:00")), 201);
        check("both CONFIRMED", "CONFIRMED".equals(text(nine, "status")) && "CONFIRMED".equals(text(eleven, "status")),
                text(nine, "status") + ", " + text(eleven, "status"));
        Response nineBefore = api.get("/v1/bookings/" + text(nine, "id"), student);

        out.println("3. Cancel the 11:00 lesson");
        Response cancelled = expect("student cancels 11:00 (more than 24 h ahead)",
                api.post("/v1/bookings/" + text(eleven, "id") + "/cancel", student, "{\"reason\":\"demo\"}"), 200);
        check("cancelled, nothing charged, payment RELEASED",
                "CANCELLED".equals(text(cancelled, "status"))
                        && cancelled.json().path("cancellation").path("chargePercent").asInt(-1) == 0
                        && "RELEASED".equals(cancelled.json().path("payment").path("status").asText()),
                cancelled.json().path("payment").toString());

        out.println("4. Check the invariants");
        Response week = expect("week read", api.get(weekPath, student), 200);
        check("the week is still exactly Monday 09:00-12:00 (bookings neither subtracted nor given back)",
                days(week).equals(mondayNineToNoon(monday)), days(week));
        Response stats = expect("stats read", api.get("/v1/instructors/" + instructorId + "/booking-stats", instructor), 200);
        JsonNode figures = stats.json();
        check("stats: totalBookings 2, cancelledBookings 1, completedBookings 0",
                figures.path("totalBookings").asInt() == 2 && figures.path("cancelledBookings").asInt() == 1
                        && figures.path("completedBookings").asInt() == 0,
                figures.toString());
        Response third = expect("a third booking at Monday 09:30 (60 min, online)",
                api.post("/v1/bookings", otherStudent, booking(instructorId, monday, "09:30")), 409);
        check("409 BOOKING_CONFLICT: \"Instructor already has a booking that overlaps this time\"",
                "BOOKING_CONFLICT".equals(text(third, "code"))
                        && "Instructor already has a booking that overlaps this time".equals(text(third, "detail")),
                third.body());
        Response nineAfter = api.get("/v1/bookings/" + text(nine, "id"), student);
        check("the 09:00 booking is CONFIRMED and unchanged",
                "CONFIRMED".equals(text(nineAfter, "status")) && nineAfter.json().equals(nineBefore.json()),
                text(nineAfter, "status"));

        out.println("5. Reschedule (issue 16)");
        Response moved = expect("student moves the 09:00 lesson to 11:00",
                api.post("/v1/bookings/" + text(nine, "id") + "/reschedule", student,
                        "{\"date\":\"%s\",\"start\":\"11:00\"}".formatted(monday)), 200);
        check("same booking at 11:00-12:00, rescheduledFrom 09:00, rescheduleCount 1",
                text(moved, "id").equals(text(nine, "id")) && "11:00".equals(text(moved, "start"))
                        && "12:00".equals(text(moved, "end"))
                        && "09:00".equals(moved.json().path("rescheduledFrom").path("start").asText())
                        && moved.json().path("rescheduleCount").asInt() == 1,
                moved.body());
        expect("another student books the freed 09:00 at once",
                api.post("/v1/bookings", otherStudent, booking(instructorId, monday, "09:00")), 201);
        Response statsAfter = expect("stats read", api.get("/v1/instructors/" + instructorId + "/booking-stats", instructor), 200);
        check("stats: totalBookings 3 (the moved lesson counts once), cancelledBookings 1",
                statsAfter.json().path("totalBookings").asInt() == 3 && statsAfter.json().path("cancelledBookings").asInt() == 1,
                statsAfter.json().toString());

        threeDSecure(run, monday, student);

        out.println(failures == 0 ? "Every invariant held." : failures + " check(s) failed.");
        return failures == 0;
    }

    /**
     * A card asking for 3-D Secure (issue 14): 202 with the booking PENDING and the client secret,
     * the slot held; the student's browser authenticates (the runtime's stand-in for Stripe.js),
     * then confirm-payment confirms it as Stripe says.
     */
    private void threeDSecure(String run, LocalDate monday, String student) {
        out.println("6. Book with a card that asks for 3-D Secure (issue 14)");
        String instructorId = "demo-3ds-instructor-" + run;
        String instructor = api.token(instructorId, "instructor");
        expect("second instructor's profile saved", api.put("/v1/instructors/" + instructorId + "/profile", instructor, """
                {"timezone":"%s","services":[{"id":"guitar","name":"Guitar","durationOptions":[60],
                 "rates":{"online":6000},"active":true}]}""".formatted(TIMEZONE)), 200);
        expect("their week saved: Monday 09:00-12:00", api.put("/v1/instructors/" + instructorId + "/availability/weeks/" + monday,
                instructor, "{\"windows\":[{\"date\":\"%s\",\"start\":\"09:00\",\"end\":\"12:00\"}]}".formatted(monday)), 200);
        Response pending = expect("book Monday 10:00 with pm_card_authenticationRequired",
                api.post("/v1/bookings", student, booking(instructorId, monday, "10:00")
                        .replace("pm_card_visa", "pm_card_authenticationRequired")), 202);
        String clientSecret = pending.json().path("payment").path("clientSecret").asText();
        check("PENDING, payment REQUIRES_ACTION, a client secret and holdExpiresAt",
                "PENDING".equals(text(pending, "status"))
                        && "REQUIRES_ACTION".equals(pending.json().path("payment").path("status").asText())
                        && !clientSecret.isEmpty() && pending.json().hasNonNull("holdExpiresAt"),
                pending.json().path("payment").path("status").asText());
        expect("the student's browser completes 3-D Secure (POST /_local/stripe/authenticate)",
                api.post("/_local/stripe/authenticate", null,
                        "{\"clientSecret\":\"%s\",\"success\":true}".formatted(clientSecret)), 200);
        Response confirmed = expect("confirm-payment", api.post("/v1/bookings/" + text(pending, "id") + "/confirm-payment",
                student, null), 200);
        check("CONFIRMED, the card saved for the authorization 24 h ahead (SCHEDULED)",
                "CONFIRMED".equals(text(confirmed, "status"))
                        && "SCHEDULED".equals(confirmed.json().path("payment").path("status").asText()),
                confirmed.body());
    }

    private static String booking(String instructorId, LocalDate date, String start) {
        return """
                {"instructorId":"%s","serviceId":"guitar","date":"%s","start":"%s","durationMinutes":60,
                 "locationType":"online","paymentMethodId":"pm_card_visa"}""".formatted(instructorId, date, start);
    }

    private static String mondayNineToNoon(LocalDate monday) {
        return "{\"" + monday + "\":[{\"start\":\"09:00\",\"end\":\"12:00\"}]}";
    }

    private static String days(Response week) {
        return week.json().path("days").toString();
    }

    private static String text(Response response, String field) {
        return response.json().path(field).asText();
    }

    private Response expect(String step, Response response, int status) {
        check(step + " -> " + status, response.status() == status, response.status() + " " + response.body());
        return response;
    }

    private void check(String what, boolean held, String evidence) {
        if (held) {
            out.println("   ok    " + what);
        } else {
            failures++;
            out.println("   FAIL  " + what + "\n         got: " + evidence);
        }
    }
}
