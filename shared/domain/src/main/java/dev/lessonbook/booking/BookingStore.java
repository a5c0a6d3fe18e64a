package dev.lessonbook.booking;

import dev.lessonbook.event.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Port: bookings and the slot locks that make overlapping bookings impossible. Every method that
 * changes a booking is one database transaction with its lock changes and its events.
 */
public interface BookingStore {

    /**
     * Stores a PENDING booking and takes its lock units (instructor and student), each lock free
     * or held by a hold that expired before {@code now}. Nothing is written unless all of it is.
     */
    default ReserveOutcome reserve(Booking pending, Instant now) {
        return reserve(pending, now, OptionalInt.empty());
    }

    /**
     * As {@link #reserve(Booking, Instant)}, and the same transaction counts the booking on its
     * instructor's local date ({@link dev.lessonbook.calendar.CalendarDays}), on condition that
     * the date is not off and holds fewer than {@code maxLessonsPerDay} lessons (when there is a limit). Every
     * write that makes a booking stop holding time ({@link #releaseTo}) uncounts it.
     */
    ReserveOutcome reserve(Booking pending, Instant now, OptionalInt maxLessonsPerDay);

    /** PENDING → CONFIRMED: the locks stop expiring. Conditional on the stored booking being PENDING. */
    Booking confirm(Booking confirmed, List<DomainEvent> events);

    /**
     * As {@link #confirm(Booking, List)}, and the same transaction stores {@code studentsCustomerId}
     * as the booking's student's payment customer, unless another one is stored already (then that
     * one stays, and the booking is confirmed all the same, naming its own): later bookings of the
     * student find it with their profile read and make no customer call (docs/decisions.md
     * "The student's Customer"). A store that keeps no customers only confirms.
     */
    default Booking confirm(Booking confirmed, List<DomainEvent> events, String studentsCustomerId) {
        return confirm(confirmed, events);
    }

    /**
     * Writes a booking whose status no longer occupies time (PAYMENT_FAILED, EXPIRED, CANCELLED)
     * and deletes the locks it held, conditional on {@code expectedStatus} being the stored status.
     * It is no longer counted on its calendar day.
     *
     * @return false when the stored booking was no longer in {@code expectedStatus}
     */
    boolean releaseTo(Booking released, BookingStatus expectedStatus, List<DomainEvent> events);

    /**
     * As {@link #releaseTo}, on condition that the stored booking's status, moves <em>and payment</em>
     * are still those of {@code asRead}: a cancellation decides its money on the payment it read,
     * and a scheduler run recording an authorization meanwhile must make it decide again. A store
     * that cannot condition on the payment conditions on the status alone.
     *
     * @return false when the stored booking changed since {@code asRead}
     */
    default boolean releaseToIfPaymentIs(Booking released, Booking asRead, List<DomainEvent> events) {
        return releaseTo(released, asRead.status(), events);
    }

    /**
     * Rewrites a booking's payment and status without touching its locks, if still in
     * {@code expectedStatus}. Besides the views of {@code events}, the same transaction invalidates
     * the views the payment feeds ({@link dev.lessonbook.view.InvalidatedViews#byPaymentOf}), so a
     * settlement that announces no event still leaves no stale stats.
     */
    boolean update(Booking updated, BookingStatus expectedStatus, List<DomainEvent> events);

    /**
     * Rewrites a booking's payment (and status) without touching its locks, if the stored booking
     * still has the status, the payment and the count of moves of {@code asRead}: a change computed
     * from a read is never written over a change made since (a reschedule included). Invalidates
     * what {@link #update} invalidates.
     *
     * @return false when the stored booking changed since {@code asRead}
     */
    boolean updatePayment(Booking updated, Booking asRead, List<DomainEvent> events);

    /**
     * Moves {@code before} to the time of {@code after} in one transaction: the lock units only
     * the old occupancy holds are deleted, those only the new one needs are taken under
     * {@link #reserve}'s condition (free, or a lapsed hold), the units both share are left as they
     * are ({@link dev.lessonbook.calendar.LockMove}); the booking is written on condition that its
     * status and reschedule count are still {@code before}'s; {@code events} are recorded with it.
     * When the local date changes, the booking leaves the old date's calendar day and is counted on
     * the new one under {@link #reserve(Booking, Instant, OptionalInt)}'s conditions (not a day off,
     * below {@code maxLessonsPerDay}); on the same date its count is kept. Nothing is written unless
     * all of it is.
     */
    RescheduleOutcome reschedule(Booking before, Booking after, Instant now, OptionalInt maxLessonsPerDay,
            List<DomainEvent> events);

    Optional<Booking> find(String bookingId);

    /** The instructor's bookings with {@code from <= startsAt < to}, by start time. */
    List<Booking> findByInstructor(String instructorId, Instant from, Instant to);

    /**
     * Up to {@code limit} bookings with {@code kind} of work due at or before {@code until},
     * earliest first ({@link DueWork#of}). Read from an index that may lag a write by a moment:
     * callers check the booking's state again before acting on it.
     */
    List<Booking> findDue(DueWork kind, Instant until, int limit);

    /**
     * Every booking listed with {@code kind} of work due at or before {@code until}, page by page
     * until none is left: all of them, however many (the payment scheduler takes every booking that
     * falls due, docs/spec.md §6). The index may lag a write, so a page can name a booking whose work
     * is done or moved: callers read each booking and check its state before acting on it.
     */
    DuePages due(DueWork kind, Instant until);

    sealed interface ReserveOutcome {
        record Reserved(Booking booking) implements ReserveOutcome {}

        /** The database refused a lock; the instructor's wins when both conflict. */
        record Conflict(ConflictScope scope) implements ReserveOutcome {}

        /** A booking with this id exists already (an idempotent retry, or a key reuse). */
        record AlreadyExists(Booking existing) implements ReserveOutcome {}

        /** The instructor's local date already holds {@code maxLessonsPerDay} lessons. */
        record DailyLimitReached() implements ReserveOutcome {}

        /** The instructor took the lesson's local date off. */
        record DayOff() implements ReserveOutcome {}
    }

    sealed interface RescheduleOutcome {
        record Moved(Booking booking) implements RescheduleOutcome {}

        /** Another booking holds a unit of the new time; the instructor's wins when both conflict. */
        record Conflict(ConflictScope scope) implements RescheduleOutcome {}

        /** The stored booking is no longer the one the move was computed from (moved, cancelled, paid meanwhile). */
        record Changed() implements RescheduleOutcome {}

        /** The new local date already holds {@code maxLessonsPerDay} lessons. */
        record DailyLimitReached() implements RescheduleOutcome {}

        /** The instructor took the new local date off. */
        record DayOff() implements RescheduleOutcome {}
    }
}
