package dev.lessonbook.view;

import static dev.lessonbook.fixtures.Bookings.aBooking;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.Cancellation;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.event.EventType;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Payment;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvalidatedViewsTest {

    @Test
    void aSavedWeekInvalidatesItsWeekMapAndBookableView() {
        DomainEvent saved = DomainEvent.of(EventType.AvailabilityWeekSaved, Instant.now(), "ins-1",
                Map.of("weekStart", "2026-12-07", "timezone", "America/New_York"));

        assertThat(InvalidatedViews.by(saved)).containsExactly(
                new ViewKey.WeekMap("ins-1", LocalDate.parse("2026-12-07")),
                new ViewKey.Bookable("ins-1", LocalDate.parse("2026-12-07")));
    }

    @Test
    void aBookingInvalidatesTheStatsAndTheBookableViewOfItsWeek() {
        DomainEvent confirmed = booking(EventType.BookingConfirmed, "2026-12-09T14:00:00Z", "2026-12-09T15:15:00Z");

        assertThat(InvalidatedViews.by(confirmed)).containsExactly(
                new ViewKey.Stats("ins-1"), new ViewKey.Bookable("ins-1", LocalDate.parse("2026-12-07")));
    }

    @Test
    void aBufferReachingIntoTheNextLocalWeekInvalidatesBothWeeks() {
        // Sunday 2026-12-13 23:00–23:45 in New York, buffer until Monday 00:15 local.
        DomainEvent cancelled = booking(EventType.BookingCancelled, "2026-12-14T04:00:00Z", "2026-12-14T05:15:00Z");

        assertThat(InvalidatedViews.by(cancelled)).containsExactly(
                new ViewKey.Stats("ins-1"),
                new ViewKey.Bookable("ins-1", LocalDate.parse("2026-12-07")),
                new ViewKey.Bookable("ins-1", LocalDate.parse("2026-12-14")));
    }

    @Test
    void occupancyEndingExactlyAtMidnightStaysInItsWeek() {
        DomainEvent completed = booking(EventType.BookingCompleted, "2026-12-14T04:00:00Z", "2026-12-14T05:00:00Z");

        assertThat(InvalidatedViews.by(completed)).containsExactly(
                new ViewKey.Stats("ins-1"), new ViewKey.Bookable("ins-1", LocalDate.parse("2026-12-07")));
    }

    @Test
    void settlingACancelledBookingsPaymentInvalidatesItsInstructorsStats() {
        Booking lesson = aBooking().instructor("ins-1").build();
        Booking cancelled = lesson.cancelled(new Cancellation("student", Instant.parse("2026-12-06T20:00:00Z"), null, 50, Money.of(3000, "usd")),
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

    private static DomainEvent booking(EventType type, String busyFrom, String busyUntil) {
        return DomainEvent.of(type, Instant.now(), "ins-1", Map.of(
                "timezone", "America/New_York",
                "startsAt", busyFrom, "endsAt", busyUntil,
                "occupancy", Map.of("instructorFrom", busyFrom, "instructorUntil", busyUntil)));
    }
}
