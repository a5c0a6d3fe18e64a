package dev.lessonbook.stats;

import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.money.Money;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * An instructor's booking stats (docs/spec.md §7), computed from all of their bookings.
 *
 * <p>Where the spec is silent: earnings are what the instructor keeps — captured minus refunded —
 * of completed and cancelled bookings; "this month" is the month of the lesson's local date in
 * the instructor's timezone; all amounts are in the currency of the instructor's most recently
 * created counted booking ({@code usd} when there is none), and bookings in another currency add
 * nothing to the sums rather than a meaningless mixed total.
 */
public record BookingStats(
        String instructorId,
        long totalBookings,
        long upcomingBookings,
        long completedBookings,
        long cancelledBookings,
        Money totalEarnings,
        Money thisMonthEarnings,
        double completionRate,
        double cancellationRate) {

    private static final String DEFAULT_CURRENCY = "usd";

    public static BookingStats of(String instructorId, Collection<Booking> bookings, ZoneId zone, Clock clock) {
        Instant now = clock.instant();
        YearMonth thisMonth = YearMonth.now(clock.withZone(zone));
        List<Booking> counted = bookings.stream()
                .filter(booking -> booking.status() != BookingStatus.PAYMENT_FAILED && booking.status() != BookingStatus.EXPIRED)
                .toList();
        String currency = counted.stream()
                .max(Comparator.comparing(Booking::createdAt))
                .map(booking -> booking.price().currency())
                .orElse(DEFAULT_CURRENCY);
        long total = counted.size();
        long upcoming = counted.stream()
                .filter(booking -> booking.status() == BookingStatus.CONFIRMED && booking.startsAt().isAfter(now))
                .count();
        long completed = count(counted, BookingStatus.COMPLETED);
        long cancelled = count(counted, BookingStatus.CANCELLED);
        List<Booking> earning = counted.stream()
                .filter(booking -> booking.status() == BookingStatus.COMPLETED || booking.status() == BookingStatus.CANCELLED)
                .filter(booking -> booking.price().currency().equals(currency))
                .toList();
        Money earnings = kept(earning, currency);
        Money earningsThisMonth = kept(earning.stream()
                .filter(booking -> YearMonth.from(booking.date()).equals(thisMonth))
                .toList(), currency);
        return new BookingStats(instructorId, total, upcoming, completed, cancelled, earnings, earningsThisMonth,
                rate(completed, total), rate(cancelled, total));
    }

    private static long count(List<Booking> bookings, BookingStatus status) {
        return bookings.stream().filter(booking -> booking.status() == status).count();
    }

    /** What {@code bookings} (all in {@code currency}) kept of their payments, together. */
    private static Money kept(List<Booking> bookings, String currency) {
        return bookings.stream().map(booking -> booking.payment().kept()).reduce(Money.zero(currency), Money::plus);
    }

    private static double rate(long part, long total) {
        return total == 0 ? 0 : (double) part / total;
    }
}
