package dev.lessonbook.aws.priming;

/**
 * One part of a function that knows what its first request would load, and what it must read
 * again after a SnapStart restore. Components offer their own (a table's, the payment gateway's,
 * the event publisher's); a handler registers the ones it uses with {@link Priming#register}.
 */
public interface Primer {
    /**
     * Runs, before the snapshot, the code paths the first request would otherwise load: reading
     * only. A primer never writes to a table, never sends a message or an email and never calls
     * Stripe; it reads a key that cannot exist, or stops a request before it is sent.
     */
    void prime() throws Exception;

    /**
     * Reads again, after a restore, what must not come from the snapshot (a secret). Runs before
     * the restored function's first request; a failure fails that restore.
     */
    default void afterRestore() throws Exception {}

    /** What the primer is, for the log line of a failed priming. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** A primer that only primes, named for the log. */
    static Primer of(String name, ThrowingRunnable prime) {
        return new Primer() {
            @Override
            public void prime() throws Exception {
                prime.run();
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
