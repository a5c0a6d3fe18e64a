package dev.lessonbook.payment;

import dev.lessonbook.money.Money;
import java.util.Objects;

/**
 * What the payment provider reported on its own about a booking's payment (Stripe's webhooks):
 * each names the booking and the provider's payment (intent) it is about. Reports arrive late,
 * twice or out of order; {@code dev.lessonbook.booking.PaymentReconciliation} only ever moves a
 * payment forward with them.
 */
public sealed interface PaymentReport {

    String bookingId();

    String paymentIntentId();

    /** The amount is held on the card (an authorization made, e.g. off-session by the scheduler). */
    record AuthorizationHeld(String bookingId, String paymentIntentId, Money amount) implements PaymentReport {
        public AuthorizationHeld {
            requireIds(bookingId, paymentIntentId);
        }
    }

    /**
     * The card was saved for off-session use: the SetupIntent {@code setupIntentId} succeeded
     * (after the customer authenticated), attaching {@code paymentMethodId} to {@code customerId}.
     */
    record CardSetUp(String bookingId, String paymentIntentId, String customerId, String paymentMethodId)
            implements PaymentReport {
        public CardSetUp {
            requireIds(bookingId, paymentIntentId);
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(paymentMethodId, "paymentMethodId");
        }
    }

    /** The authorization failed: the card was declined, or its authentication failed (also a SetupIntent's). */
    record AuthorizationFailed(String bookingId, String paymentIntentId, String declineCode) implements PaymentReport {
        public AuthorizationFailed {
            requireIds(bookingId, paymentIntentId);
        }
    }

    /**
     * The intent was cancelled: by us (a release), or by the provider when an uncaptured
     * authorization lapsed ({@code reason} as the provider gives it, e.g. {@code automatic}).
     */
    record AuthorizationCanceled(String bookingId, String paymentIntentId, String reason) implements PaymentReport {
        public AuthorizationCanceled {
            requireIds(bookingId, paymentIntentId);
        }
    }

    /** {@code totalRefunded} of the payment's charge has been refunded so far (all refunds, ours and the dashboard's). */
    record Refunded(String bookingId, String paymentIntentId, Money totalRefunded) implements PaymentReport {
        public Refunded {
            requireIds(bookingId, paymentIntentId);
            Objects.requireNonNull(totalRefunded, "totalRefunded");
        }
    }

    /** The cardholder's bank opened dispute {@code disputeId} over {@code amount}. */
    record DisputeOpened(String bookingId, String paymentIntentId, String disputeId, Money amount)
            implements PaymentReport {
        public DisputeOpened {
            requireIds(bookingId, paymentIntentId);
            Objects.requireNonNull(disputeId, "disputeId");
        }
    }

    /** The bank decided dispute {@code disputeId}: {@code won} keeps the money, otherwise it went back. */
    record DisputeClosed(String bookingId, String paymentIntentId, String disputeId, Money amount, boolean won)
            implements PaymentReport {
        public DisputeClosed {
            requireIds(bookingId, paymentIntentId);
            Objects.requireNonNull(disputeId, "disputeId");
        }
    }

    private static void requireIds(String bookingId, String paymentIntentId) {
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(paymentIntentId, "paymentIntentId");
    }
}
