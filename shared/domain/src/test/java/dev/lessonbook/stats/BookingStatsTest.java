package dev.lessonbook.stats;

import static dev.lessonbook.fixtures.Bookings.aBooking;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.fixtures.Profiles;
import dev.lessonbook.money.Money;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BookingStatsTest {
    /** 2026-12-01 03:00 UTC is still 2026-11-30 in New York: "this month" is November there. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T03:00:00Z"), ZoneOffset.UTC);

    @Test
    void anInstructorWithoutBookingsHasZeroRates() {
        BookingStats stats = BookingStats.of(Profiles.INSTRUCTOR, List.of(), Profiles.NEW_YORK, CLOCK);

        assertThat(stats.totalBookings()).isZero();
        assertThat(stats.completionRate()).isZero();
        assertThat(stats.cancellationRate()).isZero();
        assertThat(stats.totalEarnings()).isEqualTo(new Money(0, "usd"));
    }

    @Test
    void failedAndExpiredBookingsAreNotCounted() {
        BookingStats stats = BookingStats.of(Profiles.INSTRUCTOR, List.of(
                aBooking().at("2026-12-07T09:00").build(),
                aBooking().at("2026-12-07T10:00").status(BookingStatus.PAYMENT_FAILED).build(),
                aBooking().at("2026-12-07T11:00").status(BookingStatus.EXPIRED).build()), Profiles.NEW_YORK, CLOCK);

        assertThat(stats.totalBookings()).isEqualTo(1);
        assertThat(stats.upcomingBookings()).isEqualTo(1);
    }

    @Test
    void totalsCountCancelledAndCompletedBookingsAndTheirRates() {
        BookingStats stats = BookingStats.of(Profiles.INSTRUCTOR, List.of(
                aBooking().at("2026-12-07T09:00").build(),
                aBooking().at("2026-11-20T09:00").status(BookingStatus.COMPLETED).captured(6000, 0).build(),
                aBooking().at("2026-12-07T11:00").status(BookingStatus.CANCELLED).build(),
                aBooking().at("2026-11-02T11:00").status(BookingStatus.CONFIRMED).build()), Profiles.NEW_YORK, CLOCK);

        assertThat(stats.totalBookings()).isEqualTo(4);
        assertThat(stats.upcomingBookings()).isEqualTo(1);
        assertThat(stats.completedBookings()).isEqualTo(1);
        assertThat(stats.cancelledBookings()).isEqualTo(1);
        assertThat(stats.completionRate()).isEqualTo(0.25);
        assertThat(stats.cancellationRate()).isEqualTo(0.25);
    }

    @Test
    void earningsAreWhatWasCapturedAndKeptThisMonthInTheInstructorsTimezone() {
        BookingStats stats = BookingStats.of(Profiles.INSTRUCTOR, List.of(
                aBooking().at("2026-11-20T09:00").status(BookingStatus.COMPLETED).captured(6000, 0).build(),
                aBooking().at("2026-11-30T09:00").status(BookingStatus.CANCELLED).captured(3000, 0).build(),
                aBooking().at("2026-10-30T09:00").status(BookingStatus.COMPLETED).captured(6000, 0).build(),
                aBooking().at("2026-11-25T09:00").status(BookingStatus.CANCELLED).captured(6000, 6000).build(),
                aBooking().at("2026-11-21T09:00").status(BookingStatus.CONFIRMED).captured(9999, 0).build()),
                Profiles.NEW_YORK, CLOCK);

        assertThat(stats.totalEarnings()).isEqualTo(new Money(15000, "usd"));
        assertThat(stats.thisMonthEarnings()).isEqualTo(new Money(9000, "usd"));
    }
}
