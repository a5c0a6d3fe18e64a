package dev.lessonbook.booking;

import dev.lessonbook.problem.Result;

/**
 * What creating (or rescheduling) a booking answered, and whether it is the answer to an earlier request with the
 * same {@code Idempotency-Key} (docs/spec.md §5.5): then the HTTP layer adds {@code Idempotent-Replayed: true}
 * and answers with the same status as the original — 201 for a booking, or the original problem
 * (402/502) for one whose payment failed.
 */
public record BookingOutcome(Result<Booking> result, boolean replayed) {

    public static BookingOutcome answered(Result<Booking> result) {
        return new BookingOutcome(result, false);
    }

    public static BookingOutcome replayed(Result<Booking> result) {
        return new BookingOutcome(result, true);
    }
}
