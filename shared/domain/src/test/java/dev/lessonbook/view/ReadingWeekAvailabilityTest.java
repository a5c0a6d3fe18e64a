package dev.lessonbook.view;

import static dev.lessonbook.fixtures.Bookings.aBooking;
import static dev.lessonbook.fixtures.Results.rejectionOf;
import static dev.lessonbook.fixtures.Results.valueOf;
import static dev.lessonbook.fixtures.Weeks.MONDAY;
import static dev.lessonbook.fixtures.Weeks.week;
import static dev.lessonbook.fixtures.Weeks.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Role;
import dev.lessonbook.availability.WeekVersion;
import dev.lessonbook.availability.WeekView;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.fixtures.InMemoryAvailabilityStore;
import dev.lessonbook.fixtures.InMemoryBookingStore;
import dev.lessonbook.fixtures.InMemoryProfileStore;
import dev.lessonbook.fixtures.Profiles;
import dev.lessonbook.fixtures.Weeks;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LocationType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadingWeekAvailabilityTest {
    private static final Instant NOW = Instant.parse("2026-12-01T17:00:00Z");
    private static final Caller ANY_STUDENT = new Caller("stu-9", Role.STUDENT);
    private static final LocalDate WEEK = LocalDate.parse(MONDAY);

    private final InMemoryAvailabilityStore weeks = new InMemoryAvailabilityStore();
    private final InMemoryBookingStore bookings = new InMemoryBookingStore();
    private final ReadingWeekAvailability reading = new ReadingWeekAvailability(
            new InMemoryProfileStore().with(Profiles.aProfile().build()), weeks, bookings, bookings, Clock.fixed(NOW, ZoneOffset.UTC));

    private static List<TimeWindow> windows(String... startEndPairs) {
        return java.util.stream.IntStream.range(0, startEndPairs.length / 2)
                .mapToObj(i -> new TimeWindow(Weeks.minutes(startEndPairs[2 * i]), Weeks.minutes(startEndPairs[2 * i + 1])))
                .toList();
    }

    @Test
    void aWeekNeverSavedReadsAsEmptyWithTheEmptyVersion() {
        WeekView view = valueOf(reading.read(ANY_STUDENT, Profiles.INSTRUCTOR, WEEK));

        assertThat(view.days()).isEmpty();
        assertThat(view.version()).isEqualTo(WeekVersion.EMPTY);
        assertThat(view.instructorId()).isEqualTo(Profiles.INSTRUCTOR);
        assertThat(view.weekStart()).isEqualTo(WEEK);
    }

    @Test
    void anInstructorWithoutProfileIsNotFound() {
        assertThat(rejectionOf(reading.read(ANY_STUDENT, "nobody", WEEK)).code()).isEqualTo(ProblemCode.NOT_FOUND);
    }

    @Test
    void aWeekAddressedByAnotherDayThanMondayIsRejected() {
        assertThat(rejectionOf(reading.read(ANY_STUDENT, Profiles.INSTRUCTOR, WEEK.plusDays(1))).code())
                .isEqualTo(ProblemCode.INVALID_WEEK_START);
    }

    @Test
    void theStoredWeekIgnoresBookings() {
        weeks.with(week(MONDAY, window(MONDAY, "09:00", "12:00")));
        bookings.with(aBooking().at("2026-12-07T09:00").build());

        assertThat(valueOf(reading.read(ANY_STUDENT, Profiles.INSTRUCTOR, WEEK)).days())
                .containsEntry(MONDAY, windows("09:00", "12:00"));
    }

    @Test
    void theBookableViewSubtractsABookingAndItsBuffers() {
        weeks.with(week(MONDAY, window(MONDAY, "09:00", "12:00")));
        bookings.with(aBooking().at("2026-12-07T10:30").minutes(30).buffer(30, 30).build());

        WeekView view = valueOf(reading.readBookable(ANY_STUDENT, Profiles.INSTRUCTOR, WEEK));

        assertThat(view.days()).containsEntry(MONDAY, windows("09:00", "10:00", "11:30", "12:00"));
        assertThat(view.version()).isEqualTo(WeekVersion.of(view.versioned().week()));
    }

    @Test
    void bookingsThatNoLongerOccupyTimeAreNotSubtracted() {
        weeks.with(week(MONDAY, window(MONDAY, "09:00", "12:00")));
        bookings.with(aBooking().at("2026-12-07T09:00").status(BookingStatus.CANCELLED).build())
                .with(aBooking().at("2026-12-07T10:00").pendingUntil(NOW.minusSeconds(1)).build())
                .with(aBooking().at("2026-12-07T11:00").status(BookingStatus.PAYMENT_FAILED).build());

        assertThat(valueOf(reading.readBookable(ANY_STUDENT, Profiles.INSTRUCTOR, WEEK)).days())
                .containsEntry(MONDAY, windows("09:00", "12:00"));
    }

    @Test
    void aLiveHoldIsSubtracted() {
        weeks.with(week(MONDAY, window(MONDAY, "09:00", "12:00")));
        bookings.with(aBooking().at("2026-12-07T09:00").pendingUntil(NOW.plusSeconds(60)).build());

        assertThat(valueOf(reading.readBookable(ANY_STUDENT, Profiles.INSTRUCTOR, WEEK)).days())
                .containsEntry(MONDAY, windows("10:15", "12:00"));
    }

    @Test
    void aBookingStartingTheSundayBeforeReachesIntoMonday() {
        weeks.with(week(MONDAY, window(MONDAY, "00:00", "02:00")));
        bookings.with(aBooking().at("2026-12-06T23:30").minutes(60).buffer(0, 15).build());

        assertThat(valueOf(reading.readBookable(ANY_STUDENT, Profiles.INSTRUCTOR, WEEK)).days())
                .containsEntry(MONDAY, windows("00:45", "02:00"));
    }

    @Test
    void aFullyBookedDayDisappearsFromTheBookableView() {
        weeks.with(week(MONDAY, window(MONDAY, "09:00", "10:00"), window("2026-12-08", "09:00", "10:00")));
        bookings.with(aBooking().at("2026-12-07T09:00").build());

        assertThat(valueOf(reading.readBookable(ANY_STUDENT, Profiles.INSTRUCTOR, WEEK)).days()).containsOnlyKeys("2026-12-08");
    }

    @Test
    void anotherInstructorsBookingsAreNotSubtracted() {
        weeks.with(week(MONDAY, window(MONDAY, "09:00", "10:00")));
        bookings.with(aBooking().instructor("ins-2").at("2026-12-07T09:00").build());

        assertThat(valueOf(reading.readBookable(ANY_STUDENT, Profiles.INSTRUCTOR, WEEK)).days())
                .containsEntry(MONDAY, windows("09:00", "10:00"));
    }

    private WeekView bookableAt(InstructorProfile profile, Instant now, String weekStart) {
        return valueOf(new ReadingWeekAvailability(new InMemoryProfileStore().with(profile), weeks, bookings, bookings,
                Clock.fixed(now, ZoneOffset.UTC)).readBookable(ANY_STUDENT, Profiles.INSTRUCTOR, LocalDate.parse(weekStart)));
    }

    @Test
    void theBookableViewClosesWhatStartsWithinTheShortestNoticeOfTheOfferedLocationTypes() {
        weeks.with(week(MONDAY, window(MONDAY, "09:00", "12:00"), window("2026-12-08", "09:00", "10:00")));
        // guitar is offered online (60 min notice) and at the student's (180): 09:20 in New York + 60 min.
        WeekView view = bookableAt(Profiles.aProfile().build(), Instant.parse("2026-12-07T14:20:00Z"), MONDAY);

        assertThat(view.days()).containsEntry(MONDAY, windows("10:20", "12:00")).containsEntry("2026-12-08", windows("09:00", "10:00"));
        assertThat(view.version()).isEqualTo(WeekVersion.of(view.versioned().week()));
    }

    @Test
    void aNoticeOfALocationTypeNoActiveServiceOffersDoesNotOpenTheView() {
        weeks.with(week(MONDAY, window(MONDAY, "09:00", "18:00")));
        InstructorProfile travelling = Profiles.aProfile().notice(LocationType.ONLINE, 0)
                .services(Profiles.aService().onlyRate(LocationType.STUDENT_LOCATION, 9000).build()).build();

        assertThat(bookableAt(travelling, Instant.parse("2026-12-07T14:20:00Z"), MONDAY).days())
                .containsEntry(MONDAY, windows("12:20", "18:00"));
    }

    @Test
    void daysAlreadyPastLeaveTheBookableView() {
        weeks.with(week(MONDAY, window(MONDAY, "09:00", "12:00"), window("2026-12-09", "09:00", "10:00")));

        assertThat(bookableAt(Profiles.aProfile().build(), Instant.parse("2026-12-08T14:00:00Z"), MONDAY).days())
                .containsOnlyKeys("2026-12-09");
    }

    @Test
    void daysBeyondTheHorizonLeaveTheBookableViewAndTheLastOneStays() {
        weeks.with(week(MONDAY, window(MONDAY, "09:00", "12:00"), window("2026-12-08", "09:00", "10:00")));
        // Saturday 2026-12-05 at noon in New York; two days ahead is Monday.
        WeekView view = bookableAt(Profiles.aProfile().maxAdvanceDays(2).build(), Instant.parse("2026-12-05T17:00:00Z"), MONDAY);

        assertThat(view.days()).containsOnlyKeys(MONDAY);
    }

    @Test
    void onTheFallBackNightTheNoticeIsMeasuredInRealTime() {
        String monday = "2026-10-26";
        String fallBack = "2026-11-01";
        weeks.with(week(monday, window(fallBack, "00:00", "04:00")));
        InstructorProfile online = Profiles.aProfile().services(Profiles.aService().onlyRate(LocationType.ONLINE, 6000).build()).build();
        // 01:10 EDT; an hour later it is 01:10 EST. A lesson at 01:30 would start at 01:30 EDT (the
        // earlier offset), within the hour, so the view opens at 02:00 EST.
        WeekView view = bookableAt(online, Instant.parse("2026-11-01T05:10:00Z"), monday);

        assertThat(view.days()).containsEntry(fallBack, windows("02:00", "04:00"));
    }

    @Test
    void aDayHoldingTheDailyLimitLeavesTheBookableViewAndOneBelowItStays() {
        weeks.with(week(MONDAY, window(MONDAY, "08:00", "18:00"), window("2026-12-08", "08:00", "18:00")));
        bookings.with(aBooking().id("bk-1").at("2026-12-07T09:00").build())
                .with(aBooking().id("bk-2").at("2026-12-07T11:00").build())
                .with(aBooking().id("bk-3").at("2026-12-08T11:00").build())
                .with(aBooking().id("bk-4").at("2026-12-08T13:00").status(BookingStatus.CANCELLED).build());

        WeekView view = bookableAt(Profiles.aProfile().maxLessonsPerDay(2).build(), NOW, MONDAY);

        assertThat(view.days()).containsOnlyKeys("2026-12-08");
    }
}
