package dev.lessonbook.functions.view;

import static dev.lessonbook.fixtures.Bookings.aHold;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Role;
import dev.lessonbook.availability.AvailabilityStore.VersionedWeek;
import dev.lessonbook.availability.DaySlots;
import dev.lessonbook.availability.WeekAvailability;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.PrimingCheck;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.availability.DynamoAvailabilityStore;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.calendar.DynamoCalendarDays;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.dynamodb.view.DynamoViewCache;
import dev.lessonbook.feed.FeedEvent;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.fixtures.MovableClock;
import dev.lessonbook.messaging.Lessons;
import dev.lessonbook.messaging.TestQueues;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LocationType;
import dev.lessonbook.stats.BookingStats;
import dev.lessonbook.view.FreshView;
import dev.lessonbook.view.ReadingStats;
import dev.lessonbook.view.ReadingWeekAvailability;
import dev.lessonbook.view.ViewKey;
import dev.lessonbook.view.ViewSources;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The invalidation queue's consumer through the real handler on moto: from the sample event, and
 * from each write that invalidates a view (saved week, completed lesson) to the view it re-warms.
 */
@ExtendWith(LocalServersExtension.class)
class CacheWorkerHandlerIT {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** The week of events/sqs/invalidation-batch.json. */
    private static final LocalDate SAMPLE_WEEK = LocalDate.parse("2026-12-07");

    private static Tables tables;
    private static TestQueues queues;
    private static CacheWorkerHandler handler;

    private final MovableClock clock = new MovableClock(Instant.now());
    private DynamoViewCache cache;
    private ViewSources sources;
    private Lessons lessons;
    private String instructor;

    @BeforeAll
    static void handlerOnTheEmulators(LocalServers.Endpoints endpoints) {
        tables = FunctionEnvironment.prepare(endpoints);
        queues = TestQueues.create(endpoints);
        sampleInstructorWithOneLesson();
        handler = new CacheWorkerHandler();
    }

    @BeforeEach
    void freshInstructor() {
        cache = new DynamoViewCache(tables);
        sources = new ViewSources(new DynamoAvailabilityStore(tables), new DynamoBookingStore(tables), Clock.systemUTC());
        lessons = new Lessons(queues.publishing(tables), clock);
        instructor = "ins_" + UUID.randomUUID().toString().substring(0, 8);
        lessons.instructor(instructor, BERLIN);
    }

    @Test
    void theSampleBatchReWarmsEveryViewItsEventsInvalidated() {
        InstructorProfile profile = new DynamoProfileStore(tables).find("inst_42").orElseThrow();

        SQSBatchResponse response = handler.handleRequest(sample("invalidation-batch.json"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(stored(new ViewKey.WeekMap("inst_42", SAMPLE_WEEK))).contains(sources.weekMap("inst_42", SAMPLE_WEEK).value());
        WeekAvailability bookable = stored(new ViewKey.Bookable("inst_42", SAMPLE_WEEK)).orElseThrow();
        assertThat(bookable).isEqualTo(sources.bookable(profile, SAMPLE_WEEK).value());
        assertThat(bookable.days()).as("the 10:00 lesson and its 15 minutes after are taken")
                .containsEntry(SAMPLE_WEEK, DaySlots.empty().open(9 * 60, 10 * 60).open(11 * 60 + 15, 12 * 60));
        BookingStats stats = stored(new ViewKey.Stats("inst_42")).orElseThrow();
        assertThat(stats).isEqualTo(sources.stats(profile).value());
        assertThat(stats.totalBookings()).isEqualTo(1);
    }

    @Test
    void aSavedWeekIsReadBackAtOnceAndItsWeekViewIsReWarmedByTheWorker() {
        LocalDate week = nextWeek();
        lessons.openWeek(instructor, week, 9 * 60, 12 * 60);
        queues.takeInvalidations(1);
        ReadingWeekAvailability reading = new ReadingWeekAvailability(new DynamoProfileStore(tables),
                new DynamoAvailabilityStore(tables), new DynamoBookingStore(tables), new DynamoCalendarDays(tables), cache, clock);
        Caller anyone = new Caller("stu_1", Role.STUDENT);
        VersionedWeek first = Lessons.valueOf(reading.read(anyone, instructor, week)).versioned();
        assertThat(stored(new ViewKey.WeekMap(instructor, week))).as("warm").contains(first);

        VersionedWeek saved = lessons.openWeek(instructor, week, 14 * 60, 18 * 60).versioned();

        assertThat(Lessons.valueOf(reading.read(anyone, instructor, week)).versioned())
                .as("the read right after the save, before any worker").isEqualTo(saved).isNotEqualTo(first);
        deleteView(new ViewKey.WeekMap(instructor, week));
        assertThat(handler.handleRequest(queues.takeInvalidations(1), null).getBatchItemFailures()).isEmpty();
        assertThat(stored(new ViewKey.WeekMap(instructor, week))).as("re-warmed by the worker").contains(saved);
        assertThat(stored(new ViewKey.Bookable(instructor, week)).orElseThrow().days())
                .isEqualTo(saved.week().days());
    }

    @Test
    void aCompletedLessonReWarmsTheStatsView() {
        LocalDate day = LocalDate.now(BERLIN).plusDays(3);
        lessons.openWeek(instructor, weekOf(day), 9 * 60, 12 * 60);
        Booking booked = lessons.book("stu_" + instructor, instructor, day, 10 * 60);
        clock.set(booked.endsAt().plusSeconds(60));

        lessons.complete(new Caller(instructor, Role.INSTRUCTOR), booked.id());

        SQSEvent events = queues.takeInvalidations(3);
        assertThat(events.getRecords()).extracting(message -> message.getBody().replaceAll(".*\"type\":\"(\\w+)\".*", "$1"))
                .containsExactlyInAnyOrder("AvailabilityWeekSaved", "BookingConfirmed", "BookingCompleted");
        assertThat(handler.handleRequest(events, null).getBatchItemFailures()).isEmpty();
        BookingStats stats = stored(new ViewKey.Stats(instructor)).orElseThrow();
        assertThat(stats.completedBookings()).isEqualTo(1);
        assertThat(stats.totalEarnings()).isEqualTo(new Money(6000, "usd"));
        assertThat(stats).isEqualTo(sources.stats(profile()).value());
        List<FeedEvent> feed = stored(new ViewKey.Feed(instructor)).orElseThrow();
        assertThat(feed).as("the calendar feed's view, re-warmed too").isEqualTo(sources.feed(profile()).value());
        assertThat(feed).singleElement().satisfies(event -> assertThat(event.uid()).isEqualTo(booked.id() + "@lessonbook"));
    }

    @Test
    void aStaleViewWrittenByARacingReaderIsHealedByTheWorker() {
        LocalDate day = LocalDate.now(BERLIN).plusDays(3);
        lessons.openWeek(instructor, weekOf(day), 9 * 60, 12 * 60);
        queues.takeInvalidations(1);
        // Computed before the booking, stored after it: a reader whose index query lagged the write.
        FreshView<BookingStats> staleStats = sources.stats(profile());
        FreshView<WeekAvailability> staleBookable = sources.bookable(profile(), weekOf(day));

        lessons.book("stu_" + instructor, instructor, day, 10 * 60);
        store(new ViewKey.Stats(instructor), staleStats);
        store(new ViewKey.Bookable(instructor, weekOf(day)), staleBookable);
        assertThat(stored(new ViewKey.Stats(instructor))).contains(staleStats.value());

        assertThat(handler.handleRequest(queues.takeInvalidations(1), null).getBatchItemFailures()).isEmpty();

        assertThat(stored(new ViewKey.Stats(instructor)).orElseThrow().totalBookings()).isEqualTo(1);
        assertThat(stored(new ViewKey.Bookable(instructor, weekOf(day))).orElseThrow())
                .isEqualTo(sources.bookable(profile(), weekOf(day)).value())
                .isNotEqualTo(staleBookable.value());
    }

    @Test
    void statsRightAfterACancelShowItWithoutWaitingForTheWorker() {
        LocalDate day = LocalDate.now(BERLIN).plusDays(3);
        lessons.openWeek(instructor, weekOf(day), 9 * 60, 12 * 60);
        Booking booked = lessons.book("stu_" + instructor, instructor, day, 10 * 60);
        ReadingStats reading = new ReadingStats(new DynamoProfileStore(tables), new DynamoBookingStore(tables), cache, clock);
        Caller owner = new Caller(instructor, Role.INSTRUCTOR);
        BookingStats before = Lessons.valueOf(reading.read(owner, instructor));
        assertThat(stored(new ViewKey.Stats(instructor))).as("warm").contains(before);

        lessons.cancel(new Caller(booked.studentId(), Role.STUDENT), booked.id());

        BookingStats after = Lessons.valueOf(reading.read(owner, instructor));
        assertThat(after.cancelledBookings()).isEqualTo(before.cancelledBookings() + 1);
        assertThat(after.upcomingBookings()).isEqualTo(before.upcomingBookings() - 1);
        queues.takeInvalidations(3);
    }

    private static void sampleInstructorWithOneLesson() {
        new DynamoProfileStore(tables).save(new InstructorProfile("inst_42", BERLIN, Map.of(), List.of(
                new dev.lessonbook.profile.LessonService("guitar", "Guitar", List.of(60), Map.of(LocationType.ONLINE, 6000L),
                        "usd", true))));
        new DynamoAvailabilityStore(tables).saveWeek(VersionedWeek.of(new WeekAvailability("inst_42", SAMPLE_WEEK,
                Map.of(SAMPLE_WEEK, DaySlots.empty().open(9 * 60, 12 * 60)))), Optional.empty(), List.of());
        Booking pending = aHold(Instant.now().plusSeconds(600)).id("bk_3f9c2a7e5b1d4c6a").instructor("inst_42")
                .student("stud_7").zone(BERLIN).at(SAMPLE_WEEK.atTime(10, 0)).createdAt(Instant.now()).build();
        DynamoBookingStore bookings = new DynamoBookingStore(tables);
        bookings.reserve(pending, Instant.now());
        bookings.confirm(pending.confirmed(Instant.now(), Payment.notRequired("usd")), List.of());
    }

    private InstructorProfile profile() {
        return new DynamoProfileStore(tables).find(instructor).orElseThrow();
    }

    private <V> Optional<V> stored(ViewKey<V> key) {
        return cache.find(key, BERLIN, Instant.now());
    }

    private <V> void store(ViewKey<V> key, FreshView<V> view) {
        String token = cache.beginFill(key, Instant.now()).orElseThrow();
        assertThat(cache.completeFill(key, token, view, BERLIN, Instant.now())).isTrue();
    }

    private void deleteView(ViewKey<?> key) {
        tables.client().deleteItem(delete -> delete.tableName(tables.tableName()).key(dev.lessonbook.dynamodb.Keys.view(key)));
    }

    private static LocalDate nextWeek() {
        return LocalDate.now(BERLIN).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    }

    private static LocalDate weekOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static SQSEvent sample(String name) {
        String root = System.getProperty("lessonbook.root", "../..");
        return EventLoader.loadSQSEvent(Path.of(root, "events", "sqs", name).toString());
    }

    @Test
    void primingBeforeTheSnapshotWritesNothing(LocalServers.Endpoints endpoints) {
        PrimingCheck.writesNothing(CacheWorkerHandler.PRIMING, endpoints);
    }
}
