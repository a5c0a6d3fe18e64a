package dev.lessonbook.bench;

import dev.lessonbook.booking.Money;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentOutcome;
import java.util.function.Supplier;

/** The real Stripe gateway, adding up per thread the time spent in its calls. */
public final class TimedPayments implements PaymentGateway {
    private static final ThreadLocal<long[]> NANOS = ThreadLocal.withInitial(() -> new long[1]);

    private final PaymentGateway real;

    public TimedPayments(PaymentGateway real) {
        this.real = real;
    }

    public static long nanosOnThisThread() {
        return NANOS.get()[0];
    }

    private static PaymentOutcome timed(Supplier<PaymentOutcome> call) {
        long started = System.nanoTime();
        try {
            return call.get();
        } finally {
            NANOS.get()[0] += System.nanoTime() - started;
        }
    }

    @Override
    public PaymentOutcome authorize(String bookingId, Money amount, String paymentMethodId, String studentId) {
        return timed(() -> real.authorize(bookingId, amount, paymentMethodId, studentId));
    }

    @Override
    public PaymentOutcome saveCard(String bookingId, String paymentMethodId, String studentId) {
        return timed(() -> real.saveCard(bookingId, paymentMethodId, studentId));
    }

    @Override
    public PaymentOutcome authorizeSaved(String bookingId, Money amount, String customerId, String paymentMethodId) {
        return timed(() -> real.authorizeSaved(bookingId, amount, customerId, paymentMethodId));
    }

    @Override
    public PaymentOutcome chargeSaved(String bookingId, Money amount, String customerId, String paymentMethodId) {
        return timed(() -> real.chargeSaved(bookingId, amount, customerId, paymentMethodId));
    }

    @Override
    public PaymentOutcome capture(String bookingId, String paymentIntentId, long amount) {
        return timed(() -> real.capture(bookingId, paymentIntentId, amount));
    }

    @Override
    public PaymentOutcome release(String bookingId, String paymentIntentId) {
        return timed(() -> real.release(bookingId, paymentIntentId));
    }

    @Override
    public PaymentOutcome refund(String bookingId, String paymentIntentId, long amount) {
        return timed(() -> real.refund(bookingId, paymentIntentId, amount));
    }
}
