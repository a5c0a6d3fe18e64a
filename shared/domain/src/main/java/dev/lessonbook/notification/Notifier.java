package dev.lessonbook.notification;

/**
 * Port: sends an email. Throws {@link EmailNotSent} when the provider answered that it did not
 * send it; any other exception means the outcome is unknown (it may have been sent).
 */
@FunctionalInterface
public interface Notifier {
    void send(Email email);
}
