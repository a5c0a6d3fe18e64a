package dev.lessonbook.notification;

/**
 * One email to one address, with a plain-text and an HTML body saying the same.
 *
 * @param to null while no address is known for its recipient: such an email is never sent
 *        ({@link SendingNotifications})
 */
public record Email(String to, String subject, String text, String html) {

    /** The same email to {@code address}. */
    public Email addressedTo(String address) {
        return new Email(address, subject, text, html);
    }

    /** Never the address: emails stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "Email[to=" + (to == null ? "none" : "<hidden>") + ", subject=" + subject + "]";
    }
}
