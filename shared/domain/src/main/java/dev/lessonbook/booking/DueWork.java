package dev.lessonbook.booking;

import dev.lessonbook.payment.PaymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Work on a booking that falls due at a time and that the payment scheduler does, derived from
 * the booking's state alone: the store indexes a booking under its due work on every write, so
 * the index can never disagree with the booking for longer than its own replication lag.
 */
public enum DueWork {
    /** A saved card to authorize, 24 h before the lesson (Stripe authorizations last 7 days). */
    SCHEDULED_AUTHORIZATION,
    /** A PENDING hold that lapsed without confirmation (a crash between hold and payment). */
    HOLD_EXPIRY,
    /**
     * A booking that holds no time (PAYMENT_FAILED, EXPIRED) whose card may still carry its
     * authorization ({@link ReleasingAuthorizations#mayHoldAnAuthorization}); due at once.
     */
    AUTHORIZATION_RELEASE,
    /** A cancellation whose money move never got the provider's answer recorded (a crash after the cancel). */
    CANCELLATION_SETTLEMENT,
    /**
     * A confirmed lesson whose authorization nobody captured: completed by the scheduler as its
     * instructor would complete it, before the hold can lapse ({@link AutoCompletion}); due at the
     * lesson's end first when the hold's deadline is still to be read.
     */
    AUTO_COMPLETION,
    /**
     * A confirmed lesson whose scheduled off-session authorization asked its student to
     * authenticate (payment REQUIRES_ACTION): cancelled as PAYMENT_FAILED at its
     * {@link AuthenticationDeadline} unless authenticated by then; due at once when the payment
     * is already FAILED (an authentication that failed, or a cancellation interrupted half-way).
     */
    AUTHENTICATION_DEADLINE;

    /** How long before the lesson a saved card is authorized. */
    public static final Duration AUTHORIZATION_LEAD = Duration.ofHours(24);
    /**
     * How long a cancellation's own request has to record the provider's answer before the
     * scheduler takes over: longer than the cancel function's whole Timeout (30 s), so the request
     * is over by then. Settling twice would still move nothing twice (same idempotency keys); the
     * grace only spares the provider a duplicate call. A cancellation left unsettled is therefore
     * settled at most this plus one scheduler period (1 minute) after it, while the scheduler keeps up.
     */
    public static final Duration SETTLEMENT_GRACE = Duration.ofMinutes(1);

    /** One piece of due work: {@code kind}, due at {@code at}. */
    public record Due(DueWork kind, Instant at) {}

    /** The work {@code booking} has pending, if any, with the configured {@link AutoCompletion}. */
    public static Optional<Due> of(Booking booking) {
        return of(booking, AutoCompletion.CONFIGURED);
    }

    /** The work {@code booking} has pending, if any. A booking has at most one at a time. */
    public static Optional<Due> of(Booking booking, AutoCompletion completion) {
        return switch (booking.status()) {
            case PENDING -> Optional.ofNullable(booking.holdExpiresAt()).map(expiry -> new Due(HOLD_EXPIRY, expiry));
            case CONFIRMED -> switch (booking.payment().status()) {
                case SCHEDULED -> Optional.of(new Due(SCHEDULED_AUTHORIZATION, booking.startsAt().minus(AUTHORIZATION_LEAD)));
                case AUTHORIZED -> Optional.of(new Due(AUTO_COMPLETION,
                        completion.dueAt(booking.endsAt(), booking.payment().captureBefore())));
                case REQUIRES_ACTION -> Optional.of(new Due(AUTHENTICATION_DEADLINE,
                        AuthenticationDeadline.CONFIGURED.at(booking.startsAt())));
                case FAILED -> Optional.of(new Due(AUTHENTICATION_DEADLINE, booking.createdAt()));
                // Nothing held to lapse: free, or a person is on it (MANUAL_REVIEW), or disputed.
                default -> Optional.<Due>empty();
            };
            case CANCELLED -> CancellationSettlement.moveFor(booking).needsProvider() && booking.cancellation() != null
                    ? Optional.of(new Due(CANCELLATION_SETTLEMENT, booking.cancellation().at().plus(SETTLEMENT_GRACE)))
                    : Optional.empty();
            case PAYMENT_FAILED, EXPIRED -> ReleasingAuthorizations.mayHoldAnAuthorization(booking)
                    ? Optional.of(new Due(AUTHORIZATION_RELEASE, booking.createdAt()))
                    : Optional.empty();
            case COMPLETED -> Optional.empty();
        };
    }
}
