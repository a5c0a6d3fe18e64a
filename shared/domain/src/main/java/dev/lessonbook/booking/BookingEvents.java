package dev.lessonbook.booking;

import dev.lessonbook.access.Role;
import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.event.BookingCancelled;
import dev.lessonbook.event.BookingCompleted;
import dev.lessonbook.event.BookingConfirmed;
import dev.lessonbook.event.BookingPaymentActionRequired;
import dev.lessonbook.event.BookingPaymentFailed;
import dev.lessonbook.event.BookingRescheduled;
import dev.lessonbook.event.BookingSnapshot;
import dev.lessonbook.event.DomainEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * The events of a booking's changes (docs/spec.md §8), each carrying the booking as it now is so
 * that consumers — notifications in each recipient's timezone, cache invalidation — never read
 * it back.
 */
public final class BookingEvents {

    private BookingEvents() {}

    public static BookingConfirmed confirmed(Booking booking, Instant at) {
        return new BookingConfirmed(DomainEvent.newId(), at, snapshotOf(booking));
    }

    public static BookingCancelled cancelled(Booking booking, Instant at) {
        Cancellation cancellation = Objects.requireNonNull(booking.cancellation(), "a cancelled booking's cancellation");
        return new BookingCancelled(DomainEvent.newId(), at, snapshotOf(booking), cancellation.by(),
                cancellation.reason(), cancellation.chargePercent(), cancellation.amountCharged());
    }

    public static BookingCompleted completed(Booking booking, Instant at) {
        return new BookingCompleted(DomainEvent.newId(), at, snapshotOf(booking));
    }

    public static BookingPaymentFailed paymentFailed(Booking booking, Instant at) {
        return new BookingPaymentFailed(DomainEvent.newId(), at, snapshotOf(booking));
    }

    public static BookingPaymentActionRequired paymentActionRequired(Booking booking, Instant at) {
        return new BookingPaymentActionRequired(DomainEvent.newId(), at, snapshotOf(booking));
    }

    /** {@code after} is {@code before} moved to its new time by {@code by}. */
    public static BookingRescheduled rescheduled(Booking before, Booking after, Role by, Instant at) {
        return new BookingRescheduled(DomainEvent.newId(), at, snapshotOf(after), snapshotOf(before), by);
    }

    static BookingSnapshot snapshotOf(Booking booking) {
        return new BookingSnapshot(booking.id(), booking.instructorId(), booking.studentId(), booking.serviceId(),
                booking.serviceName(), booking.date(), new TimeWindow(booking.startMinute(), booking.endMinute()),
                booking.timezone(), booking.startsAt(), booking.endsAt(), booking.occupancy(), booking.durationMinutes(),
                booking.locationType(), booking.price(), booking.payment().summary(), booking.note(),
                booking.createdAt(), booking.confirmedAt(), booking.addresses());
    }
}
