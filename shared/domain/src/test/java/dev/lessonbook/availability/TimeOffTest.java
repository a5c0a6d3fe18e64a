package dev.lessonbook.availability;

import static dev.lessonbook.fixtures.Profiles.aProfile;
import static dev.lessonbook.fixtures.Requests.aRequest;
import static dev.lessonbook.fixtures.Results.rejectionOf;
import static dev.lessonbook.fixtures.Results.valueOf;
import static dev.lessonbook.fixtures.Weeks.week;
import static dev.lessonbook.fixtures.Weeks.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Permissions.Editor;
import dev.lessonbook.access.Role;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingALesson;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.calendar.TimeOff;
import dev.lessonbook.fixtures.InMemoryAvailabilityStore;
import dev.lessonbook.fixtures.InMemoryBookingStore;
import dev.lessonbook.fixtures.InMemoryProfileStore;
import dev.lessonbook.fixtures.Profiles;
import dev.lessonbook.fixtures.ScriptedPaymentGateway;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.view.ReadingWeekAvailability;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimeOffTest {
    /** Tuesday 2026-12-01 12:00 in New York. */
    private static final Instant NOW = Instant.parse("2026-12-01T17:00:00Z");
    private static final LocalDate MONDAY = LocalDate.parse("2026-12-07");
    private static final Editor INSTRUCTOR = Permissions.toChangeAvailability(
            new Caller(Profiles.INSTRUCTOR, Role.INSTRUCTOR), Profiles.INSTRUCTOR).orElseThrow();

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryProfileStore profiles = new InMemoryProfileStore().with(aProfile().build());
    private final InMemoryAvailabilityStore weeks = new InMemoryAvailabilityStore().with(week("2026-12-07",
            window("2026-12-07", "08:00", "18:00"), window("2026-12-08", "08:00", "18:00")));
    private final InMemoryBookingStore bookings = new InMemoryBookingStore();
    private final BookingALesson booking = new BookingALesson(profiles, weeks, bookings, new ScriptedPaymentGateway(), clock);
    private final TakingTimeOff timeOff = new TakingTimeOff(profiles, bookings, clock);

    private static TimeOff off(LocalDate date, String reason) {
        return new TimeOff(date, Optional.ofNullable(reason));
    }

    @Test
    void aDayOffIsNeverBookableWhateverItsWindowsSay() {
        valueOf(timeOff.take(INSTRUCTOR, off(MONDAY, "holiday")));

        Rejection rejection = rejectionOf(booking.book(aRequest().at("09:00").build()).result());

        assertThat(rejection.code()).isEqualTo(ProblemCode.NOT_AVAILABLE);
        assertThat(rejection.detail()).isEqualTo("Requested time is not available");
        assertThat(weeks.findDay(Profiles.INSTRUCTOR, MONDAY).isEmpty()).as("stored windows untouched").isFalse();
    }

    @Test
    void takingADayOffWithABookingCountsItAndLeavesItBooked() {
        Booking booked = valueOf(booking.book(aRequest().at("09:00").build()).result());

        TakingTimeOff.Taken taken = valueOf(timeOff.take(INSTRUCTOR, off(MONDAY, null)));

        assertThat(taken.confirmedBookings()).isEqualTo(1);
        assertThat(bookings.find(booked.id()).orElseThrow().status()).isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void endingADayOffMakesItBookableAgainAndEndingItTwiceIsNotFound() {
        valueOf(timeOff.take(INSTRUCTOR, off(MONDAY, null)));

        assertThat(valueOf(timeOff.end(INSTRUCTOR, MONDAY))).isEqualTo(MONDAY);
        assertThat(rejectionOf(timeOff.end(INSTRUCTOR, MONDAY)).code()).isEqualTo(ProblemCode.NOT_FOUND);
        assertThat(valueOf(booking.book(aRequest().at("09:00").build()).result()).status()).isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void aPastDateCannotBeTakenOffAndTodayCan() {
        assertThat(rejectionOf(timeOff.take(INSTRUCTOR, off(LocalDate.parse("2026-11-30"), null))).code())
                .isEqualTo(ProblemCode.PAST_DATE);
        assertThat(valueOf(timeOff.take(INSTRUCTOR, off(LocalDate.parse("2026-12-01"), null))).confirmedBookings()).isZero();
    }

    @Test
    void anInstructorWithoutProfileIsNotFound() {
        Editor stranger = Permissions.toChangeAvailability(new Caller("nobody", Role.INSTRUCTOR), "nobody").orElseThrow();

        assertThat(rejectionOf(timeOff.take(stranger, off(MONDAY, null))).code()).isEqualTo(ProblemCode.NOT_FOUND);
    }

    @Test
    void theBookableViewLeavesOutADayOff() {
        valueOf(timeOff.take(INSTRUCTOR, off(MONDAY, null)));

        assertThat(valueOf(new ReadingWeekAvailability(profiles, weeks, bookings, bookings, clock)
                .readBookable(new Caller("stu-1", Role.STUDENT), Profiles.INSTRUCTOR, MONDAY)).days())
                .containsOnlyKeys("2026-12-08");
    }

    @Test
    void theListShowsDaysOffInTheRangeByDateToTheInstructorOnly() {
        ListingTimeOff listing = new ListingTimeOff(profiles, bookings, clock);
        valueOf(timeOff.take(INSTRUCTOR, off(MONDAY.plusDays(1), null)));
        valueOf(timeOff.take(INSTRUCTOR, off(MONDAY, "dentist")));
        valueOf(timeOff.take(INSTRUCTOR, off(MONDAY.plusDays(40), null)));

        assertThat(valueOf(listing.list(INSTRUCTOR.caller(), Profiles.INSTRUCTOR, Optional.empty(), Optional.empty())))
                .containsExactly(off(MONDAY, "dentist"), off(MONDAY.plusDays(1), null));
        assertThat(rejectionOf(listing.list(new Caller("stu-1", Role.STUDENT), Profiles.INSTRUCTOR, Optional.empty(),
                Optional.empty())).code()).isEqualTo(ProblemCode.FORBIDDEN);
        assertThat(rejectionOf(listing.list(INSTRUCTOR.caller(), Profiles.INSTRUCTOR, Optional.of(MONDAY),
                Optional.of(MONDAY.plusDays(366)))).code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
    }
}
