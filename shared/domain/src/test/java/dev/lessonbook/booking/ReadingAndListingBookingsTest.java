package dev.lessonbook.booking;

import static dev.lessonbook.fixtures.Bookings.aBooking;
import static dev.lessonbook.fixtures.Profiles.aProfile;
import static dev.lessonbook.fixtures.Results.rejectionOf;
import static dev.lessonbook.fixtures.Results.valueOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Role;
import dev.lessonbook.fixtures.InMemoryBookingStore;
import dev.lessonbook.fixtures.InMemoryProfileStore;
import dev.lessonbook.fixtures.Profiles;
import dev.lessonbook.problem.ProblemCode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadingAndListingBookingsTest {
    private static final Caller STUDENT = new Caller("stu-1", Role.STUDENT);
    private static final Caller INSTRUCTOR = new Caller(Profiles.INSTRUCTOR, Role.INSTRUCTOR);
    /** 2026-12-07 03:00 UTC is still Sunday 2026-12-06 in New York. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T03:00:00Z"), ZoneOffset.UTC);

    private final Booking lesson = aBooking().id("bk_1").at("2026-12-07T09:00").build();
    private final InMemoryBookingStore bookings = new InMemoryBookingStore().with(lesson);
    private final ReadingABooking reading = new ReadingABooking(bookings);
    private final ListingInstructorBookings listing = new ListingInstructorBookings(
            new InMemoryProfileStore().with(aProfile().build()), bookings, CLOCK);

    @Test
    void itsStudentItsInstructorAndAnAdminMayReadABooking() {
        assertThat(valueOf(reading.read(STUDENT, "bk_1"))).isEqualTo(lesson);
        assertThat(valueOf(reading.read(INSTRUCTOR, "bk_1"))).isEqualTo(lesson);
        assertThat(valueOf(reading.read(new Caller("root", Role.ADMIN), "bk_1"))).isEqualTo(lesson);
    }

    @Test
    void anyoneElseIsToldTheBookingDoesNotExist() {
        var stranger = rejectionOf(reading.read(new Caller("stu-2", Role.STUDENT), "bk_1"));
        var missing = rejectionOf(reading.read(new Caller("stu-2", Role.STUDENT), "bk_9"));

        assertThat(stranger.code()).isEqualTo(ProblemCode.NOT_FOUND);
        assertThat(stranger.detail()).isEqualTo(missing.detail().replace("bk_9", "bk_1"));
    }

    @Test
    void aStudentWhoseIdIsTheInstructorsCannotReadAsTheInstructor() {
        assertThat(rejectionOf(reading.read(new Caller(Profiles.INSTRUCTOR, Role.STUDENT), "bk_1")).code())
                .isEqualTo(ProblemCode.NOT_FOUND);
    }

    @Test
    void theInstructorListsBookingsOfLocalDatesBothIncluded() {
        bookings.with(aBooking().id("bk_late").student("stu-2").at("2026-12-08T23:30").minutes(30).build())
                .with(aBooking().id("bk_next").student("stu-2").at("2026-12-09T00:00").build());

        assertThat(valueOf(listing.list(INSTRUCTOR, Profiles.INSTRUCTOR,
                Optional.of(LocalDate.parse("2026-12-07")), Optional.of(LocalDate.parse("2026-12-08")))))
                .extracting(Booking::id).containsExactly("bk_1", "bk_late");
    }

    @Test
    void withoutARangeTheListStartsTodayInTheInstructorsTimezone() {
        bookings.with(aBooking().id("bk_sunday").student("stu-2").at("2026-12-06T20:00").build())
                .with(aBooking().id("bk_far").student("stu-2").at("2027-01-05T09:00").build());

        assertThat(valueOf(listing.list(INSTRUCTOR, Profiles.INSTRUCTOR, Optional.empty(), Optional.empty())))
                .extracting(Booking::id).containsExactly("bk_sunday", "bk_1");
    }

    @Test
    void anotherInstructorMayNotListTheBookings() {
        assertThat(rejectionOf(listing.list(new Caller("ins-2", Role.INSTRUCTOR), Profiles.INSTRUCTOR, Optional.empty(),
                Optional.empty())).code()).isEqualTo(ProblemCode.FORBIDDEN);
    }

    @Test
    void aRangeEndingBeforeItStartsIsInvalid() {
        assertThat(rejectionOf(listing.list(INSTRUCTOR, Profiles.INSTRUCTOR, Optional.of(LocalDate.parse("2026-12-08")),
                Optional.of(LocalDate.parse("2026-12-07")))).code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
    }
}
