package dev.lessonbook.bench;

import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payments.AroundPayments;
import java.util.function.Supplier;

/** The real Stripe gateway, adding up per thread the time spent in its calls. */
public final class TimedPayments {
    private static final ThreadLocal<long[]> NANOS = ThreadLocal.withInitial(() -> new long[1]);

    private TimedPayments() {}

    public static PaymentGateway around(PaymentGateway real) {
        return new AroundPayments(real, TimedPayments::timed);
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
}
