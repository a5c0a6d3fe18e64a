package dev.lessonbook.booking;

import static dev.lessonbook.fixtures.Bookings.aBooking;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Role;
import dev.lessonbook.booking.FollowingPaymentReports.Handled;
import dev.lessonbook.booking.FollowingPaymentReports.ProviderEvent;
import dev.lessonbook.event.BookingPaymentFailed;
import dev.lessonbook.fixtures.InMemoryBookingStore;
import dev.lessonbook.fixtures.ScriptedPaymentGateway;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Dispute;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentReport;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.payment.ProviderEventLog;
import dev.lessonbook.stats.BookingStats;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Stripe's events applied to bookings: store then process, forward only, in any order, once. */
class FollowingPaymentReportsTest {
    private static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");

    private final InMemoryBookingStore bookings = new InMemoryBookingStore();
    private final RecordingLog log = new RecordingLog();
    private final List<String> incidents = new ArrayList<>();
    private final List<String> alerts = new ArrayList<>();
    private final FollowingPaymentReports following = new FollowingPaymentReports(log, bookings,
            (bookingId, operation, reason) -> incidents.add(bookingId + " " + operation),
            (bookingId, disputeId, stage) -> alerts.add(bookingId + " " + disputeId + " " + stage),
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final AtomicInteger eventIds = new AtomicInteger();

    /** A completed lesson whose 6000 were captured under pi_1. */
    private final Booking completed = aBooking().id("bk_done").status(BookingStatus.COMPLETED).captured(6000, 0).build();

    @Test
    void aRefundMadeInTheDashboardIsRecordedAndTheStatsFollow() {
        bookings.with(completed);

        assertThat(receive(new PaymentReport.Refunded("bk_done", "pi_1", usd(2000)))).isEqualTo(Handled.APPLIED);

        Payment payment = stored("bk_done").payment();
        assertThat(payment.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(payment.amountRefunded()).isEqualTo(usd(2000));
        assertThat(earnings()).isEqualTo(usd(4000));
    }

    @Test
    void everythingRefundedIsRefunded() {
        bookings.with(completed);

        receive(new PaymentReport.Refunded("bk_done", "pi_1", usd(6000)));

        assertThat(stored("bk_done").payment().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(earnings()).isEqualTo(usd(0));
    }

    @Test
    void anOlderRefundTotalArrivingLateChangesNothing() {
        bookings.with(completed);
        receive(new PaymentReport.Refunded("bk_done", "pi_1", usd(3000)));

        assertThat(receive(new PaymentReport.Refunded("bk_done", "pi_1", usd(1000)))).isEqualTo(Handled.UNCHANGED);

        assertThat(stored("bk_done").payment().amountRefunded()).isEqualTo(usd(3000));
    }

    @Test
    void aRefundOfACancellationWhoseOwnRefundIsNotRecordedYetIsLeftToIt() {
        // Cancelled by the instructor after a capture: the settlement's refund is still to be recorded.
        Booking cancelled = aBooking().id("bk_cx").captured(6000, 0)
                .cancelled(new Cancellation(Role.INSTRUCTOR, NOW.minusSeconds(5), null, 0, usd(0))).build();
        bookings.with(cancelled);

        assertThat(receive(new PaymentReport.Refunded("bk_cx", "pi_1", usd(6000)))).isEqualTo(Handled.UNCHANGED);

        assertThat(stored("bk_cx")).isEqualTo(cancelled);
    }

    @Test
    void aDuplicateDeliveryIsProcessedOnce() {
        bookings.with(completed);
        ProviderEvent refund = event(new PaymentReport.Refunded("bk_done", "pi_1", usd(2000)));

        assertThat(following.receive(refund)).isEqualTo(Handled.APPLIED);
        assertThat(following.receive(refund)).isEqualTo(Handled.DUPLICATE);

        assertThat(stored("bk_done").payment().amountRefunded()).isEqualTo(usd(2000));
    }

    @Test
    void anEventWhoseProcessingNeverFinishedIsProcessedWhenDeliveredAgain() {
        bookings.with(completed);
        ProviderEvent refund = event(new PaymentReport.Refunded("bk_done", "pi_1", usd(2000)));
        log.record(refund.id(), refund.type(), NOW);

        assertThat(following.receive(refund)).isEqualTo(Handled.APPLIED);

        assertThat(log.processed).contains(refund.id());
    }

    @Test
    void aDisputeOpensAndIsWon() {
        bookings.with(completed);

        receive(new PaymentReport.DisputeOpened("bk_done", "pi_1", "dp_1", usd(6000)));
        assertThat(stored("bk_done").payment().status()).isEqualTo(PaymentStatus.DISPUTED);
        receive(new PaymentReport.DisputeClosed("bk_done", "pi_1", "dp_1", usd(6000), true));

        Payment payment = stored("bk_done").payment();
        assertThat(payment.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(payment.dispute()).isEqualTo(new Dispute("dp_1", usd(6000), Dispute.Outcome.WON));
        assertThat(earnings()).isEqualTo(usd(6000));
        assertThat(alerts).containsExactly("bk_done dp_1 opened", "bk_done dp_1 won");
    }

    @Test
    void aLostDisputeTakesTheMoneyOutOfTheEarnings() {
        bookings.with(completed);

        receive(new PaymentReport.DisputeOpened("bk_done", "pi_1", "dp_1", usd(6000)));
        receive(new PaymentReport.DisputeClosed("bk_done", "pi_1", "dp_1", usd(6000), false));

        assertThat(stored("bk_done").payment().status()).isEqualTo(PaymentStatus.DISPUTE_LOST);
        assertThat(earnings()).isEqualTo(usd(0));
    }

    @Test
    void aDisputeClosedBeforeItsOpeningArrivesStaysDecided() {
        bookings.with(completed);

        receive(new PaymentReport.DisputeClosed("bk_done", "pi_1", "dp_1", usd(6000), true));
        assertThat(receive(new PaymentReport.DisputeOpened("bk_done", "pi_1", "dp_1", usd(6000))))
                .isEqualTo(Handled.UNCHANGED);

        assertThat(stored("bk_done").payment().status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(stored("bk_done").payment().dispute().outcome()).isEqualTo(Dispute.Outcome.WON);
        assertThat(alerts).containsExactly("bk_done dp_1 won");
    }

    @Test
    void aReportAboutAnotherIntentThanTheBookingsChangesNothing() {
        bookings.with(completed);

        assertThat(receive(new PaymentReport.DisputeOpened("bk_done", "pi_other", "dp_1", usd(6000))))
                .isEqualTo(Handled.UNCHANGED);

        assertThat(stored("bk_done")).isEqualTo(completed);
    }

    @Test
    void aCancelledAuthorizationOfAConfirmedLessonGoesToManualReview() {
        Booking confirmed = aBooking().id("bk_live").build();
        bookings.with(confirmed);

        assertThat(receive(new PaymentReport.AuthorizationCanceled("bk_live", "pi_1", "automatic")))
                .isEqualTo(Handled.APPLIED);

        assertThat(stored("bk_live").payment().status()).isEqualTo(PaymentStatus.MANUAL_REVIEW);
        assertThat(stored("bk_live").status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(incidents).containsExactly("bk_live provider-event");
    }

    @Test
    void aLapsedHoldOfAConfirmedLessonWithASavedCardIsAuthorizedAgain() {
        ScriptedPaymentGateway payments = new ScriptedPaymentGateway();
        FollowingPaymentReports renewing = new FollowingPaymentReports(log, bookings, payments,
                (bookingId, operation, reason) -> incidents.add(bookingId + " " + operation),
                (bookingId, disputeId, stage) -> alerts.add(bookingId + " " + disputeId + " " + stage),
                Clock.fixed(NOW, ZoneOffset.UTC));
        bookings.with(aBooking().id("bk_saved").payment(Payment.scheduled("usd", "cus_1", "pm_saved")
                .withAuthorization(usd(6000), "pi_1")).build());

        assertThat(renewing.receive(event(new PaymentReport.AuthorizationCanceled("bk_saved", "pi_1", "automatic"))))
                .isEqualTo(Handled.APPLIED);
        assertThat(renewing.receive(event(new PaymentReport.AuthorizationCanceled("bk_saved", "pi_1", "automatic"))))
                .as("the same lapse reported again").isEqualTo(Handled.UNCHANGED);

        Payment payment = stored("bk_saved").payment();
        assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(payment.paymentIntentId()).isEqualTo("pi_renewed_pi_1");
        assertThat(payment.renewedFrom()).isEqualTo("pi_1");
        assertThat(payments.calls).containsExactly("authorizeSavedAgain bk_saved 6000 pi_1");
        assertThat(incidents).isEmpty();
    }

    @Test
    void aHoldCancelledInTheDashboardIsNotAuthorizedAgain() {
        ScriptedPaymentGateway payments = new ScriptedPaymentGateway();
        FollowingPaymentReports renewing = new FollowingPaymentReports(log, bookings, payments,
                (bookingId, operation, reason) -> incidents.add(bookingId + " " + operation),
                (bookingId, disputeId, stage) -> alerts.add(bookingId + " " + disputeId + " " + stage),
                Clock.fixed(NOW, ZoneOffset.UTC));
        bookings.with(aBooking().id("bk_saved").payment(Payment.scheduled("usd", "cus_1", "pm_saved")
                .withAuthorization(usd(6000), "pi_1")).build());

        renewing.receive(event(new PaymentReport.AuthorizationCanceled("bk_saved", "pi_1", "requested_by_customer")));

        assertThat(stored("bk_saved").payment().status()).isEqualTo(PaymentStatus.MANUAL_REVIEW);
        assertThat(payments.calls).isEmpty();
        assertThat(incidents).containsExactly("bk_saved provider-event");
    }

    @Test
    void theCancelledAuthorizationOfAFailedBookingIsItsRelease() {
        bookings.with(aBooking().id("bk_failed").status(BookingStatus.PAYMENT_FAILED).build());

        receive(new PaymentReport.AuthorizationCanceled("bk_failed", "pi_1", "requested_by_customer"));

        assertThat(stored("bk_failed").payment().status()).isEqualTo(PaymentStatus.RELEASED);
        assertThat(incidents).isEmpty();
    }

    @Test
    void anOffSessionAuthorizationReportedHeldIsRecorded() {
        bookings.with(aBooking().id("bk_saved").payment(Payment.scheduled("usd", "cus_1", "pm_saved")).build());

        receive(new PaymentReport.AuthorizationHeld("bk_saved", "pi_saved", usd(6000)));

        Payment payment = stored("bk_saved").payment();
        assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(payment.paymentIntentId()).isEqualTo("pi_saved");
        assertThat(payment.amountAuthorized()).isEqualTo(usd(6000));
    }

    @Test
    void aHeldReportOfAnAuthorizationAlreadyRecordedChangesNothing() {
        Booking authorized = aBooking().id("bk_auth").build();
        bookings.with(authorized);

        assertThat(receive(new PaymentReport.AuthorizationHeld("bk_auth", "pi_1", usd(6000)))).isEqualTo(Handled.UNCHANGED);

        assertThat(stored("bk_auth")).isEqualTo(authorized);
    }

    @Test
    void aFailedOffSessionAuthorizationFailsTheBookingOnceAndAnnouncesIt() {
        bookings.with(aBooking().id("bk_saved").payment(Payment.scheduled("usd", "cus_1", "pm_saved")).build());

        receive(new PaymentReport.AuthorizationFailed("bk_saved", "pi_saved", "insufficient_funds"));
        assertThat(receive(new PaymentReport.AuthorizationFailed("bk_saved", "pi_saved", "insufficient_funds")))
                .isEqualTo(Handled.UNCHANGED);

        assertThat(stored("bk_saved").status()).isEqualTo(BookingStatus.PAYMENT_FAILED);
        assertThat(stored("bk_saved").payment().status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(bookings.events).hasSize(1).first().isInstanceOf(BookingPaymentFailed.class);
    }

    @Test
    void aTypeNotFollowedIsRecordedAndIgnored() {
        ProviderEvent customer = new ProviderEvent("evt_customer", "customer.created", Optional.empty());

        assertThat(following.receive(customer)).isEqualTo(Handled.IGNORED);

        assertThat(log.processed).contains("evt_customer");
    }

    @Test
    void aPaymentOfNoBookingOfOursIsAcknowledged() {
        assertThat(receive(new PaymentReport.Refunded("bk_elsewhere", "pi_9", usd(100)))).isEqualTo(Handled.UNKNOWN_BOOKING);
    }

    private Handled receive(PaymentReport report) {
        return following.receive(event(report));
    }

    private ProviderEvent event(PaymentReport report) {
        return new ProviderEvent("evt_" + eventIds.incrementAndGet(), "some.type", Optional.of(report));
    }

    private Booking stored(String id) {
        return bookings.find(id).orElseThrow();
    }

    private Money earnings() {
        return BookingStats.of(completed.instructorId(), bookings.all(), completed.timezone(),
                Clock.fixed(NOW, ZoneOffset.UTC)).totalEarnings();
    }

    private static Money usd(long amount) {
        return Money.of(amount, "usd");
    }

    /** The event log as a map: id → processed. */
    private static final class RecordingLog implements ProviderEventLog {
        final Map<String, Boolean> events = new HashMap<>();
        final List<String> processed = new ArrayList<>();

        @Override
        public Receipt record(String eventId, String type, Instant now) {
            Boolean done = events.putIfAbsent(eventId, false);
            return done == null ? Receipt.NEW : done ? Receipt.PROCESSED : Receipt.UNFINISHED;
        }

        @Override
        public void markProcessed(String eventId, Instant now) {
            events.put(eventId, true);
            processed.add(eventId);
        }
    }
}
