package dev.lessonbook.booking;

import dev.lessonbook.problem.Result;

/**
 * What creating (or rescheduling) a booking answered, and whether it is the answer to an earlier request with the
 * same {@code Idempotency-Key} (docs/spec.md §5.5): then the HTTP layer adds {@code Idempotent-Replayed: true}
 * and answers with the same status as the original — 201 for a booking, or the original problem
 * (402/502) for one whose payment failed.
 *
 * <p>{@code clientSecret} is set only when the card asks its holder to authenticate (3-D Secure):
 * the booking is PENDING with its slot held, answered 202 with the secret the student's browser
 * completes it with (docs/spec.md §6, "3-D Secure"). It is never stored.
 */
public record BookingOutcome(Result<Booking> result, boolean replayed, String clientSecret) {

    public static BookingOutcome answered(Result<Booking> result) {
        return new BookingOutcome(result, false, null);
    }

    public static BookingOutcome replayed(Result<Booking> result) {
        return new BookingOutcome(result, true, null);
    }

    /** A PENDING booking whose card asks its holder to authenticate with {@code clientSecret}. */
    public static BookingOutcome awaitingAuthentication(Booking pending, String clientSecret) {
        return new BookingOutcome(Result.ok(pending), false, clientSecret);
    }

    public boolean awaitsAuthentication() {
        return clientSecret != null;
    }

    @Override
    public String toString() {
        return "BookingOutcome[result=" + result + ", replayed=" + replayed + ", awaitsAuthentication="
                + awaitsAuthentication() + "]";
    }
}
