package dev.lessonbook.booking;

import static dev.lessonbook.fixtures.Bookings.aBooking;
import static dev.lessonbook.fixtures.Results.rejectionOf;
import static dev.lessonbook.fixtures.Results.valueOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Role;
import dev.lessonbook.event.BookingCompleted;
import dev.lessonbook.fixtures.InMemoryBookingStore;
import dev.lessonbook.fixtures.ScriptedPaymentGateway;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.problem.ProblemCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletingABookingTest {
    private static final Caller INSTRUCTOR = new Caller("ins-1", Role.INSTRUCTOR);

    private final InMemoryBookingStore bookings = new InMemoryBookingStore();
    private final ScriptedPaymentGateway payments = new ScriptedPaymentGateway();
    private final List<String> incidents = new ArrayList<>();
    /** 2026-12-07 09:00–10:00 New York, 60.00 usd authorized as pi_1. */
    private final Booking lesson = aBooking().id("bk_lesson").build();

    private CompletingABooking completingAt(Instant now) {
        return new CompletingABooking(bookings, payments, (id, operation, reason) -> incidents.add(id + " " + operation),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private CompletingABooking afterTheEnd() {
        return completingAt(lesson.endsAt().plus(Duration.ofMinutes(5)));
    }

    @Test
    void instructorCompletingAfterTheEndCapturesTheFullPrice() {
        bookings.with(lesson);

        Booking completed = valueOf(afterTheEnd().complete(INSTRUCTOR, lesson.id()));

        assertThat(completed.status()).isEqualTo(BookingStatus.COMPLETED);
        assertThat(completed.payment().status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(completed.payment().amountCaptured()).isEqualTo(Money.of(6000, "usd"));
        assertThat(payments.calls).containsExactly("capture bk_lesson pi_1 6000");
        assertThat(bookings.find(lesson.id()).orElseThrow()).isEqualTo(completed);
        assertThat(bookings.events).hasExactlyElementsOfTypes(BookingCompleted.class);
    }

    @Test
    void completingAtTheEndInstantIsAllowed() {
        bookings.with(lesson);

        assertThat(valueOf(completingAt(lesson.endsAt()).complete(INSTRUCTOR, lesson.id())).status())
                .isEqualTo(BookingStatus.COMPLETED);
    }

    @Test
    void completingBeforeTheEndIsRefusedAsLessonNotEnded() {
        bookings.with(lesson);

        var refused = rejectionOf(completingAt(lesson.endsAt().minusSeconds(1)).complete(INSTRUCTOR, lesson.id()));

        assertThat(refused.code()).isEqualTo(ProblemCode.LESSON_NOT_ENDED);
        assertThat(payments.calls).isEmpty();
        assertThat(bookings.find(lesson.id()).orElseThrow()).isEqualTo(lesson);
    }

    @Test
    void adminMayComplete() {
        bookings.with(lesson);

        assertThat(valueOf(afterTheEnd().complete(new Caller("root", Role.ADMIN), lesson.id())).status())
                .isEqualTo(BookingStatus.COMPLETED);
    }

    @Test
    void itsStudentIsForbidden() {
        bookings.with(lesson);

        assertThat(rejectionOf(afterTheEnd().complete(new Caller("stu-1", Role.STUDENT), lesson.id())).code())
                .isEqualTo(ProblemCode.FORBIDDEN);
    }

    @Test
    void anotherStudentOrInstructorIsToldTheBookingDoesNotExist() {
        bookings.with(lesson);

        assertThat(rejectionOf(afterTheEnd().complete(new Caller("stu-2", Role.STUDENT), lesson.id())).code())
                .isEqualTo(ProblemCode.NOT_FOUND);
        assertThat(rejectionOf(afterTheEnd().complete(new Caller("ins-2", Role.INSTRUCTOR), lesson.id())).code())
                .isEqualTo(ProblemCode.NOT_FOUND);
    }

    @Test
    void providerUnreachableKeepsItConfirmedAndARetryCompletesIt() {
        bookings.with(lesson);
        payments.answering("capture", new PaymentOutcome.ProviderUnavailable("timeout"));

        var refused = rejectionOf(afterTheEnd().complete(INSTRUCTOR, lesson.id()));

        assertThat(refused.code()).isEqualTo(ProblemCode.PAYMENT_PROVIDER_UNAVAILABLE);
        assertThat(bookings.find(lesson.id()).orElseThrow()).isEqualTo(lesson);
        payments.answering("capture", new PaymentOutcome.Captured("pi_1", Money.of(6000, "usd")));
        assertThat(valueOf(afterTheEnd().complete(INSTRUCTOR, lesson.id())).status()).isEqualTo(BookingStatus.COMPLETED);
        assertThat(payments.calls).containsExactly("capture bk_lesson pi_1 6000", "capture bk_lesson pi_1 6000");
    }

    @Test
    void declinedCaptureCompletesTheLessonForManualReview() {
        bookings.with(lesson);
        payments.answering("capture", new PaymentOutcome.Declined("expired"));

        Booking completed = valueOf(afterTheEnd().complete(INSTRUCTOR, lesson.id()));

        assertThat(completed.status()).isEqualTo(BookingStatus.COMPLETED);
        assertThat(completed.payment().status()).isEqualTo(PaymentStatus.MANUAL_REVIEW);
        assertThat(incidents).containsExactly("bk_lesson complete");
    }

    @Test
    void scheduledPaymentAtCompletionIsChargedInFull() {
        Booking scheduled = aBooking().id("bk_sched")
                .payment(Payment.scheduled("usd", "cus_1", "pm_saved")).build();
        bookings.with(scheduled);

        Booking completed = valueOf(completingAt(scheduled.endsAt()).complete(INSTRUCTOR, scheduled.id()));

        assertThat(payments.calls).containsExactly("chargeSaved bk_sched 6000");
        assertThat(completed.payment().amountCaptured()).isEqualTo(Money.of(6000, "usd"));
    }

    @Test
    void completingACompletedBookingAnswersItUnchanged() {
        bookings.with(lesson);
        Booking completed = valueOf(afterTheEnd().complete(INSTRUCTOR, lesson.id()));

        assertThat(valueOf(afterTheEnd().complete(INSTRUCTOR, lesson.id()))).isEqualTo(completed);
        assertThat(payments.calls).hasSize(1);
    }

    @Test
    void completingACancelledBookingIsNotCompletable() {
        bookings.with(aBooking().id("bk_gone").status(BookingStatus.CANCELLED).build());

        var refused = rejectionOf(afterTheEnd().complete(INSTRUCTOR, "bk_gone"));

        assertThat(refused.code()).isEqualTo(ProblemCode.NOT_COMPLETABLE);
        assertThat(refused.detail()).isEqualTo("Booking cannot be completed - current status: CANCELLED");
    }
}
