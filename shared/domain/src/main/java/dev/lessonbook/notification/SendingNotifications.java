package dev.lessonbook.notification;

import dev.lessonbook.event.DomainEvent;

/**
 * The notification worker's use case: each email of an event is sent at most once per recipient.
 * The claim is taken before sending; if the provider answers that it did not send, the claim is
 * given back so a retry sends it. If the worker dies between the claim and the provider's answer,
 * that email is not sent again: at most once, as docs/spec.md §8 asks, over at least once.
 *
 * <p>Addresses are the ones the booking kept (docs/spec.md §8). A booking that kept no
 * instructor address (made before addresses were kept) is sent to the instructor profile's
 * address of now; a recipient with no address at all is sent nothing, and that is an incident —
 * counted once per event and recipient, as the claim stays taken.
 */
public final class SendingNotifications {
    private final LessonEmails emails;
    private final NotificationLedger ledger;
    private final Notifier notifier;
    private final InstructorAddresses instructors;
    private final NotificationIncidents incidents;

    public SendingNotifications(LessonEmails emails, NotificationLedger ledger, Notifier notifier,
            InstructorAddresses instructors, NotificationIncidents incidents) {
        this.emails = emails;
        this.ledger = ledger;
        this.notifier = notifier;
        this.instructors = instructors;
        this.incidents = incidents;
    }

    /** @throws EmailNotSent when one email could not be sent now (the rest were handled; retry the event) */
    public void notify(DomainEvent event) {
        EmailNotSent firstFailure = null;
        for (LessonEmails.Notice notice : emails.of(event)) {
            // Before the claim: a profile read that fails leaves nothing claimed, and the event is retried.
            Email email = addressed(notice);
            if (!ledger.claim(event.eventId(), notice.recipient())) {
                continue;
            }
            if (email.to() == null) {
                incidents.recipientWithoutAddress(event.eventId(), notice.bookingId(), notice.recipient().party());
                continue;
            }
            try {
                notifier.send(email);
            } catch (EmailNotSent notSent) {
                ledger.release(event.eventId(), notice.recipient());
                firstFailure = firstFailure == null ? notSent : firstFailure;
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
    }

    private Email addressed(LessonEmails.Notice notice) {
        Email email = notice.email();
        if (email.to() != null || notice.recipient().party() != Recipient.Party.INSTRUCTOR) {
            return email;
        }
        return instructors.addressOf(notice.recipient().userId()).map(email::addressedTo).orElse(email);
    }
}
