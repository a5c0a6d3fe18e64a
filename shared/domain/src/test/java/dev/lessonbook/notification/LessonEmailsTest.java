package dev.lessonbook.notification;

import static dev.lessonbook.fixtures.Bookings.aBooking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lessonbook.access.Role;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingEvents;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.Cancellation;
import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.event.AvailabilityWeekSaved;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.fixtures.Bookings;
import dev.lessonbook.fixtures.Profiles;
import dev.lessonbook.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LessonEmailsTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private final LessonEmails emails = new LessonEmails();
    /** Incidents raised, as "party bookingId". */
    private final List<String> incidents = new ArrayList<>();
    /** Instructor profiles' addresses of now: for bookings that kept none. */
    private final Map<String, String> profileAddresses = new HashMap<>();

    @Test
    void aConfirmedBookingEmailsTheStudentAndTheInstructor() {
        List<LessonEmails.Notice> notices = emails.of(confirmed(lesson()));

        assertThat(notices).extracting(notice -> notice.email().to()).containsExactly("stu-1@mail.test", "ins-1@mail.test");
    }

    @Test
    void aBookingThatKeptNoAddressesHasEmailsToNobody() {
        List<LessonEmails.Notice> notices = emails.of(confirmed(lesson().addresses(null, null)));

        assertThat(notices).extracting(notice -> notice.email().to()).containsExactly(null, null);
    }

    @Test
    void aStudentWithoutAnAddressIsSentNothingAndThatIsAnIncidentOnce() {
        List<Email> sent = new ArrayList<>();
        SendingNotifications sending = sending(sent::add);
        DomainEvent confirmed = confirmed(lesson().addresses(null, "ins-1@mail.test"));

        sending.notify(confirmed);
        sending.notify(confirmed);

        assertThat(sent).extracting(Email::to).containsExactly("ins-1@mail.test");
        assertThat(incidents).containsExactly("STUDENT bk_1");
    }

    @Test
    void anInstructorAddressTheBookingLacksIsTheProfilesAtSendTime() {
        List<Email> sent = new ArrayList<>();
        profileAddresses.put("ins-1", "ins-1@profile.test");

        sending(sent::add).notify(confirmed(lesson().addresses("stu-1@mail.test", null)));

        assertThat(sent).extracting(Email::to).containsExactly("stu-1@mail.test", "ins-1@profile.test");
        assertThat(incidents).isEmpty();
    }

    @Test
    void anInstructorWithoutAnAddressAnywhereIsSentNothingAndThatIsAnIncident() {
        List<Email> sent = new ArrayList<>();

        sending(sent::add).notify(confirmed(lesson().addresses("stu-1@mail.test", null)));

        assertThat(sent).extracting(Email::to).containsExactly("stu-1@mail.test");
        assertThat(incidents).containsExactly("INSTRUCTOR bk_1");
    }

    @Test
    void theBookingsOwnInstructorAddressWinsOverTheProfiles() {
        List<Email> sent = new ArrayList<>();
        profileAddresses.put("ins-1", "ins-1@profile.test");

        sending(sent::add).notify(confirmed(lesson()));

        assertThat(sent).extracting(Email::to).containsExactly("stu-1@mail.test", "ins-1@mail.test");
    }

    @Test
    void anEmailNeverShowsItsAddressWhenPrinted() {
        Email email = emails.of(confirmed(lesson())).get(0).email();

        assertThat(email.toString()).doesNotContain("stu-1@mail.test").contains("<hidden>");
    }

    @Test
    void timesAreShownInTheInstructorsTimezoneWhichIsNamed() {
        Email email = emails.of(confirmed(lesson())).get(0).email();

        // 14:30Z on 7 Dec 2026 is 09:30 in New York.
        assertThat(email.text()).contains("When: Monday 7 December 2026, 09:30–10:30 (America/New_York)");
        assertThat(email.subject()).contains("Mon 7 Dec 2026 09:30 America/New_York");
    }

    @Test
    void aRescheduleEmailsBothPartiesTheOldAndTheNewTimeInTheirTimezone() {
        Booking before = aBooking().at("2026-12-07T09:30").build();
        Booking after = aBooking().id(before.id()).at("2026-12-08T11:00").build();

        List<LessonEmails.Notice> notices = emails.of(BookingEvents.rescheduled(before, after, Role.STUDENT, AT));

        assertThat(notices).extracting(LessonEmails.Notice::recipient)
                .containsExactly(Recipient.student("stu-1"), Recipient.instructor("ins-1"));
        for (LessonEmails.Notice notice : notices) {
            assertThat(notice.email().subject()).startsWith("Lesson rescheduled: Guitar, Tue 8 Dec 2026 11:00 America/New_York");
            assertThat(notice.email().text()).contains("This lesson was moved by the student.")
                    .contains("When: Tuesday 8 December 2026, 11:00–12:00 (America/New_York)")
                    .contains("Was: Monday 7 December 2026, 09:30–10:30 (America/New_York)");
        }
    }

    @Test
    void aStudentCancellationTellsTheInstructorAndSendsTheStudentAReceiptWithTheCharge() {
        List<LessonEmails.Notice> notices = emails.of(cancelled(Role.STUDENT, 50, 3000));

        assertThat(notices).extracting(LessonEmails.Notice::recipient)
                .containsExactly(Recipient.instructor("ins-1"), Recipient.student("stu-1"));
        assertThat(notices.get(1).email().subject()).startsWith("Cancellation receipt");
        assertThat(notices.get(1).email().text()).contains("50% of the price is charged: USD 30.00.");
    }

    @Test
    void anInstructorCancellationTellsTheStudentAndSendsTheInstructorAReceipt() {
        List<LessonEmails.Notice> notices = emails.of(cancelled(Role.INSTRUCTOR, 0, 0));

        assertThat(notices).extracting(LessonEmails.Notice::recipient)
                .containsExactly(Recipient.student("stu-1"), Recipient.instructor("ins-1"));
        assertThat(notices.get(0).email().text()).contains("You will not be charged.");
    }

    @Test
    void aFailedPaymentAtBookingTellsOnlyTheStudent() {
        assertThat(emails.of(paymentFailed(lesson().status(BookingStatus.PAYMENT_FAILED))))
                .extracting(LessonEmails.Notice::recipient).containsExactly(Recipient.student("stu-1"));
    }

    @Test
    void aFailedScheduledAuthorizationOfAConfirmedLessonTellsBothParties() {
        assertThat(emails.of(paymentFailed(lesson().status(BookingStatus.PAYMENT_FAILED).confirmedAt("2026-12-01T10:00:00Z"))))
                .extracting(LessonEmails.Notice::recipient)
                .containsExactly(Recipient.student("stu-1"), Recipient.instructor("ins-1"));
    }

    @Test
    void savedWeeksAndCompletedLessonsSendNothing() {
        assertThat(emails.of(BookingEvents.completed(lesson().status(BookingStatus.COMPLETED).build(), AT))).isEmpty();
        assertThat(emails.of(AvailabilityWeekSaved.of(AT, "ins-1", LocalDate.parse("2026-12-07"), Profiles.NEW_YORK, "v1",
                Map.of(LocalDate.parse("2026-12-07"), List.of(new TimeWindow(540, 600)))))).isEmpty();
    }

    @Test
    void userTextIsEscapedInTheHtmlBody() {
        Email email = emails.of(confirmed(lesson().serviceName("<b>Jazz & \"Blues\"</b>")))
                .get(0).email();

        assertThat(email.html()).contains("&lt;b&gt;Jazz &amp; &quot;Blues&quot;&lt;/b&gt;").doesNotContain("<b>Jazz");
        assertThat(email.text()).contains("<b>Jazz & \"Blues\"</b>");
    }

    @Test
    void eachRecipientIsEmailedAtMostOnceAlsoWhenTheEventComesTwice() {
        List<Email> sent = new ArrayList<>();
        SendingNotifications sending = sending(sent::add);
        DomainEvent confirmed = confirmed(lesson());

        sending.notify(confirmed);
        sending.notify(confirmed);

        assertThat(sent).hasSize(2);
    }

    @Test
    void anEmailTheProviderRefusedIsSentOnTheRetryAndTheOthersAreNotRepeated() {
        List<Email> sent = new ArrayList<>();
        Set<String> refuseOnce = new HashSet<>(Set.of("ins-1@mail.test"));
        SendingNotifications sending = sending(email -> {
            if (refuseOnce.remove(email.to())) {
                throw new EmailNotSent("throttled", null);
            }
            sent.add(email);
        });
        DomainEvent confirmed = confirmed(lesson());

        assertThatThrownBy(() -> sending.notify(confirmed)).isInstanceOf(EmailNotSent.class);
        sending.notify(confirmed);

        assertThat(sent).extracting(Email::to).containsExactly("stu-1@mail.test", "ins-1@mail.test");
    }

    private SendingNotifications sending(Notifier notifier) {
        return new SendingNotifications(emails, new MemoryLedger(), notifier,
                instructorId -> java.util.Optional.ofNullable(profileAddresses.get(instructorId)),
                (eventId, bookingId, party) -> incidents.add(party + " " + bookingId));
    }

    /**
     * Guitar, 60 minutes online, USD 60.00, 7 Dec 2026 at 09:30 in New York (14:30Z), bk_1 of stu-1
     * with ins-1, who booked as stu-1@mail.test and ins-1@mail.test.
     */
    private static Bookings lesson() {
        return aBooking().id("bk_1").instructor("ins-1").student("stu-1").at("2026-12-07T09:30")
                .addresses("stu-1@mail.test", "ins-1@mail.test");
    }

    private static DomainEvent confirmed(Bookings lesson) {
        return BookingEvents.confirmed(lesson.build(), AT);
    }

    private static DomainEvent paymentFailed(Bookings lesson) {
        return BookingEvents.paymentFailed(lesson.build(), AT);
    }

    private static DomainEvent cancelled(Role by, int percent, long charged) {
        Booking lesson = lesson().build();
        return BookingEvents.cancelled(lesson.cancelled(new Cancellation(by, AT, null, percent, Money.of(charged, "usd")),
                lesson.payment()), AT);
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
