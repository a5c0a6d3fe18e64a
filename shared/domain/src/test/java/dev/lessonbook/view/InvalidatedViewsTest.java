package dev.lessonbook.view;

import static dev.lessonbook.fixtures.Bookings.aBooking;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Role;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingEvents;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.Cancellation;
import dev.lessonbook.calendar.Occupancy;
import dev.lessonbook.event.AvailabilityWeekSaved;
import dev.lessonbook.event.BookingCancelled;
import dev.lessonbook.event.BookingCompleted;
import dev.lessonbook.event.BookingConfirmed;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.fixtures.Profiles;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Payment;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvalidatedViewsTest {

    @Test
    void aSavedWeekInvalidatesItsWeekMapAndBookableView() {
        DomainEvent saved = AvailabilityWeekSaved.of(Instant.now(), "ins-1", LocalDate.parse("2026-12-07"),
                Profiles.NEW_YORK, "v1", Map.of());

        assertThat(InvalidatedViews.by(saved)).containsExactly(
                new ViewKey.WeekMap("ins-1", LocalDate.parse("2026-12-07")),
                new ViewKey.Bookable("ins-1", LocalDate.parse("2026-12-07")));
    }

    @Test
    void aBookingInvalidatesTheStatsAndTheBookableViewOfItsWeek() {
        // 09:00–10:00 in New York, its buffer until 10:15: 14:00Z–15:15Z.
        DomainEvent confirmed = BookingEvents.confirmed(lesson("2026-12-09T09:00", 60, 15), Instant.now());
        assertThat(confirmed).isInstanceOfSatisfying(BookingConfirmed.class, event -> assertThat(event.booking().occupancy())
                .isEqualTo(busy("2026-12-09T14:00:00Z", "2026-12-09T15:15:00Z")));

        assertThat(InvalidatedViews.by(confirmed)).containsExactly(
                new ViewKey.Stats("ins-1"), new ViewKey.Feed("ins-1"), new ViewKey.Bookable("ins-1", LocalDate.parse("2026-12-07")));
    }

    @Test
    void aBufferReachingIntoTheNextLocalWeekInvalidatesBothWeeks() {
        // Sunday 2026-12-13 23:00–23:45 in New York, buffer until Monday 00:15 local.
        Booking lesson = lesson("2026-12-13T23:00", 60, 15);
        DomainEvent cancelled = BookingEvents.cancelled(lesson.cancelled(
                new Cancellation(Role.STUDENT, Instant.now(), null, 0, Money.of(0, "usd")), lesson.payment()), Instant.now());
        assertThat(((BookingCancelled) cancelled).booking().occupancy())
                .isEqualTo(busy("2026-12-14T04:00:00Z", "2026-12-14T05:15:00Z"));

        assertThat(InvalidatedViews.by(cancelled)).containsExactly(
                new ViewKey.Stats("ins-1"),
                new ViewKey.Feed("ins-1"),
                new ViewKey.Bookable("ins-1", LocalDate.parse("2026-12-07")),
                new ViewKey.Bookable("ins-1", LocalDate.parse("2026-12-14")));
    }

    @Test
    void occupancyEndingExactlyAtMidnightStaysInItsWeek() {
        DomainEvent completed = BookingEvents.completed(lesson("2026-12-13T23:00", 60, 0), Instant.now());
        assertThat(((BookingCompleted) completed).booking().occupancy())
                .isEqualTo(busy("2026-12-14T04:00:00Z", "2026-12-14T05:00:00Z"));

        assertThat(InvalidatedViews.by(completed)).containsExactly(
                new ViewKey.Stats("ins-1"), new ViewKey.Feed("ins-1"), new ViewKey.Bookable("ins-1", LocalDate.parse("2026-12-07")));
    }

    @Test
    void aRescheduleInvalidatesTheStatsAndTheWeeksOfTheOldAndTheNewTime() {
        // From Wednesday 2026-12-09 to Monday 2026-12-21, whose buffer before reaches into Sunday 2026-12-20.
        Booking before = lesson("2026-12-09T09:00", 60, 15);
        Booking after = aBooking().id(before.id()).instructor("ins-1").at("2026-12-21T00:00").buffer(30, 15).build();

        assertThat(InvalidatedViews.by(BookingEvents.rescheduled(before, after, Role.STUDENT, Instant.now()))).containsExactly(
                new ViewKey.Stats("ins-1"),
                new ViewKey.Feed("ins-1"),
                new ViewKey.Bookable("ins-1", LocalDate.parse("2026-12-07")),
                new ViewKey.Bookable("ins-1", LocalDate.parse("2026-12-14")),
                new ViewKey.Bookable("ins-1", LocalDate.parse("2026-12-21")));
        assertThat(InvalidatedViews.by(BookingEvents.rescheduled(before, before, Role.STUDENT, Instant.now()))).containsExactly(
                new ViewKey.Stats("ins-1"), new ViewKey.Feed("ins-1"), new ViewKey.Bookable("ins-1", LocalDate.parse("2026-12-07")));
    }

    @Test
    void everyChangeOfABookingInvalidatesItsInstructorsCalendarFeed() {
        Booking lesson = lesson("2026-12-09T09:00", 60, 15);
        Booking moved = aBooking().id(lesson.id()).instructor("ins-1").at("2026-12-10T09:00").buffer(0, 15).build();
        Instant now = Instant.now();
        List<DomainEvent> changes = List.of(
                BookingEvents.confirmed(lesson, now),
                BookingEvents.rescheduled(lesson, moved, Role.STUDENT, now),
                BookingEvents.cancelled(lesson.cancelled(new Cancellation(Role.STUDENT, now, null, 0, Money.of(0, "usd")),
                        lesson.payment()), now),
                BookingEvents.completed(lesson, now),
                BookingEvents.paymentFailed(lesson, now));

        assertThat(changes).allSatisfy(change -> assertThat(InvalidatedViews.by(change)).contains(new ViewKey.Feed("ins-1")));
        assertThat(InvalidatedViews.by(AvailabilityWeekSaved.of(now, "ins-1", LocalDate.parse("2026-12-07"), Profiles.NEW_YORK,
                "v1", Map.of()))).doesNotContain(new ViewKey.Feed("ins-1"));
    }

    @Test
    void settlingACancelledBookingsPaymentInvalidatesItsInstructorsStats() {
        Booking lesson = aBooking().instructor("ins-1").build();
        Booking cancelled = lesson.cancelled(new Cancellation(Role.STUDENT, Instant.parse("2026-12-06T20:00:00Z"), null, 50, Money.of(3000, "usd")),
                lesson.payment());

        Booking settled = cancelled.withPayment(Payment.authorized(Money.of(6000, "usd"), "pi_1", "pm_card_visa").withCapture(Money.of(3000, "usd"), "pi_1"));

        assertThat(InvalidatedViews.byPaymentOf(settled)).containsExactly(new ViewKey.Stats("ins-1"));
    }

    @Test
    void theCapturedPaymentOfACompletedBookingInvalidatesItsInstructorsStats() {
        Booking completed = aBooking().instructor("ins-1").status(BookingStatus.COMPLETED).build();

        assertThat(InvalidatedViews.byPaymentOf(completed)).containsExactly(new ViewKey.Stats("ins-1"));
    }

    @Test
    void authorizingAConfirmedBookingsSavedCardInvalidatesNoView() {
        Booking authorized = aBooking().instructor("ins-1").build();

        assertThat(InvalidatedViews.byPaymentOf(authorized)).isEmpty();
    }

    /** A lesson of ins-1 in New York, at a local time, with its length and the buffer after it. */
    private static Booking lesson(String localStart, int minutes, int bufferAfter) {
        return aBooking().instructor("ins-1").at(localStart).minutes(minutes).buffer(0, bufferAfter).build();
    }

    private static Occupancy busy(String from, String until) {
        return new Occupancy(Instant.parse(from), Instant.parse(until), Instant.parse(from),
                Instant.parse(from).plusSeconds(3600));
    }
}
