package dev.lessonbook.notification;

/**
 * Port: an email that could not be sent because its recipient has no address (docs/spec.md §8).
 * Counted and logged, never with an address, so an alarm can watch the count and a person can
 * find the booking.
 */
@FunctionalInterface
public interface NotificationIncidents {

    void recipientWithoutAddress(String eventId, String bookingId, Recipient.Party party);
}
