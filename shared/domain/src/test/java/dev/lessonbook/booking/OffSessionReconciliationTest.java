package dev.lessonbook.booking;

import static dev.lessonbook.fixtures.Bookings.aBooking;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentReport;
import dev.lessonbook.payment.PaymentStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Stripe's reports about a scheduled authorization that asked its student for 3-D Secure
 * (docs/decisions.md "3-D Secure off-session"), and the due work of such a booking.
 */
class OffSessionReconciliationTest {
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");
    private static final Money LESSON = Money.of(6000, "usd");

    private final Booking scheduled = aBooking().payment(Payment.scheduled("usd", "cus_1", "pm_1")).build();
    private final Booking awaiting = aBooking().payment(Payment.awaitingAuthentication("usd", "pi_off", "cus_1", "pm_1")).build();

    @Test
    void theOffSessionRefusalAskingForAuthenticationFailsNothing() {
        PaymentReport refusal = new PaymentReport.AuthorizationFailed(scheduled.id(), "pi_off", "authentication_required");

        assertThat(PaymentReconciliation.of(scheduled, refusal, NOW)).isInstanceOf(PaymentReconciliation.Unchanged.class);
        assertThat(PaymentReconciliation.of(awaiting, refusal, NOW)).isInstanceOf(PaymentReconciliation.Unchanged.class);
        assertThat(PaymentReconciliation.of(scheduled, new PaymentReport.AuthorizationFailed(scheduled.id(), "pi_x",
                "insufficient_funds"), NOW)).as("a real decline still fails it").isInstanceOf(PaymentReconciliation.PaymentFailed.class);
    }

    @Test
    void theStudentsAuthenticationHeldRecordsTheAuthorizationOnTheConfirmedBooking() {
        PaymentReconciliation.Change change = PaymentReconciliation.of(awaiting,
                new PaymentReport.AuthorizationHeld(awaiting.id(), "pi_off", LESSON), NOW);

        assertThat(change).isInstanceOfSatisfying(PaymentReconciliation.NewPayment.class, updated -> {
            assertThat(updated.updated().status()).isEqualTo(BookingStatus.CONFIRMED);
            assertThat(updated.updated().payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);
            assertThat(updated.updated().payment().paymentIntentId()).isEqualTo("pi_off");
            assertThat(updated.updated().payment().customerId()).isEqualTo("cus_1");
        });
        assertThat(PaymentReconciliation.of(awaiting, new PaymentReport.AuthorizationHeld(awaiting.id(), "pi_other", LESSON), NOW))
                .as("another intent").isInstanceOf(PaymentReconciliation.Unchanged.class);
    }

    @Test
    void aFailedAuthenticationMarksThePaymentFailedWhichIsDueAtOnce() {
        PaymentReconciliation.Change change = PaymentReconciliation.of(awaiting,
                new PaymentReport.AuthorizationFailed(awaiting.id(), "pi_off", null), NOW);

        assertThat(change).isInstanceOfSatisfying(PaymentReconciliation.NewPayment.class, updated -> {
            assertThat(updated.updated().payment().status()).isEqualTo(PaymentStatus.FAILED);
            assertThat(DueWork.of(updated.updated())).contains(new DueWork.Due(DueWork.AUTHENTICATION_DEADLINE,
                    updated.updated().createdAt()));
        });
    }

    @Test
    void anAwaitedAuthenticationIsDueAtTheDeadlineBeforeTheLesson() {
        assertThat(DueWork.of(awaiting)).contains(new DueWork.Due(DueWork.AUTHENTICATION_DEADLINE,
                awaiting.startsAt().minus(Duration.ofHours(2))));
        assertThat(new AuthenticationDeadline(Duration.ofMinutes(30)).at(awaiting.startsAt()))
                .isEqualTo(awaiting.startsAt().minus(Duration.ofMinutes(30)));
    }
}
