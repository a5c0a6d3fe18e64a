package dev.lessonbook.payments.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpURLConnectionClient;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * stripe-java's own HTTP transport with one rule added: the calls of one payment operation (the
 * three of {@code saveCard}, say) share a time budget, and a try starts only while a whole try —
 * its connect and read timeouts — and the longest pause stripe-java may take after it still fit in
 * what is left. stripe-java's retries are unchanged (two, after a connect failure, a timeout, a 409
 * or a 5xx, with the same idempotency key); the budget only keeps a Stripe that accepts and never
 * answers from holding a function past its Timeout (docs/decisions.md "Time budgets"). A refused
 * try fails with {@link OutOfTime} as its cause, which stripe-java does not retry.
 *
 * <p>The deadline belongs to the calling thread, set by {@link #within} for one operation: one
 * client, built at init, serves every invocation, and tests call one gateway from many threads.
 */
final class TimeBudgetedHttpClient extends HttpClient {
    /**
     * The longest pause stripe-java takes between tries: 0.5 s doubled per retry, never longer with
     * its jitter (which only shortens), so 1 s before the second retry.
     */
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

    private final HttpURLConnectionClient transport = new HttpURLConnectionClient();
    private final Duration budget;
    private final ThreadLocal<Long> deadline = new ThreadLocal<>();
    /** While priming: who answers this thread's requests instead of Stripe. */
    private final ThreadLocal<Function<StripeRequest, StripeResponse>> canned = new ThreadLocal<>();

    TimeBudgetedHttpClient(Duration budget) {
        this.budget = budget;
    }

    Duration budget() {
        return budget;
    }

    /** Runs one operation, every Stripe call it makes counted against one budget. */
    <T> T within(Supplier<T> operation) {
        deadline.set(System.nanoTime() + budget.toNanos());
        try {
            return operation.get();
        } finally {
            deadline.remove();
        }
    }

    /**
     * Runs {@code operation} with every request of this thread answered by {@code answers} in this
     * process: nothing is sent, wherever the client points (priming, docs/decisions.md).
     */
    <T> T answeringFrom(Function<StripeRequest, StripeResponse> answers, Supplier<T> operation) {
        canned.set(answers);
        try {
            return operation.get();
        } finally {
            canned.remove();
        }
    }

    @Override
    public StripeResponse request(StripeRequest request) throws StripeException {
        Function<StripeRequest, StripeResponse> answers = canned.get();
        if (answers != null) {
            return answers.apply(request);
        }
        if (Thread.currentThread().isInterrupted()) {
            // stripe-java keeps going after an interrupted pause; the caller has given up.
            throw refused(new OutOfTime("interrupted"));
        }
        Long until = deadline.get();
        if (until != null && System.nanoTime() + longestTryOf(request).plus(LONGEST_PAUSE).toNanos() - until > 0) {
            throw refused(new OutOfTime("the operation's " + budget.toMillis() + " ms are spent"));
        }
        return transport.request(request);
    }

    /** A try that connects at the last moment of its connect timeout and then waits its whole read timeout. */
    private static Duration longestTryOf(StripeRequest request) {
        return Duration.ofMillis(request.options().getConnectTimeout()).plusMillis(request.options().getReadTimeout());
    }

    private static ApiConnectionException refused(OutOfTime why) {
        return new ApiConnectionException("Stripe call not tried: " + why.getMessage(), why);
    }

    /** Why a try was not made; neither a connect failure nor a timeout, so stripe-java stops there. */
    static final class OutOfTime extends IOException {
        OutOfTime(String message) {
            super(message);
        }
    }
}
