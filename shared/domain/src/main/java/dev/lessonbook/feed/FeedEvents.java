package dev.lessonbook.feed;

import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingStatus;
import java.util.Optional;

/**
 * What of a booking an instructor's calendar feed shows (docs/decisions.md, "Calendar feed"):
 * agreed and cancelled lessons, the student by id only, and a {@code SEQUENCE} that grows with
 * every change a calendar should apply.
 */
public final class FeedEvents {
    private FeedEvents() {}

    /** The booking's VEVENT, or empty for a booking a calendar should not show. */
    public static Optional<FeedEvent> of(Booking booking) {
        return shown(booking) ? Optional.of(event(booking)) : Optional.empty();
    }

    /** Lessons that happen or happened, and those cancelled; never a hold that lapsed or was not paid. */
    static boolean shown(Booking booking) {
        return switch (booking.status()) {
            case CONFIRMED, COMPLETED, CANCELLED -> true;
            case PENDING, PAYMENT_FAILED, EXPIRED -> false;
        };
    }

    /** The student by id only: a feed URL gets shared and synced to third parties, so no email and no note. */
    static FeedEvent event(Booking booking) {
        return new FeedEvent(booking.id() + "@lessonbook", sequence(booking), booking.startsAt(), booking.endsAt(),
                booking.status() == BookingStatus.CANCELLED,
                booking.serviceName() + " with student " + booking.studentId());
    }

    /**
     * How many times a calendar must replace this event: once per move of the lesson, and once more
     * for its cancellation, which is final (docs/decisions.md, "Calendar feed").
     */
    public static int sequence(Booking booking) {
        return booking.rescheduleCount() + (booking.status() == BookingStatus.CANCELLED ? 1 : 0);
    }
}
