package dev.lessonbook.notification;

/** The provider answered, and the email was not sent: trying again cannot send it twice. */
public final class EmailNotSent extends RuntimeException {
    public EmailNotSent(String message, Throwable cause) {
        super(message, cause);
    }
}
