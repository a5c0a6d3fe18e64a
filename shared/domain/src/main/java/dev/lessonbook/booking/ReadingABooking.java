package dev.lessonbook.booking;

import dev.lessonbook.access.Caller;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Result;

/**
 * GET a booking. To anyone but its parties a booking is answered exactly like a missing one
 * (same code, same detail), so its existence never leaks (docs/spec.md §1).
 */
public final class ReadingABooking {
    private final BookingStore bookings;

    public ReadingABooking(BookingStore bookings) {
        this.bookings = bookings;
    }

    public Result<Booking> read(Caller caller, String bookingId) {
        return bookings.find(bookingId)
                .filter(booking -> BookingParties.mayRead(caller, booking))
                .<Result<Booking>>map(Result::ok)
                .orElseGet(() -> Result.rejected(notFound()));
    }

    /**
     * The one answer for "no such booking" and "not yours": the same body either way (only
     * {@code instance}, the path the caller sent, differs), so it cannot tell one from the other.
     */
    public static Rejection notFound() {
        return Rejection.of(ProblemCode.NOT_FOUND, "Booking not found");
    }
}
