package dev.lessonbook.booking;

import dev.lessonbook.availability.AvailabilityStore;
import dev.lessonbook.booking.BookingStore.ReserveOutcome;
import dev.lessonbook.booking.rules.SlotsAreOpen;
import dev.lessonbook.contact.LessonAddresses;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.ProfileStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * POST /v1/bookings (docs/spec.md §5, §6). Rules, then a PENDING booking whose locks the database takes
 * atomically (the only conflict check that holds under concurrency), then the payment, then
 * CONFIRMED. A crash in between leaves a hold that lapses by itself.
 *
 * <p>Idempotency (docs/spec.md §5.5). A request with an {@code Idempotency-Key} books under an id derived
 * from (student, key). That id is looked up first, so a retry gets the original answer even when
 * the rules would now say otherwise (less notice left, availability changed); a concurrent twin
 * that passes the lookup meets the existing booking at {@code reserve}. A replay answers:
 * <ul>
 *   <li>another body under the same key → 422 {@code IDEMPOTENCY_KEY_REUSED} (not a replay);
 *   <li>a booking whose payment failed → the original problem again, 402 {@code PAYMENT_DECLINED}
 *       or 502 {@code PAYMENT_PROVIDER_UNAVAILABLE} (payment {@code FAILED} is a decline; any other
 *       payment — {@code MANUAL_REVIEW}, or {@code RELEASED} once the scheduler settled what Stripe
 *       may have authorized — an outage); a new attempt needs a new key;
 *   <li>a booking still {@code PENDING} → 409 {@code IDEMPOTENT_REQUEST_IN_PROGRESS} with
 *       {@code Retry-After}: the original request is paying right now, and its outcome is not
 *       known yet; it is neither paid a second time nor shown half done;
 *   <li>anything else → the booking as it is now, 201.
 * </ul>
 *
 * <p>Payment provider unreachable: the slot is released at once (docs/spec.md §5.9) and the booking ends
 * {@code PAYMENT_FAILED} with payment {@code MANUAL_REVIEW} — "nothing is known to have happened"
 * includes an authorization whose answer was lost, or that Stripe performs later: that state is
 * due work, and the payment scheduler finds and releases it ({@link ReleasingAuthorizations}).
 *
 * <p>Whatever a write's answer says, the answer to the client is what is stored: a confirmation
 * reported lost is read back (it may have committed, its retry then finding it no longer PENDING),
 * and money is released only once the state that calls for it has committed.
 *
 * <p>Until it leaves PENDING, a booking's payment reads {@code NOT_REQUIRED} with zero amounts:
 * no money has been touched yet.
 */
public final class BookingALesson {
    /**
     * How long a PENDING booking holds its slot: the payment, and a customer's 3-D Secure with it
     * (docs/decisions.md, "3-D Secure on booking"). A setting ({@code PAYMENT_HOLD_SECONDS}).
     */
    public static final Duration DEFAULT_HOLD = Duration.ofMinutes(15);
    /** Card authorizations lapse after 7 days; a lesson further away than this gets its card saved instead. */
    public static final Duration AUTHORIZATION_HORIZON = Duration.ofDays(6);

    private final ProfileStore profiles;
    private final AvailabilityStore weeks;
    private final BookingStore bookings;
    private final PaymentGateway payments;
    private final Clock clock;
    private final Duration hold;
    private final LostHolds lostHolds;

    public BookingALesson(ProfileStore profiles, AvailabilityStore weeks, BookingStore bookings, PaymentGateway payments,
            Clock clock) {
        this(profiles, weeks, bookings, payments, clock, DEFAULT_HOLD);
    }

    public BookingALesson(ProfileStore profiles, AvailabilityStore weeks, BookingStore bookings, PaymentGateway payments,
            Clock clock, Duration hold) {
        this.profiles = profiles;
        this.weeks = weeks;
        this.bookings = bookings;
        this.payments = payments;
        this.clock = clock;
        this.hold = hold;
        this.lostHolds = new LostHolds(bookings, payments, clock);
    }

    /**
     * Whether {@code booking}'s card is authorized when it is booked (the lesson starts within
     * {@link #AUTHORIZATION_HORIZON}), rather than saved for an authorization 24 h before the lesson.
     */
    public static boolean authorizesWhenBooked(Booking booking) {
        return Duration.between(booking.createdAt(), booking.startsAt()).compareTo(AUTHORIZATION_HORIZON) <= 0;
    }

    public BookingOutcome book(BookingRequest request) {
        String bookingId = BookingId.of(request);
        String fingerprint = RequestFingerprint.of(request);
        if (request.idempotencyKey() != null) {
            Optional<Booking> earlier = bookings.find(bookingId);
            if (earlier.isPresent()) {
                return replayOf(earlier.get(), fingerprint);
            }
        }
        Instant now = clock.instant();
        // The student's stored customer comes with the profile, in one read (docs/decisions.md).
        ProfileStore.ProfileForBooking read = profiles.requireForBooking(request.instructorId(), request.caller().userId());
        ProposedLesson lesson;
        switch (BookingRules.judge(request, read.profile(), weeks, now)) {
            case Result.Rejected<ProposedLesson> rejected -> {
                return BookingOutcome.answered(Result.rejected(rejected.rejection()));
            }
            case Result.Ok<ProposedLesson> ok -> lesson = ok.value();
        }
        OptionalInt maxLessonsPerDay = lesson.bookingLimits().maxLessonsPerDay();
        String storedCustomerId = read.studentsCustomerId().orElse(null);
        return switch (bookings.reserve(pending(bookingId, lesson, fingerprint, now, storedCustomerId), now, maxLessonsPerDay)) {
            case ReserveOutcome.Reserved reserved -> pay(reserved.booking(), storedCustomerId);
            case ReserveOutcome.Conflict conflict -> BookingOutcome.answered(Result.rejected(conflict.scope().rejection()));
            case ReserveOutcome.AlreadyExists exists -> replayOf(exists.existing(), fingerprint);
            case ReserveOutcome.DailyLimitReached full -> BookingOutcome.answered(dailyLimitReached(lesson));
            // A day off is never bookable, whatever its windows say (docs/spec.md §5.5).
            case ReserveOutcome.DayOff off -> BookingOutcome.answered(dayOff());
        };
    }

    /** The answer to a lesson whose local date already holds the instructor's daily limit (also a move's). */
    static Result<Booking> dailyLimitReached(ProposedLesson lesson) {
        return Result.rejected(ProblemCode.DAILY_LIMIT_REACHED, "The instructor takes at most "
                + lesson.bookingLimits().maxLessonsPerDay().orElseThrow() + " lessons a day, and "
                + lesson.request().date() + " is full");
    }

    /** The answer to a lesson on a date the instructor took off (also a move's). */
    static Result<Booking> dayOff() {
        return Result.rejected(ProblemCode.NOT_AVAILABLE, SlotsAreOpen.DETAIL);
    }

    /**
     * The held booking names the student's stored customer before any provider call: a request that
     * dies after the provider answered leaves this record, and the scheduler's look-up by key
     * (ReleasingAuthorizations) must repeat the authorization with the customer it named.
     */
    private Booking pending(String bookingId, ProposedLesson lesson, String fingerprint, Instant now, String storedCustomerId) {
        BookingRequest request = lesson.request();
        Payment untouched = Payment.untouched(lesson.price().currency(), request.paymentMethodId());
        return Booking.builder()
                .id(bookingId)
                .status(BookingStatus.PENDING)
                .instructorId(request.instructorId())
                .studentId(request.caller().userId())
                .serviceId(request.serviceId())
                .serviceName(lesson.service().name())
                .at(lesson)
                .locationType(request.locationType())
                .price(lesson.price())
                .payment(storedCustomerId == null ? untouched : untouched.withCustomer(storedCustomerId))
                .note(request.note())
                .createdAt(now)
                .holdExpiresAt(now.plus(hold))
                .requestFingerprint(fingerprint)
                // Kept with the booking, so every email of it goes where the parties said when it was made.
                .addresses(new LessonAddresses(request.caller().email(), lesson.instructorEmail()))
                .build();
    }

    /**
     * @param storedCustomerId the student's payment customer stored by an earlier booking, or null:
     *     the gateway then finds or makes it, and the confirmation stores it for the next booking
     */
    private BookingOutcome pay(Booking pending, String storedCustomerId) {
        Payment payment;
        if (pending.price().amount() == 0) {
            payment = Payment.notRequired(pending.price().currency());
        } else {
            String paymentMethodId = pending.payment().paymentMethodId();
            PaymentOutcome outcome = authorizesWhenBooked(pending)
                    ? payments.authorize(pending.id(), pending.price(), paymentMethodId, pending.studentId(), storedCustomerId)
                    : payments.saveCard(pending.id(), paymentMethodId, pending.studentId(), storedCustomerId);
            switch (outcome) {
                // The card saved with the authorization: a move that changes the price authorizes it again.
                case PaymentOutcome.Authorized authorized -> payment = Payment.authorized(authorized.amount(),
                        authorized.paymentIntentId(), authorized.customerId(),
                        authorized.paymentMethodId() != null ? authorized.paymentMethodId() : paymentMethodId);
                case PaymentOutcome.CardSaved saved ->
                        payment = Payment.scheduled(pending.price().currency(), saved.customerId(), saved.paymentMethodId());
                case PaymentOutcome.RequiresAction action -> {
                    return awaitingAuthentication(pending, action);
                }
                case PaymentOutcome.Declined declined -> {
                    return BookingOutcome.answered(failed(pending, PaymentStatus.FAILED, declined()));
                }
                case PaymentOutcome.ProviderUnavailable unavailable -> {
                    // The held booking already names the customer the lost request named, so the
                    // scheduler's look-up by key repeats it exactly (ReleasingAuthorizations).
                    return BookingOutcome.answered(failed(pending, PaymentStatus.MANUAL_REVIEW, providerUnavailable()));
                }
                case PaymentOutcome.Captured unexpected -> throw unexpected(outcome);
                case PaymentOutcome.Released unexpected -> throw unexpected(outcome);
                case PaymentOutcome.Refunded unexpected -> throw unexpected(outcome);
            }
        }
        Booking confirmed = pending.confirmed(clock.instant(), payment);
        // A customer found or made by this booking is stored with the student in the confirmation.
        String customerToStore = storedCustomerId == null ? payment.customerId() : null;
        try {
            return BookingOutcome.answered(Result.ok(bookings.confirm(confirmed,
                    List.of(BookingEvents.confirmed(confirmed, confirmed.confirmedAt())), customerToStore)));
        } catch (BookingChangedConcurrently lost) {
            return BookingOutcome.answered(lostHolds.answer(pending, payment, lost));
        }
    }

    /**
     * The card asks its holder to authenticate: the booking stays PENDING, its slot held until
     * {@code holdExpiresAt}, and records the intent, so the confirmation ({@link ConfirmingAPayment},
     * the provider's webhook) and the expiry (the scheduler cancels the intent) know it. When the
     * booking is no longer PENDING (its hold ended while the provider answered), the intent is
     * cancelled and the answer is the conflict a lost hold answers.
     */
    private BookingOutcome awaitingAuthentication(Booking pending, PaymentOutcome.RequiresAction action) {
        Booking awaiting = pending.withPayment(Payment.awaitingAuthentication(pending.price().currency(),
                action.intentId(), action.customerId(), pending.payment().paymentMethodId()));
        if (bookings.update(awaiting, BookingStatus.PENDING, List.of())) {
            return BookingOutcome.awaitingAuthentication(awaiting, action.clientSecret());
        }
        payments.release(pending.id(), action.intentId());
        return BookingOutcome.answered(Result.rejected(ConflictScope.INSTRUCTOR.rejection()));
    }

    /** Frees the slot at once; the answer stands even if the hold lapsed meanwhile (then it is free already). */
    private Result<Booking> failed(Booking pending, PaymentStatus paymentStatus, Rejection answer) {
        Booking failed = pending.withStatus(BookingStatus.PAYMENT_FAILED).withPayment(pending.payment().withStatus(paymentStatus));
        bookings.releaseTo(failed, BookingStatus.PENDING,
                List.of(BookingEvents.paymentFailed(failed, clock.instant())));
        return Result.rejected(answer);
    }

    private static BookingOutcome replayOf(Booking earlier, String fingerprint) {
        if (!fingerprint.equals(earlier.requestFingerprint())) {
            return BookingOutcome.answered(Result.rejected(ProblemCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different request; use a new key for a new booking"));
        }
        if (earlier.status() == BookingStatus.PAYMENT_FAILED) {
            return BookingOutcome.replayed(Result.rejected(
                    earlier.payment().status() == PaymentStatus.FAILED ? declined() : providerUnavailable()));
        }
        if (earlier.status() == BookingStatus.PENDING && earlier.payment().status() == PaymentStatus.REQUIRES_ACTION) {
            // The secret is never stored: the student reads it again with confirm-payment.
            return BookingOutcome.replayed(Result.ok(earlier));
        }
        if (earlier.status() == BookingStatus.PENDING) {
            return BookingOutcome.answered(Result.rejected(ProblemCode.IDEMPOTENT_REQUEST_IN_PROGRESS,
                    "A request with this Idempotency-Key is still being processed; retry it after Retry-After seconds"));
        }
        return BookingOutcome.replayed(Result.ok(earlier));
    }

    private static Rejection declined() {
        return Rejection.of(ProblemCode.PAYMENT_DECLINED, "The payment method was declined; the lesson was not booked");
    }

    private static Rejection providerUnavailable() {
        return Rejection.of(ProblemCode.PAYMENT_PROVIDER_UNAVAILABLE,
                "The payment provider could not be reached; the lesson was not booked");
    }

    private static IllegalStateException unexpected(PaymentOutcome outcome) {
        return new IllegalStateException("The payment provider answered an authorization with " + outcome);
    }
}
