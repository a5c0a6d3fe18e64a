package dev.lessonbook.booking;

import dev.lessonbook.payment.DisputeAlerts;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.problem.DependencyBusyException;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payment.PaymentReport;
import dev.lessonbook.payment.ProviderEventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The payment provider's events (Stripe's webhooks, docs/spec.md §6 "Stripe webhooks"), store then
 * process: each event is recorded under its id before anything else, its report applied to the
 * booking it names ({@link PaymentReconciliation}), and only then marked processed. A duplicate of
 * a processed event does nothing; one whose processing failed midway (the function answered an
 * error, so the provider delivers it again) is processed again, which is harmless because every
 * write is conditional on the state it was computed from and a report only moves a payment forward.
 */
public final class FollowingPaymentReports {
    /**
     * A failed attempt means another writer (another event, the scheduler) changed the booking in
     * between, so each round one writer gets through; Stripe may deliver a payment's events all at
     * once (a refund in steps, a dispute), and every one of them must get through before giving up.
     */
    private static final int ATTEMPTS = 10;

    private final ProviderEventLog log;
    private final BookingStore bookings;
    private final PaymentIncidents incidents;
    private final DisputeAlerts alerts;
    /** Null when built without a gateway: a lapsed hold then goes to MANUAL_REVIEW. */
    private final RenewingLapsedHolds renewing;
    private final Clock clock;

    public FollowingPaymentReports(ProviderEventLog log, BookingStore bookings, PaymentIncidents incidents,
            DisputeAlerts alerts, Clock clock) {
        this(log, bookings, null, incidents, alerts, clock);
    }

    /** With {@code payments}, a lapsed hold of a confirmed lesson is authorized again on its saved card. */
    public FollowingPaymentReports(ProviderEventLog log, BookingStore bookings, PaymentGateway payments,
            PaymentIncidents incidents, DisputeAlerts alerts, Clock clock) {
        this.log = log;
        this.bookings = bookings;
        this.renewing = payments == null ? null : new RenewingLapsedHolds(payments);
        this.incidents = incidents;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** One event of the provider: its id, its type, and what it reports, if it is a type Lessonbook follows. */
    public record ProviderEvent(String id, String type, Optional<PaymentReport> report) {
        public ProviderEvent {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(report, "report");
        }
    }

    /** What became of an event. */
    public enum Handled {
        /** The booking's payment (or status) moved. */
        APPLIED,
        /** The booking already reflected the report, or the report is not about its payment. */
        UNCHANGED,
        /** No booking has the id the report names (a payment made outside Lessonbook). */
        UNKNOWN_BOOKING,
        /** A type Lessonbook does not follow: recorded, nothing else. */
        IGNORED,
        /** Processed before: a repeated delivery. */
        DUPLICATE
    }

    public Handled receive(ProviderEvent event) {
        if (log.record(event.id(), event.type(), clock.instant()) == ProviderEventLog.Receipt.PROCESSED) {
            return Handled.DUPLICATE;
        }
        Handled handled = event.report().map(this::apply).orElse(Handled.IGNORED);
        log.markProcessed(event.id(), clock.instant());
        return handled;
    }

    private Handled apply(PaymentReport report) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Booking> found = bookings.find(report.bookingId());
            if (found.isEmpty()) {
                return Handled.UNKNOWN_BOOKING;
            }
            Booking booking = found.get();
            Instant now = clock.instant();
            switch (PaymentReconciliation.of(booking, report, now)) {
                case PaymentReconciliation.Unchanged unchanged -> {
                    return Handled.UNCHANGED;
                }
                case PaymentReconciliation.NewPayment change -> {
                    if (bookings.updatePayment(change.updated(), booking, List.of())) {
                        return Handled.APPLIED;
                    }
                }
                case PaymentReconciliation.NeedsReview review -> {
                    if (bookings.updatePayment(review.updated(), booking, List.of())) {
                        incidents.manualReview(booking.id(), "provider-event", review.reason());
                        return Handled.APPLIED;
                    }
                }
                case PaymentReconciliation.PaymentFailed failure -> {
                    // Conditional on CONFIRMED, as the scheduler's own decline: of the two, one
                    // frees the time and announces the failure; the other finds it done.
                    if (bookings.releaseTo(failure.failed(), BookingStatus.CONFIRMED,
                            List.of(BookingEvents.paymentFailed(failure.failed(), now)))) {
                        return Handled.APPLIED;
                    }
                }
                case PaymentReconciliation.Confirmed confirmation -> {
                    if (confirmed(confirmation)) {
                        return Handled.APPLIED;
                    }
                }
                case PaymentReconciliation.AuthenticationFailed failure -> {
                    // Conditional on PENDING, as confirm-payment's own failure: one frees the time.
                    if (bookings.releaseTo(failure.failed(), BookingStatus.PENDING,
                            List.of(BookingEvents.paymentFailed(failure.failed(), now)))) {
                        return Handled.APPLIED;
                    }
                }
                case PaymentReconciliation.HoldLapsed lapsed -> {
                    if (renew(booking)) {
                        return Handled.APPLIED;
                    }
                }
                case PaymentReconciliation.DisputeChanged dispute -> {
                    if (bookings.updatePayment(dispute.updated(), booking, List.of())) {
                        alerts.dispute(booking.id(), dispute.disputeId(), dispute.stage());
                        return Handled.APPLIED;
                    }
                }
            }
        }
        throw new BookingChangedConcurrently("Booking " + report.bookingId() + " kept changing while a provider event was applied");
    }

    /**
     * Confirms a PENDING booking whose customer authenticated, conditional on PENDING and on its
     * locks (as confirm-payment does: of the two, one confirms and announces it). When its hold
     * was taken by another booking meanwhile, it ends EXPIRED with the authorization recorded,
     * which makes releasing it the scheduler's due work. False: the booking changed; read again.
     */
    private boolean confirmed(PaymentReconciliation.Confirmed confirmation) {
        Booking confirmed = confirmation.confirmed();
        try {
            bookings.confirm(confirmed, List.of(BookingEvents.confirmed(confirmed, confirmed.confirmedAt())));
            return true;
        } catch (BookingChangedConcurrently lost) {
            if (lost.takenBy().isEmpty()) {
                return false;
            }
            Payment payment = confirmed.payment();
            Payment held = payment.status() == PaymentStatus.SCHEDULED ? payment.withStatus(PaymentStatus.RELEASED) : payment;
            return bookings.releaseTo(confirmation.pending().withStatus(BookingStatus.EXPIRED).withPayment(held),
                    BookingStatus.PENDING, List.of());
        }
    }

    /**
     * Authorizes the saved card again (the key derives from the lapsed intent, so the scheduler
     * meeting the same lapse gets the same intent) and records it; refused → MANUAL_REVIEW with an
     * incident; Stripe unreachable → 503 before the event is marked, and Stripe delivers it again.
     *
     * @return false when the booking changed meanwhile (read again and recomputed)
     */
    private boolean renew(Booking booking) {
        RenewingLapsedHolds.Renewal renewal = renewing == null ? new RenewingLapsedHolds.NoSavedCard() : renewing.renew(booking);
        switch (renewal) {
            case RenewingLapsedHolds.Renewed renewed -> {
                return bookings.updatePayment(booking.withPayment(renewed.payment()), booking, List.of());
            }
            case RenewingLapsedHolds.Unavailable unavailable ->
                    throw new DependencyBusyException("Stripe", new IllegalStateException(RenewingLapsedHolds.noRenewal(renewal)));
            default -> {
                if (bookings.updatePayment(booking.withPayment(booking.payment().withStatus(PaymentStatus.MANUAL_REVIEW)),
                        booking, List.of())) {
                    incidents.manualReview(booking.id(), "renew-hold", RenewingLapsedHolds.noRenewal(renewal));
                    return true;
                }
                return false;
            }
        }
    }
}
