package dev.lessonbook.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.event.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LessonEmailsTest {
    private final LessonEmails emails = new LessonEmails(new RecipientAddresses("mail.test"));

    @Test
    void aConfirmedBookingEmailsTheStudentAndTheInstructor() {
        List<LessonEmails.Notice> notices = emails.of(event(EventType.BookingConfirmed, Map.of()));

        assertThat(notices).extracting(notice -> notice.email().to()).containsExactly("stu-1@mail.test", "ins-1@mail.test");
    }

    @Test
    void timesAreShownInTheInstructorsTimezoneWhichIsNamed() {
        Email email = emails.of(event(EventType.BookingConfirmed, Map.of())).get(0).email();

        // 14:30Z on 7 Dec 2026 is 09:30 in New York.
        assertThat(email.text()).contains("When: Monday 7 December 2026, 09:30–10:30 (America/New_York)");
        assertThat(email.subject()).contains("Mon 7 Dec 2026 09:30 America/New_York");
    }

    @Test
    void aStudentCancellationTellsTheInstructorAndSendsTheStudentAReceiptWithTheCharge() {
        List<LessonEmails.Notice> notices = emails.of(event(EventType.BookingCancelled,
                Map.of("cancellation", Map.of("by", "student", "chargePercent", 50, "amountCharged", 3000))));

        assertThat(notices).extracting(LessonEmails.Notice::recipient)
                .containsExactly(Recipient.instructor("ins-1"), Recipient.student("stu-1"));
        assertThat(notices.get(1).email().subject()).startsWith("Cancellation receipt");
        assertThat(notices.get(1).email().text()).contains("50% of the price is charged: USD 30.00.");
    }

    @Test
    void anInstructorCancellationTellsTheStudentAndSendsTheInstructorAReceipt() {
        List<LessonEmails.Notice> notices = emails.of(event(EventType.BookingCancelled,
                Map.of("cancellation", Map.of("by", "instructor", "chargePercent", 0, "amountCharged", 0))));

        assertThat(notices).extracting(LessonEmails.Notice::recipient)
                .containsExactly(Recipient.student("stu-1"), Recipient.instructor("ins-1"));
        assertThat(notices.get(0).email().text()).contains("You will not be charged.");
    }

    @Test
    void aFailedPaymentAtBookingTellsOnlyTheStudent() {
        assertThat(emails.of(event(EventType.BookingPaymentFailed, Map.of())))
                .extracting(LessonEmails.Notice::recipient).containsExactly(Recipient.student("stu-1"));
    }

    @Test
    void aFailedScheduledAuthorizationOfAConfirmedLessonTellsBothParties() {
        assertThat(emails.of(event(EventType.BookingPaymentFailed, Map.of("confirmedAt", "2026-12-01T10:00:00Z"))))
                .extracting(LessonEmails.Notice::recipient)
                .containsExactly(Recipient.student("stu-1"), Recipient.instructor("ins-1"));
    }

    @Test
    void savedWeeksAndCompletedLessonsSendNothing() {
        assertThat(emails.of(event(EventType.BookingCompleted, Map.of()))).isEmpty();
    }

    @Test
    void userTextIsEscapedInTheHtmlBody() {
        Email email = emails.of(event(EventType.BookingConfirmed, Map.of("serviceName", "<b>Jazz & \"Blues\"</b>")))
                .get(0).email();

        assertThat(email.html()).contains("&lt;b&gt;Jazz &amp; &quot;Blues&quot;&lt;/b&gt;").doesNotContain("<b>Jazz");
        assertThat(email.text()).contains("<b>Jazz & \"Blues\"</b>");
    }

    @Test
    void eachRecipientIsEmailedAtMostOnceAlsoWhenTheEventComesTwice() {
        List<Email> sent = new ArrayList<>();
        SendingNotifications sending = new SendingNotifications(emails, new MemoryLedger(), sent::add);
        DomainEvent confirmed = event(EventType.BookingConfirmed, Map.of());

        sending.notify(confirmed);
        sending.notify(confirmed);

        assertThat(sent).hasSize(2);
    }

    @Test
    void anEmailTheProviderRefusedIsSentOnTheRetryAndTheOthersAreNotRepeated() {
        List<Email> sent = new ArrayList<>();
        Set<String> refuseOnce = new HashSet<>(Set.of("ins-1@mail.test"));
        SendingNotifications sending = new SendingNotifications(emails, new MemoryLedger(), email -> {
            if (refuseOnce.remove(email.to())) {
                throw new EmailNotSent("throttled", null);
            }
            sent.add(email);
        });
        DomainEvent confirmed = event(EventType.BookingConfirmed, Map.of());

        assertThatThrownBy(() -> sending.notify(confirmed)).isInstanceOf(EmailNotSent.class);
        sending.notify(confirmed);

        assertThat(sent).extracting(Email::to).containsExactly("stu-1@mail.test", "ins-1@mail.test");
    }

    private static DomainEvent event(EventType type, Map<String, Object> overrides) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("bookingId", "bk_1");
        payload.put("instructorId", "ins-1");
        payload.put("studentId", "stu-1");
        payload.put("serviceName", "Guitar");
        payload.put("timezone", "America/New_York");
        payload.put("startsAt", "2026-12-07T14:30:00Z");
        payload.put("endsAt", "2026-12-07T15:30:00Z");
        payload.put("durationMinutes", 60);
        payload.put("locationType", "online");
        payload.put("price", Map.of("amount", 6000, "currency", "usd"));
        payload.putAll(overrides);
        return DomainEvent.of(type, Instant.parse("2026-12-01T10:00:00Z"), "ins-1", payload);
    }

    private static final class MemoryLedger implements NotificationLedger {
        private final Map<String, Boolean> claims = new HashMap<>();

        @Override
        public boolean claim(String eventId, Recipient recipient) {
            return claims.putIfAbsent(eventId + recipient, true) == null;
        }

        @Override
        public void release(String eventId, Recipient recipient) {
            claims.remove(eventId + recipient);
        }
    }
}
