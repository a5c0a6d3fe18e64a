package dev.lessonbook.functions.feed;

import static dev.lessonbook.fixtures.Bookings.aHold;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Role;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingEvents;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.BookingStore;
import dev.lessonbook.booking.Cancellation;
import dev.lessonbook.booking.RescheduledFrom;
import dev.lessonbook.calendar.Occupancy;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.TestTable;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.feed.DynamoCalendarTokens;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.dynamodb.view.DynamoViewCache;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.feed.IssuingACalendarToken;
import dev.lessonbook.access.Caller;
import dev.lessonbook.money.Money;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import dev.lessonbook.view.ReadingACalendarFeed;
import dev.lessonbook.view.ViewKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The calendar feed is read from its shared view (issue 18): the use case over the real DynamoDB
 * adapters on moto, every request counted on the wire by an SDK interceptor ({@link TestTable#counting}).
 * A second read is served from the view; each change of a lesson written with its event (as every
 * booking function writes it) deletes the view in the same transaction, and the next read shows it.
 */
@ExtendWith(LocalServersExtension.class)
class CalendarFeedViewIT {
    private static final String INSTRUCTOR = "inst_view";
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(2)).plus(Duration.ofHours(9));

    private final List<String> operations = Collections.synchronizedList(new ArrayList<>());
    private Tables tables;
    private BookingStore bookings;
    private ReadingACalendarFeed reading;
    private String token;

    @BeforeEach
    void anInstructorWithAFeed(LocalServers.Endpoints endpoints) {
        tables = TestTable.counting(endpoints, operations);
        DynamoProfileStore profiles = new DynamoProfileStore(tables);
        profiles.save(new InstructorProfile(INSTRUCTOR, ZoneOffset.UTC, Map.of(), List.of(
                new LessonService("guitar", "Guitar", List.of(60), Map.of(LocationType.ONLINE, 6000L), "usd", true))));
        bookings = new DynamoBookingStore(tables);
        DynamoCalendarTokens tokens = new DynamoCalendarTokens(tables);
        Result<IssuingACalendarToken.Issued> issued = new IssuingACalendarToken(profiles, tokens, Clock.systemUTC())
                .issue(new Caller(INSTRUCTOR, Role.INSTRUCTOR), INSTRUCTOR);
        token = ((Result.Ok<IssuingACalendarToken.Issued>) issued).value().token();
        reading = new ReadingACalendarFeed(profiles, bookings, tokens, new DynamoViewCache(tables), Clock.systemUTC());
    }

    @Test
    void aSecondReadIsServedFromTheViewWithoutQueryingTheBookings() {
        Booking lesson = confirmedLesson("bk_view_1", START);
        operations.clear();

        String first = feed();
        assertThat(operations).as("a miss: the bookings are queried and the view filled").contains("Query");
        assertThat(viewItem()).as("the view is stored").isNotNull();
        operations.clear();

        String second = feed();

        assertThat(operations).as("token, profile, view: read by key").containsExactly("GetItem", "GetItem", "GetItem");
        assertThat(second).contains("UID:bk_view_1@lessonbook\r\n");
        assertThat(withoutStamps(second)).as("the same events as the first read").isEqualTo(withoutStamps(first));
        // What the view holds, not the bookings, is what a hit shows: a write that announces nothing is not seen.
        bookings.releaseTo(cancelledBy(lesson, Role.ADMIN), BookingStatus.CONFIRMED, List.of());
        assertThat(feed()).contains("STATUS:CONFIRMED\r\n").doesNotContain("STATUS:CANCELLED");
    }

    @Test
    void theFeedShowsAConfirmationAMoveAndACancellationOnceEachWriteInvalidatedTheView() {
        feed();
        assertThat(viewItem()).as("warm before the first lesson").isNotNull();

        Booking lesson = confirmedLesson("bk_view_2", START);
        assertThat(viewItem()).as("deleted by the confirming transaction").isNull();
        awaitFeed("the confirmed lesson", text -> text.contains("UID:bk_view_2@lessonbook\r\n") && text.contains("SEQUENCE:0\r\n"));

        Booking moved = movedBy(lesson, Duration.ofHours(3));
        Instant now = Instant.now();
        assertThat(bookings.reschedule(lesson, moved, now, OptionalInt.empty(),
                List.of(BookingEvents.rescheduled(lesson, moved, Role.INSTRUCTOR, now))))
                .isInstanceOf(BookingStore.RescheduleOutcome.Moved.class);
        awaitFeed("the move, with a higher SEQUENCE", text -> text.contains("DTSTART:" + utc(moved.startsAt()) + "\r\n")
                && text.contains("SEQUENCE:1\r\n"));

        Booking cancelled = cancelledBy(moved, Role.STUDENT);
        assertThat(bookings.releaseTo(cancelled, BookingStatus.CONFIRMED,
                List.of(BookingEvents.cancelled(cancelled, Instant.now())))).isTrue();
        awaitFeed("the cancellation", text -> text.contains("STATUS:CANCELLED\r\n") && text.contains("SEQUENCE:2\r\n"));
    }

    private Booking confirmedLesson(String id, Instant startsAt) {
        Booking hold = aHold(Instant.now().plusSeconds(600)).id(id).instructor(INSTRUCTOR).student("stud_" + id)
                .zone(ZoneOffset.UTC).startingAt(startsAt).createdAt(Instant.now()).build();
        bookings.reserve(hold, Instant.now());
        Booking confirmed = hold.confirmed(Instant.now(), hold.payment());
        return bookings.confirm(confirmed, List.of(BookingEvents.confirmed(confirmed, Instant.now())));
    }

    private static Booking cancelledBy(Booking lesson, Role by) {
        return lesson.cancelled(new Cancellation(by, Instant.now(), "ill", 0, Money.zero("usd")), lesson.payment());
    }

    private static Booking movedBy(Booking booking, Duration later) {
        Occupancy before = booking.occupancy();
        Instant startsAt = booking.startsAt().plus(later);
        Instant endsAt = booking.endsAt().plus(later);
        int startMinute = booking.startMinute() + (int) later.toMinutes();
        return booking.toBuilder()
                .startMinute(startMinute)
                .endMinute(startMinute + booking.durationMinutes())
                .startsAt(startsAt)
                .endsAt(endsAt)
                .occupancy(new Occupancy(before.instructorFrom().plus(later), before.instructorUntil().plus(later), startsAt, endsAt))
                .rescheduled(booking.rescheduled().next(RescheduledFrom.of(booking), false, null, null))
                .build();
    }

    private String feed() {
        Result<String> read = reading.read(INSTRUCTOR, Optional.of(token));
        assertThat(read).isInstanceOf(Result.Ok.class);
        return ((Result.Ok<String>) read).value();
    }

    /** Polls the feed until it shows {@code what}, or fails at the deadline with the last text. */
    private void awaitFeed(String what, Predicate<String> shows) {
        Instant deadline = Instant.now().plus(DEADLINE);
        String last = feed();
        while (!shows.test(last) && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
            last = feed();
        }
        assertThat(shows).as("the feed shows %s within %s; last read:%n%s", what, DEADLINE, last).accepts(last);
    }

    private Map<String, ?> viewItem() {
        Map<String, ?> item = tables.client().getItem(get -> get.tableName(tables.tableName())
                .key(Keys.view(new ViewKey.Feed(INSTRUCTOR))).consistentRead(true)).item();
        return item == null || item.isEmpty() || !item.containsKey("view") ? null : item;
    }

    /** DTSTAMP is when the text was generated, so it differs between two reads of the same events. */
    private static String withoutStamps(String feed) {
        return feed.replaceAll("DTSTAMP:\\w+\r\n", "");
    }

    private static String utc(Instant instant) {
        return instant.toString().replace("-", "").replace(":", "").replace(".000", "");
    }
}
