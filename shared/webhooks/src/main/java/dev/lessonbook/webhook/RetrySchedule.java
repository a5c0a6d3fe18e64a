package dev.lessonbook.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: exponential backoff from {@link #FIRST_DELAY}, capped at
 * {@link #LONGEST_DELAY}, each delay drawn between its half and its whole (jitter, so receivers
 * coming back from an outage are not hit by every retry at once). Retries go on until the first
 * attempt is {@link #GIVING_UP_AFTER} old — so a receiver is retried for at least 24 h — and then
 * the delivery is failed.
 */
public final class RetrySchedule {
    public static final Duration FIRST_DELAY = Duration.ofSeconds(30);
    public static final Duration LONGEST_DELAY = Duration.ofHours(1);
    public static final Duration GIVING_UP_AFTER = Duration.ofHours(24);

    private final RandomGenerator random;

    public RetrySchedule(RandomGenerator random) {
        this.random = random;
    }

    /**
     * The next attempt after the {@code attempts}-th failed one at {@code now}, or empty when the
     * delivery has been retried long enough and is failed.
     */
    public Optional<Instant> nextAttemptAfter(int attempts, Instant firstAttemptAt, Instant now) {
        if (!now.isBefore(firstAttemptAt.plus(GIVING_UP_AFTER))) {
            return Optional.empty();
        }
        long doublings = Math.min(Math.max(attempts - 1, 0), 20);
        long delaySeconds = Math.min(FIRST_DELAY.toSeconds() << doublings, LONGEST_DELAY.toSeconds());
        long jittered = delaySeconds / 2 + random.nextLong(delaySeconds - delaySeconds / 2 + 1);
        return Optional.of(now.plusSeconds(jittered));
    }
}
