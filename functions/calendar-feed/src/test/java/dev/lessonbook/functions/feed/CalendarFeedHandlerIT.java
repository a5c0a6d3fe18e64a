package dev.lessonbook.functions.feed;

import static dev.lessonbook.fixtures.Bookings.aHold;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lessonbook.access.Role;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingEvents;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.Cancellation;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.PrimingCheck;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.ProjectRoot;
import dev.lessonbook.emulators.PythonTools;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.http.TestEvents;
import dev.lessonbook.money.Money;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The calendar feed through the real handler on moto: the token's life, then what the feed shows —
 * read as a calendar app reads it too, by Python's {@code icalendar} (RFC 5545) from the project
 * venv, not by our own code.
 */
@ExtendWith(LocalServersExtension.class)
class CalendarFeedHandlerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant LESSON_START = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(34));

    /** A service name that needs escaping (comma, semicolon) and makes the SUMMARY line fold. */
    private static final String SERVICE = "Guitar, electric; for beginners — a long name that makes the summary line fold";

    private static Tables tables;
    private static Path python;
    private static DynamoBookingStore bookings;
    private static CalendarFeedHandler handler;

    @BeforeAll
    static void anInstructorWithLessons(LocalServers.Endpoints endpoints) {
        tables = FunctionEnvironment.prepare(endpoints);
        new DynamoProfileStore(tables).save(new InstructorProfile("inst_42", ZoneOffset.UTC, Map.of(), List.of(
                new LessonService("guitar", "Guitar, electric", List.of(60), Map.of(LocationType.ONLINE, 6000L), "usd", true))));
        new DynamoProfileStore(tables).save(new InstructorProfile("inst_ics", ZoneId.of("Europe/Berlin"), Map.of(), List.of(
                new LessonService("guitar", SERVICE, List.of(60), Map.of(LocationType.ONLINE, 6000L), "usd", true))));
        bookings = new DynamoBookingStore(tables);
        handler = new CalendarFeedHandler();
        python = PythonTools.ensureVenv(ProjectRoot.find()).resolve("bin/python");
    }

    private static String issueToken(String instructorId) throws Exception {
        APIGatewayV2HTTPResponse issued = handler.handleRequest(TestEvents.fromSample("issue-calendar-token.json")
                .pathParam("instructorId", instructorId).as(instructorId, "instructor").event(), null);
        assertThat(issued.getStatusCode()).isEqualTo(200);
        return JSON.readTree(issued.getBody()).path("token").asText();
    }

    private static APIGatewayV2HTTPResponse feed(String instructorId, String token) {
        TestEvents.Builder request = TestEvents.fromSample("calendar-feed.json").pathParam("instructorId", instructorId);
        return handler.handleRequest((token == null ? request.withoutQuery("token") : request.query("token", token)).event(), null);
    }

    private static Booking confirmedLesson(String id, Instant startsAt) {
        Booking hold = aHold(Instant.now().plusSeconds(600)).id(id).instructor("inst_42").student("stud_" + id)
                .zone(ZoneOffset.UTC).startingAt(startsAt).createdAt(Instant.now()).build();
        bookings.reserve(hold, Instant.now());
        return confirm(hold);
    }

    /** Confirms a hold as the booking functions do: the event in the same transaction, which deletes the views it makes stale. */
    private static Booking confirm(Booking hold) {
        Booking confirmed = hold.confirmed(Instant.now(), hold.payment());
        return bookings.confirm(confirmed, List.of(BookingEvents.confirmed(confirmed, Instant.now())));
    }

    private static boolean cancel(Booking lesson, Role by) {
        Booking cancelled = lesson.cancelled(new Cancellation(by, Instant.now(), "ill", 0, Money.zero("usd")), lesson.payment());
        return bookings.releaseTo(cancelled, BookingStatus.CONFIRMED, List.of(BookingEvents.cancelled(cancelled, Instant.now())));
    }

    @Test
    void theInstructorGetsATokenAndTheUrlOfTheFeed() throws Exception {
        APIGatewayV2HTTPResponse issued = handler.handleRequest(TestEvents.sample("issue-calendar-token.json"), null);

        assertThat(issued.getStatusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(issued.getBody());
        assertThat(body.path("token").asText()).matches("cal_[0-9a-f]{64}");
        assertThat(body.path("feedUrl").asText())
                .isEqualTo("/v1/instructors/inst_42/calendar.ics?token=" + body.path("token").asText());
    }

    @Test
    void onlyTheHashOfTheTokenIsStored() throws Exception {
        String token = issueToken("inst_42");

        Map<String, ?> item = tables.client().getItem(get -> get.tableName(tables.tableName())
                .key(Keys.calendarToken("inst_42")).consistentRead(true)).item();
        assertThat(item.toString()).doesNotContain(token).doesNotContain(token.substring(4));
        assertThat(item).containsKey("tokenHash");
    }

    @Test
    void anotherInstructorMayNotIssueTheToken() {
        APIGatewayV2HTTPResponse refused = handler.handleRequest(TestEvents.fromSample("issue-calendar-token.json")
                .as("inst_99", "instructor").event(), null);

        assertThat(refused.getStatusCode()).isEqualTo(403);
    }

    @Test
    void aMissingWrongOrRotatedTokenFindsNoFeed() throws Exception {
        String first = issueToken("inst_42");
        String second = issueToken("inst_42");

        assertThat(feed("inst_42", second).getStatusCode()).isEqualTo(200);
        for (APIGatewayV2HTTPResponse refused : List.of(feed("inst_42", first), feed("inst_42", null),
                feed("inst_42", "cal_" + "0".repeat(64)), feed("inst_77", second))) {
            assertThat(refused.getStatusCode()).isEqualTo(404);
            assertThat(refused.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        }
    }

    @Test
    void theFeedShowsALessonAndThenItsCancellationWithAHigherSequence() throws Exception {
        String token = issueToken("inst_42");
        Booking lesson = confirmedLesson("bk_feed_one", LESSON_START);

        APIGatewayV2HTTPResponse before = feed("inst_42", token);
        assertThat(before.getStatusCode()).isEqualTo(200);
        assertThat(before.getHeaders().get("Content-Type")).startsWith("text/calendar");
        String booked = before.getBody();
        assertThat(booked).contains("UID:bk_feed_one@lessonbook\r\n", "SEQUENCE:0\r\n", "STATUS:CONFIRMED\r\n",
                "DTSTART:" + utc(LESSON_START) + "\r\n", "SUMMARY:Guitar with student stud_bk_feed_one\r\n");

        assertThat(cancel(lesson, Role.INSTRUCTOR)).isTrue();

        String after = feed("inst_42", token).getBody();
        assertThat(after).contains("UID:bk_feed_one@lessonbook\r\n", "SEQUENCE:1\r\n", "STATUS:CANCELLED\r\n");
    }

    @Test
    void lessonsOutsideThirtyDaysBackToTheHorizonAreLeftOut() throws Exception {
        String token = issueToken("inst_42");
        confirmedLesson("bk_feed_old", hoursFromNow(-31 * 24));
        confirmedLesson("bk_feed_recent", hoursFromNow(-29 * 24));
        confirmedLesson("bk_feed_far", hoursFromNow(200 * 24));

        String feed = feed("inst_42", token).getBody();

        assertThat(feed).contains("bk_feed_recent").doesNotContain("bk_feed_old").doesNotContain("bk_feed_far");
    }

    @Test
    void primingBeforeTheSnapshotWritesNothing(LocalServers.Endpoints endpoints) {
        PrimingCheck.writesNothing(CalendarFeedHandler.PRIMING, endpoints);
    }

    private static Instant hoursFromNow(int hours) {
        return Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(hours));
    }

    private static String utc(Instant instant) {
        return instant.toString().replace("-", "").replace(":", "").replace(".000", "");
    }

    @Test
    void aParserSeesTheLessonThenItsCancellationUnderTheSameUidWithAHigherSequence() throws Exception {
        APIGatewayV2HTTPResponse issued = handler.handleRequest(TestEvents.fromSample("issue-calendar-token.json")
                .pathParam("instructorId", "inst_ics").as("inst_ics", "instructor").event(), null);
        assertThat(issued.getStatusCode()).as(issued.getBody()).isEqualTo(200);
        String token = JSON.readTree(issued.getBody()).path("token").asText();
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(3)).plus(Duration.ofHours(9));
        Booking hold = aHold(Instant.now().plusSeconds(600)).id("bk_ics_1").instructor("inst_ics").student("stud_ics")
                .zone(ZoneId.of("Europe/Berlin")).startingAt(start).createdAt(Instant.now()).build();
        hold = hold.toBuilder().serviceName(SERVICE).note("call me on +49 170 0000000").build();
        bookings.reserve(hold, Instant.now());
        Booking lesson = confirm(hold);

        JsonNode booked = parse(berlinFeed(token));
        assertThat(booked.path("version").asText()).isEqualTo("2.0");
        JsonNode event = booked.path("events").get(0);
        assertThat(event.path("uid").asText()).isEqualTo("bk_ics_1@lessonbook");
        assertThat(event.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(event.path("summary").asText()).isEqualTo(SERVICE + " with student stud_ics");
        assertThat(event.path("utc").asBoolean()).isTrue();
        assertThat(Instant.parse(event.path("start").asText().replace("+00:00", "Z"))).isEqualTo(start);
        int bookedSequence = event.path("sequence").asInt();

        assertThat(cancel(lesson, Role.STUDENT)).isTrue();

        String cancelledText = berlinFeed(token);
        JsonNode cancelled = parse(cancelledText).path("events").get(0);
        assertThat(cancelled.path("uid").asText()).isEqualTo("bk_ics_1@lessonbook");
        assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("sequence").asInt()).isGreaterThan(bookedSequence);
        assertThat(cancelledText).doesNotContain("+49 170").doesNotContain("call me");
    }

    private static String berlinFeed(String token) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TestEvents.fromSample("calendar-feed.json")
                .pathParam("instructorId", "inst_ics").query("token", token).event(), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return response.getBody();
    }

    private static JsonNode parse(String feed) throws Exception {
        Path script = ProjectRoot.find().resolve("functions/calendar-feed/src/test/resources/read_feed.py");
        Process reader = new ProcessBuilder(python.toString(), script.toString()).redirectErrorStream(true).start();
        try (var stdin = reader.getOutputStream()) {
            stdin.write(feed.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(reader.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(reader.exitValue()).as("icalendar read the feed: %s", output).isZero();
        return JSON.readTree(output);
    }
}
