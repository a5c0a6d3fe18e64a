package dev.lessonbook.booking;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Permissions.Booker;
import dev.lessonbook.access.Role;
import dev.lessonbook.availability.AvailabilityStore;
import dev.lessonbook.booking.BookingStore.RescheduleOutcome;
import dev.lessonbook.calendar.LockMove;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.DeclineCode;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.ProfileRules;
import dev.lessonbook.profile.ProfileStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * POST /v1/bookings/{bookingId}/reschedule (docs/spec.md, "Rescheduling"). In this order, the first
 * failure answering:
 * <ol>
 *   <li>the caller is the booking's student, its instructor or an admin — anyone else is told it
 *       does not exist (404, as for reading and cancelling);
 *   <li>whether it may move at all ({@link ReschedulePolicy}: status, started, a student's notice
 *       and limit);
 *   <li>every rule of a new booking for the new time ({@link BookingRules}, exactly as for a new
 *       booking by the booking's student, with its service, location type and card);
 *   <li>one transaction moves it ({@link BookingStore#reschedule}): the database refuses a new
 *       time another booking holds (409, same texts as booking), and a move computed from a
 *       booking that changed meanwhile (409 {@code BOOKING_CHANGED}).
 * </ol>
 * The booking's own occupancy never conflicts with itself: the units both times share are kept.
 *
 * <p>At most three reads — the booking, the profile, the day's availability — and one
 * transaction. The payment is kept as it is: the same authorization when the price is unchanged
 * and the authorization lives past the new start; a saved card ({@code SCHEDULED}) is authorized
 * by the scheduler 24 h before the new start. A lesson moved past its authorization's life has
 * its card saved before the move and the authorization released after it ({@code SCHEDULED}).
 * Another price on an authorized lesson (another duration) is authorized first, off-session on the
 * card saved at booking; the move commits with that authorization, and only then is the old one
 * released. A decline answers 402 and changes nothing; a move that does not commit releases the
 * authorization it made (docs/decisions.md, "Rescheduling": another price).
 *
 * <p>Idempotency: a move with an {@code Idempotency-Key} is remembered on the booking until the
 * next move; a retry with the same key and body answers the booking as it is (replayed), with
 * another body 422 {@code IDEMPOTENCY_KEY_REUSED}.
 */
public final class ReschedulingABooking {
    private final ProfileStore profiles;
    private final AvailabilityStore weeks;
    private final BookingStore bookings;
    private final PaymentGateway payments;
    private final PaymentIncidents incidents;
    private final ReschedulePolicy policy;
    private final Clock clock;

    public ReschedulingABooking(ProfileStore profiles, AvailabilityStore weeks, BookingStore bookings,
            PaymentGateway payments, PaymentIncidents incidents, ReschedulePolicy policy, Clock clock) {
        this.profiles = profiles;
        this.weeks = weeks;
        this.bookings = bookings;
        this.payments = payments;
        this.incidents = incidents;
        this.policy = policy;
        this.clock = clock;
    }

    public BookingOutcome reschedule(RescheduleRequest request) {
        Caller caller = request.caller();
        Optional<Booking> found = bookings.find(request.bookingId()).filter(booking -> BookingParties.mayRead(caller, booking));
        if (found.isEmpty()) {
            return answered(Result.rejected(ReadingABooking.notFound()));
        }
        Booking booking = found.get();
        String requestKey = request.requestKey();
        String fingerprint = request.fingerprint();
        if (requestKey != null && requestKey.equals(booking.rescheduled().requestKey())) {
            return replayOf(booking, fingerprint);
        }
        Result<Booker> student = Permissions.toReschedule(caller, booking.studentId(), booking.instructorId());
        if (student instanceof Result.Rejected<Booker> forbidden) {
            return answered(Result.rejected(forbidden.rejection()));
        }
        Instant now = clock.instant();
        Optional<Rejection> refused = policy.check(booking, caller, now);
        if (refused.isPresent()) {
            return answered(Result.rejected(refused.get()));
        }
        if (isNoMove(booking, request)) {
            return answered(Result.ok(booking));
        }
        BookingRequest asNew = new BookingRequest(student.orElseThrow(), booking.instructorId(), booking.serviceId(),
                request.date(), request.startMinute(), request.durationFor(booking), booking.locationType(),
                booking.payment().paymentMethodId(), booking.note(), null);
        ProposedLesson lesson;
        switch (BookingRules.judge(asNew, profiles, weeks, now)) {
            case Result.Rejected<ProposedLesson> rejected -> {
                return answered(Result.rejected(rejected.rejection()));
            }
            case Result.Ok<ProposedLesson> ok -> lesson = ok.value();
        }
        Booking moved = moved(booking, lesson, caller, requestKey, fingerprint);
        if (!new RescheduleWrites(LockMove.between(booking.occupancy(), moved.occupancy()),
                RescheduleWrites.MOST_STALE_VIEWS, RescheduleWrites.dailyCounters(booking, moved)).fitsOneTransaction()) {
            // Only a booking made when buffers could be 240 minutes: its locks are too many to move at once.
            return answered(Result.rejected(ProblemCode.NOT_RESCHEDULABLE, "This booking was made with buffers longer"
                    + " than " + ProfileRules.MAX_BUFFER_MINUTES + " minutes and cannot be moved"
                    + " in one step; cancel it and book again"));
        }
        boolean outlivesAuthorization = outlivesItsAuthorization(booking, moved);
        boolean reprices = !outlivesAuthorization && changesAnAuthorizedPrice(booking, moved);
        if (reprices) {
            Result<Booking> authorized = authorizedAnew(booking, moved, now);
            if (authorized instanceof Result.Rejected<Booking> notAuthorized) {
                return answered(Result.rejected(notAuthorized.rejection()));
            }
            moved = authorized.orElseThrow();
        }
        if (outlivesAuthorization) {
            Result<Payment> saved = cardSavedFor(booking);
            if (saved instanceof Result.Rejected<Payment> notSaved) {
                return answered(Result.rejected(notSaved.rejection()));
            }
            // Nothing authorized is kept: the next authorization's life counts from the scheduler's.
            moved = moved.toBuilder().payment(saved.orElseThrow())
                    .rescheduled(moved.rescheduled().withAuthorizedNoEarlierThan(null)).build();
        }
        RescheduleOutcome outcome = bookings.reschedule(booking, moved, now, lesson.bookingLimits().maxLessonsPerDay(),
                List.of(BookingEvents.rescheduled(booking, moved, caller.role(), now)));
        if (reprices && !(outcome instanceof RescheduleOutcome.Moved)) {
            releaseUncommitted(moved);
        }
        return switch (outcome) {
            case RescheduleOutcome.Moved done -> {
                if (outlivesAuthorization) {
                    releaseAfterMove(booking);
                }
                if (reprices) {
                    releaseReplaced(booking);
                }
                yield answered(Result.ok(done.booking()));
            }
            case RescheduleOutcome.Conflict conflict -> answered(Result.rejected(conflict.scope().rejection()));
            case RescheduleOutcome.Changed changed -> changedMeanwhile(request, requestKey, fingerprint);
            case RescheduleOutcome.DailyLimitReached full -> answered(BookingALesson.dailyLimitReached(lesson));
            case RescheduleOutcome.DayOff off -> answered(BookingALesson.dayOff());
        };
    }

    /**
     * The booking at the new time: the lesson placed by the booking rules, its price kept unless
     * the duration changes (a move does not reprice a lesson at today's rates), the old time
     * remembered and the move counted.
     */
    private static Booking moved(Booking booking, ProposedLesson lesson, Caller caller, String requestKey,
            String fingerprint) {
        BookingRequest request = lesson.request();
        Money price = request.durationMinutes() == booking.durationMinutes() ? booking.price() : lesson.price();
        Rescheduled moves = booking.rescheduled().next(RescheduledFrom.of(booking), caller.role() == Role.STUDENT,
                requestKey, fingerprint);
        if (booking.payment().status() == PaymentStatus.AUTHORIZED) {
            // If the authorization is kept, its life counts from then, which the new start no longer tells.
            moves = moves.withAuthorizedNoEarlierThan(authorizedNoEarlierThan(booking));
        }
        return booking.toBuilder()
                .at(lesson)
                .price(price)
                .rescheduled(moves)
                .build();
    }

    /**
     * An authorization lapses 7 days after it was made: a move of an authorized lesson to a start
     * past its life cannot keep it. The card is saved instead and the authorization released once
     * the move committed; the scheduler authorizes the new price 24 h before the new start.
     */
    private static boolean outlivesItsAuthorization(Booking before, Booking after) {
        return before.payment().status() == PaymentStatus.AUTHORIZED && after.startsAt().isAfter(authorizationHorizon(before));
    }

    /** An authorization covers one amount: another price on an authorized lesson needs one of its own. */
    private static boolean changesAnAuthorizedPrice(Booking before, Booking after) {
        return before.payment().status() == PaymentStatus.AUTHORIZED && !after.price().equals(before.price());
    }

    /**
     * The new price authorized off-session on the card saved at booking, before anything is
     * written: the move at that price, its payment the new authorization (made now, so its life
     * counts from now). The idempotency key is the booking's, the move's number and the amount, so
     * a retry of this move finds the same authorization and another move makes its own. A decline
     * or an outage answers with nothing written and, as far as anyone can know, nothing held.
     */
    private Result<Booking> authorizedAnew(Booking before, Booking after, Instant now) {
        Payment current = before.payment();
        if (current.customerId() == null) {
            // Booked before cards were saved with their authorization: the card was usable once only.
            return Result.rejected(ProblemCode.NOT_RESCHEDULABLE, "This lesson's card was not saved when it was"
                    + " booked, so a " + after.durationMinutes() + "-minute lesson at another price cannot be"
                    + " authorized on it; keep its length, or cancel it and book again");
        }
        PaymentOutcome outcome = payments.authorizeSavedForMove(before.id(), after.rescheduled().count(), after.price(),
                current.customerId(), current.paymentMethodId());
        return switch (outcome) {
            case PaymentOutcome.Authorized authorized -> Result.ok(after.toBuilder()
                    .payment(current.withAuthorization(authorized.amount(), authorized.paymentIntentId()))
                    .rescheduled(after.rescheduled().withAuthorizedNoEarlierThan(now))
                    .build());
            case PaymentOutcome.Declined declined -> {
                Rejection rejection = Rejection.of(ProblemCode.PAYMENT_DECLINED, "The card was declined for the "
                        + after.durationMinutes() + "-minute lesson's price; the booking was not moved");
                yield Result.rejected(declined.declineCode() == null ? rejection
                        : rejection.with(new DeclineCode(declined.declineCode())));
            }
            case PaymentOutcome.ProviderUnavailable unavailable -> {
                // Stripe may have made it without answering: it is referenced nowhere, so a person checks.
                incidents.manualReview(before.id(), "authorize-for-move",
                        "the authorization of a move's new price is unknown: " + unavailable.message());
                yield Result.rejected(ProblemCode.PAYMENT_PROVIDER_UNAVAILABLE,
                        "The payment provider could not be reached; the booking was not moved");
            }
            case PaymentOutcome.RequiresAction action -> {
                // The issuer asks the student to authenticate, and a move has no on-session step
                // (docs/decisions.md, "3-D Secure on booking"): the waiting intent holds nothing and
                // is cancelled so its client secret cannot complete it later.
                release(before.id(), action.intentId(), "release-unauthenticated-move");
                yield Result.rejected(ProblemCode.PAYMENT_DECLINED, "The card asks for authentication for the "
                        + after.durationMinutes() + "-minute lesson's price; the booking was not moved");
            }
            case PaymentOutcome.CardSaved unexpected -> throw unexpected(unexpected);
            case PaymentOutcome.Captured unexpected -> throw unexpected(unexpected);
            case PaymentOutcome.Released unexpected -> throw unexpected(unexpected);
            case PaymentOutcome.Refunded unexpected -> throw unexpected(unexpected);
        };
    }

    /**
     * The move's new authorization is released when the move did not commit — unless the booking
     * as stored holds it: a concurrent twin of this move (same move number and price, so the same
     * key and the same authorization at the provider) committed it.
     */
    private void releaseUncommitted(Booking notCommitted) {
        String made = notCommitted.payment().paymentIntentId();
        boolean heldByTheBooking = bookings.find(notCommitted.id())
                .map(stored -> made.equals(stored.payment().paymentIntentId()))
                .orElse(false);
        if (!heldByTheBooking) {
            release(notCommitted.id(), made, "release-uncommitted-move");
        }
    }

    /** The move committed with its new authorization: the one it replaced is released. */
    private void releaseReplaced(Booking before) {
        release(before.id(), before.payment().paymentIntentId(), "release-after-price-change");
    }

    /**
     * Releases an authorization the booking does not use. If the provider does not confirm it, a
     * person is told; Stripe lets it lapse by itself 7 days after it was made.
     */
    private void release(String bookingId, String paymentIntentId, String operation) {
        PaymentOutcome released = payments.releaseReplaced(bookingId, paymentIntentId);
        if (!(released instanceof PaymentOutcome.Released)) {
            incidents.manualReview(bookingId, operation, "an authorization the booking no longer uses was not"
                    + " released: " + released.getClass().getSimpleName());
        }
    }

    /**
     * The payment of a lesson moved past its authorization's life: its card saved for the
     * scheduler (the customer it already has, else a new one). Nothing is charged and nothing
     * is written when the provider refuses: the booking stays exactly as it was.
     */
    private Result<Payment> cardSavedFor(Booking booking) {
        Payment current = booking.payment();
        String currency = booking.price().currency();
        if (current.customerId() != null) {
            return Result.ok(Payment.scheduled(currency, current.customerId(), current.paymentMethodId()));
        }
        return switch (payments.saveCard(booking.id(), current.paymentMethodId(), booking.studentId())) {
            case PaymentOutcome.CardSaved saved ->
                    Result.ok(Payment.scheduled(currency, saved.customerId(), saved.paymentMethodId()));
            case PaymentOutcome.Declined declined -> Result.rejected(ProblemCode.PAYMENT_DECLINED,
                    "The card could not be saved for the lesson's later authorization; the booking was not moved");
            case PaymentOutcome.ProviderUnavailable unavailable -> Result.rejected(ProblemCode.PAYMENT_PROVIDER_UNAVAILABLE,
                    "The payment provider could not be reached; the booking was not moved");
            // A move has no step for the customer's 3-D Secure (docs/decisions.md, "3-D Secure on booking"):
            // the SetupIntent holds nothing and is left to lapse.
            case PaymentOutcome.RequiresAction action -> Result.rejected(ProblemCode.PAYMENT_DECLINED,
                    "The card asks for authentication to be saved for the lesson's later authorization; the booking was not moved");
            case PaymentOutcome.Authorized unexpected -> throw unexpected(unexpected);
            case PaymentOutcome.Captured unexpected -> throw unexpected(unexpected);
            case PaymentOutcome.Released unexpected -> throw unexpected(unexpected);
            case PaymentOutcome.Refunded unexpected -> throw unexpected(unexpected);
        };
    }

    /**
     * The move committed with the card saved: the old authorization is released, under a key of
     * its own, so the booking's own release (a cancellation once the scheduler authorized again)
     * never meets it at the provider.
     */
    private void releaseAfterMove(Booking before) {
        release(before.id(), before.payment().paymentIntentId(), "release-after-reschedule");
    }

    private static IllegalStateException unexpected(PaymentOutcome outcome) {
        return new IllegalStateException("The payment provider answered a card save or authorization with " + outcome);
    }

    /**
     * The latest start an authorization of {@code booking} covers: 6 days after the earliest moment
     * it can have been made (docs/decisions.md, "Rescheduling"), which is not stored as such.
     * A move that kept or made an authorization recorded the moment. Otherwise, a lesson authorized
     * when it was booked (never moved and starting within the horizon then, or with no saved card)
     * was authorized at its creation; else the scheduler made it, no earlier than 24 h before the
     * start the lesson has now.
     */
    static Instant authorizationHorizon(Booking booking) {
        return authorizedNoEarlierThan(booking).plus(BookingALesson.AUTHORIZATION_HORIZON);
    }

    private static Instant authorizedNoEarlierThan(Booking booking) {
        Instant recorded = booking.rescheduled().authorizedNoEarlierThan();
        if (recorded != null) {
            return recorded;
        }
        // Authorized when booked: a booking never moved that started within the horizon then (its
        // card saved with the authorization since), or one booked before cards were saved so.
        boolean authorizedWhenBooked = booking.rescheduled().count() == 0 && BookingALesson.authorizesWhenBooked(booking);
        if (authorizedWhenBooked || booking.payment().customerId() == null) {
            return booking.createdAt();
        }
        return booking.startsAt().minus(DueWork.AUTHORIZATION_LEAD);
    }

    private static boolean isNoMove(Booking booking, RescheduleRequest request) {
        return booking.date().equals(request.date()) && booking.startMinute() == request.startMinute()
                && booking.durationMinutes() == request.durationFor(booking);
    }

    /**
     * The move lost to another write of the booking. A concurrent retry of this very request (same
     * key) may have won: then this is its replay. Otherwise the booking is not the one the move
     * was judged on, and the caller decides again on what it is now.
     */
    private BookingOutcome changedMeanwhile(RescheduleRequest request, String requestKey, String fingerprint) {
        Optional<Booking> stored = bookings.find(request.bookingId());
        if (requestKey != null && stored.isPresent() && requestKey.equals(stored.get().rescheduled().requestKey())) {
            return replayOf(stored.get(), fingerprint);
        }
        return answered(Result.rejected(ProblemCode.BOOKING_CHANGED,
                "The booking was changed by another request while this one was moving it; nothing was changed by"
                        + " this request: read the booking and decide again"));
    }

    private static BookingOutcome replayOf(Booking booking, String fingerprint) {
        if (!fingerprint.equals(booking.rescheduled().requestFingerprint())) {
            return answered(Result.rejected(ProblemCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different reschedule; use a new key for a new move"));
        }
        return BookingOutcome.replayed(Result.ok(booking));
    }

    private static BookingOutcome answered(Result<Booking> result) {
        return BookingOutcome.answered(result);
    }
}
