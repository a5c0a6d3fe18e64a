package dev.lessonbook.notification;

import dev.lessonbook.event.DomainEvent;

/**
 * The notification worker's use case: each email of an event is sent at most once per recipient.
 * The claim is taken before sending; if the provider answers that it did not send, the claim is
 * given back so a retry sends it. If the worker dies between the claim and the provider's answer,
 * that email is not sent again: at most once, as docs/spec.md §8 asks, over at least once.
 */
public final class SendingNotifications {
    private final LessonEmails emails;
    private final NotificationLedger ledger;
    private final Notifier notifier;

    public SendingNotifications(LessonEmails emails, NotificationLedger ledger, Notifier notifier) {
        this.emails = emails;
        this.ledger = ledger;
        this.notifier = notifier;
    }

    /** @throws EmailNotSent when one email could not be sent now (the rest were handled; retry the event) */
    public void notify(DomainEvent event) {
        EmailNotSent firstFailure = null;
        for (LessonEmails.Notice notice : emails.of(event)) {
            if (!ledger.claim(event.eventId(), notice.recipient())) {
                continue;
            }
            try {
                notifier.send(notice.email());
            } catch (EmailNotSent notSent) {
                ledger.release(event.eventId(), notice.recipient());
                firstFailure = firstFailure == null ? notSent : firstFailure;
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
    }
}
