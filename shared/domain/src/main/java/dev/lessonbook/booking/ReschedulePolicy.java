package dev.lessonbook.booking;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Role;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether a booking may be moved at all (docs/spec.md, "Rescheduling"), before its new time is
 * judged: its status, whether it started, and for a student the notice and the number of moves.
 * The rules are checked in this order; the first failure answers. The student's notice and limit
 * are configuration; the defaults are 12 hours and 2 moves.
 *
 * @param studentNotice a student moves a lesson at least this long before it starts
 * @param studentLimit a student moves one booking at most this many times
 */
public record ReschedulePolicy(Duration studentNotice, int studentLimit) {
    public static final Duration DEFAULT_STUDENT_NOTICE = Duration.ofHours(12);
    public static final int DEFAULT_STUDENT_LIMIT = 2;

    public ReschedulePolicy {
        if (studentNotice.isNegative() || studentLimit < 0) {
            throw new IllegalArgumentException("A reschedule notice ≥ 0 and a limit ≥ 0: " + studentNotice + ", " + studentLimit);
        }
    }

    public static ReschedulePolicy defaults() {
        return new ReschedulePolicy(DEFAULT_STUDENT_NOTICE, DEFAULT_STUDENT_LIMIT);
    }

    /**
     * From configuration: {@code notice} like {@code 12h} or {@code 90m}, {@code limit} a whole
     * number; each absent or blank → its default.
     *
     * @throws IllegalArgumentException on anything else, so a bad setting fails at cold start
     */
    public static ReschedulePolicy fromConfiguration(Optional<String> notice, Optional<String> limit) {
        Duration parsedNotice = notice.filter(text -> !text.isBlank()).map(String::trim).map(text -> {
            if (!text.matches("\\d{1,4}[hm]")) {
                throw new IllegalArgumentException("A reschedule notice reads like 12h or 90m: " + text);
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return text.endsWith("h") ? Duration.ofHours(amount) : Duration.ofMinutes(amount);
        }).orElse(DEFAULT_STUDENT_NOTICE);
        int parsedLimit = limit.filter(text -> !text.isBlank()).map(String::trim).map(text -> {
            if (!text.matches("\\d{1,3}")) {
                throw new IllegalArgumentException("A reschedule limit is a whole number of moves: " + text);
            }
            return Integer.parseInt(text);
        }).orElse(DEFAULT_STUDENT_LIMIT);
        return new ReschedulePolicy(parsedNotice, parsedLimit);
    }

    /** One rule of whether {@code caller} may move {@code booking} at {@code now}. */
    @FunctionalInterface
    private interface Rule {
        Optional<Rejection> check(ReschedulePolicy policy, Booking booking, Caller caller, Instant now);
    }

    private static final List<Rule> RULES = List.of(
            ReschedulePolicy::statusAllowsIt,
            ReschedulePolicy::paymentNotAwaitingAuthentication,
            ReschedulePolicy::notStarted,
            ReschedulePolicy::studentGivesNotice,
            ReschedulePolicy::studentWithinLimit);

    /** The first rule {@code caller}'s move of {@code booking} at {@code now} breaks, if any. */
    public Optional<Rejection> check(Booking booking, Caller caller, Instant now) {
        return RULES.stream().map(rule -> rule.check(this, booking, caller, now)).flatMap(Optional::stream).findFirst();
    }

    /**
     * CONFIRMED; a PENDING one only by an admin (its payment is still being taken), and only while
     * its hold lasts: a lapsed hold holds no time and is about to expire.
     */
    private Optional<Rejection> statusAllowsIt(Booking booking, Caller caller, Instant now) {
        boolean allowed = booking.status() == BookingStatus.CONFIRMED
                || (booking.status() == BookingStatus.PENDING && caller.isAdmin() && booking.occupiesTimeAt(now));
        return allowed ? Optional.empty() : Optional.of(Rejection.of(ProblemCode.NOT_RESCHEDULABLE,
                "Booking cannot be rescheduled - current status: " + booking.status().name()));
    }

    /**
     * Not while the card awaits its holder's authentication (3-D Secure, on booking or
     * off-session): the intent waiting is for the current price, and a move has no step at which
     * the student could authenticate another (docs/decisions.md, "Transitions while authentication
     * is awaited").
     */
    private Optional<Rejection> paymentNotAwaitingAuthentication(Booking booking, Caller caller, Instant now) {
        return CancellationSettlement.awaitsAuthentication(booking.payment())
                ? Optional.of(Rejection.of(ProblemCode.NOT_RESCHEDULABLE, "Booking cannot be rescheduled while its"
                        + " payment awaits the student's authentication (payment " + booking.payment().status().name()
                        + "); confirm the payment first, or cancel it"))
                : Optional.empty();
    }

    /** A lesson has started at its start instant; from then on nobody moves it. */
    private Optional<Rejection> notStarted(Booking booking, Caller caller, Instant now) {
        return now.isBefore(booking.startsAt()) ? Optional.empty() : Optional.of(Rejection.of(ProblemCode.BOOKING_STARTED,
                "The lesson has already started; it can no longer be rescheduled"));
    }

    private Optional<Rejection> studentGivesNotice(Booking booking, Caller caller, Instant now) {
        if (caller.role() != Role.STUDENT || Duration.between(now, booking.startsAt()).compareTo(studentNotice) >= 0) {
            return Optional.empty();
        }
        return Optional.of(Rejection.of(ProblemCode.RESCHEDULE_TOO_LATE, "Students can reschedule a lesson until "
                + hours(studentNotice) + " before it starts; ask the instructor to move it"));
    }

    private Optional<Rejection> studentWithinLimit(Booking booking, Caller caller, Instant now) {
        if (caller.role() != Role.STUDENT || booking.rescheduled().byStudent() < studentLimit) {
            return Optional.empty();
        }
        return Optional.of(Rejection.of(ProblemCode.RESCHEDULE_LIMIT_REACHED, "Students can reschedule a booking at most "
                + studentLimit + " time(s); this one was moved " + booking.rescheduled().byStudent()
                + " time(s) already; ask the instructor to move it"));
    }

    private static String hours(Duration notice) {
        return notice.toMinutesPart() == 0 ? notice.toHours() + " hours" : notice.toMinutes() + " minutes";
    }
}
