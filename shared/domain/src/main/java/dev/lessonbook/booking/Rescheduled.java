package dev.lessonbook.booking;

import java.time.Instant;
import java.util.Objects;

/**
 * A booking's moves: where it was before the last one, how many there were in all and how many of
 * them its student asked for (the student's limit counts those), the request that made the last
 * one — so that a retry of it under the same {@code Idempotency-Key} is answered, not moved
 * again — and, for a booking moved with its authorization kept, the earliest moment that
 * authorization can have been made (its life is judged from it, {@link ReschedulingABooking}).
 *
 * <p>{@code count} is also the booking's version: every write of a booking is conditional on the
 * count it read (besides its status), so a write computed from the booking before a move — a
 * cancellation, a payment settlement, a second reschedule — cannot overwrite the moved booking.
 *
 * @param from null until the first move
 * @param requestKey hash of (caller, Idempotency-Key) of the last move; null when it had no key
 * @param requestFingerprint hash of what the last move asked for; null when it had no key
 * @param authorizedNoEarlierThan set by a move that kept an authorization made by the scheduler,
 *        whose start it no longer shows; null otherwise
 */
public record Rescheduled(RescheduledFrom from, int count, int byStudent, String requestKey, String requestFingerprint,
        Instant authorizedNoEarlierThan) {
    public static final Rescheduled NEVER = new Rescheduled(null, 0, 0, null, null, null);

    public Rescheduled(RescheduledFrom from, int count, int byStudent, String requestKey, String requestFingerprint) {
        this(from, count, byStudent, requestKey, requestFingerprint, null);
    }

    public Rescheduled {
        if (count < 0 || byStudent < 0 || byStudent > count || (from == null) != (count == 0)) {
            throw new IllegalArgumentException("Inconsistent reschedule record: " + count + " moves, " + byStudent
                    + " by the student, from " + from);
        }
    }

    /** One move more, from {@code previous}, asked for by the student or not, under {@code requestKey} (may be null). */
    public Rescheduled next(RescheduledFrom previous, boolean byTheStudent, String key, String fingerprint) {
        return new Rescheduled(Objects.requireNonNull(previous), count + 1, byStudent + (byTheStudent ? 1 : 0), key,
                fingerprint, null);
    }

    public Rescheduled withAuthorizedNoEarlierThan(Instant earliest) {
        return new Rescheduled(from, count, byStudent, requestKey, requestFingerprint, earliest);
    }
}
