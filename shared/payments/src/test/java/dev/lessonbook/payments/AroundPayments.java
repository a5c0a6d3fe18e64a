package dev.lessonbook.payments;

import dev.lessonbook.money.Money;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentOutcome;
import java.util.function.Supplier;

/**
 * A payment gateway that runs every call of another through {@code around} — to time Stripe's
 * share of a request (bench), or to see when the first payment call starts (cost tests).
 */
public record AroundPayments(PaymentGateway real, Around around) implements PaymentGateway {

    /** What wraps each call: it must run {@code call} once and return its outcome. */
    @FunctionalInterface
    public interface Around {
        PaymentOutcome run(Supplier<PaymentOutcome> call);
    }

    @Override
    public PaymentOutcome authorize(String bookingId, Money amount, String paymentMethodId, String studentId,
                String customerId) {
        return around.run(() -> real.authorize(bookingId, amount, paymentMethodId, studentId, customerId));
    }

    @Override
    public PaymentOutcome saveCard(String bookingId, String paymentMethodId, String studentId, String customerId) {
        return around.run(() -> real.saveCard(bookingId, paymentMethodId, studentId, customerId));
    }

    @Override
    public PaymentOutcome authorizeSaved(String bookingId, Money amount, String customerId, String paymentMethodId) {
        return around.run(() -> real.authorizeSaved(bookingId, amount, customerId, paymentMethodId));
    }

    @Override
    public PaymentOutcome authorizeSavedForMove(String bookingId, int move, Money amount, String customerId,
            String paymentMethodId) {
        return around.run(() -> real.authorizeSavedForMove(bookingId, move, amount, customerId, paymentMethodId));
    }

    @Override
    public PaymentOutcome releaseReplaced(String bookingId, String paymentIntentId) {
        return around.run(() -> real.releaseReplaced(bookingId, paymentIntentId));
    }

    @Override
    public PaymentOutcome chargeSaved(String bookingId, Money amount, String customerId, String paymentMethodId) {
        return around.run(() -> real.chargeSaved(bookingId, amount, customerId, paymentMethodId));
    }

    @Override
    public PaymentOutcome capture(String bookingId, String paymentIntentId, Money amount) {
        return around.run(() -> real.capture(bookingId, paymentIntentId, amount));
    }

    @Override
    public PaymentOutcome release(String bookingId, String paymentIntentId) {
        return around.run(() -> real.release(bookingId, paymentIntentId));
    }

    @Override
    public PaymentOutcome refund(String bookingId, String paymentIntentId, Money amount) {
        return around.run(() -> real.refund(bookingId, paymentIntentId, amount));
    }
}
