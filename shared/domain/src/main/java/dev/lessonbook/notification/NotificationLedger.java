package dev.lessonbook.notification;

/**
 * Port: which (event, recipient) pairs were claimed for sending. A claim is taken before the
 * email is sent, so a pair is sent at most once (docs/spec.md §8), also when the event comes twice.
 */
public interface NotificationLedger {

    /** Takes the claim; false when it was taken before (the email was or is being sent). */
    boolean claim(String eventId, Recipient recipient);

    /** Gives a claim back after the provider answered that the email was not sent. */
    void release(String eventId, Recipient recipient);
}
