package dev.lessonbook.event;

/** A change of one booking: the booking as it is after the change. */
public sealed interface BookingEvent extends DomainEvent
        permits BookingConfirmed, BookingCancelled, BookingCompleted, BookingPaymentFailed, BookingRescheduled,
        BookingPaymentActionRequired {

    BookingSnapshot booking();

    @Override
    default String instructorId() {
        return booking().instructorId();
    }
}
