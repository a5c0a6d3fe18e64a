package dev.lessonbook.booking;

import dev.lessonbook.config.Env;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The payment scheduler (every minute, docs/spec.md §6, docs/architecture.md "Payments"). Each run does the work
 * that fell due, found through the store's due index — never a scan:
 * <ul>
 *   <li>a saved card of a lesson starting within 24 h is authorized → AUTHORIZED; declined →
 *       booking PAYMENT_FAILED, payment FAILED, its time freed, BookingPaymentFailed; provider
 *       unreachable → tried again next run under the same idempotency key (so a lost answer is
 *       replayed, not authorized twice), until the lesson starts: then MANUAL_REVIEW;
 *   <li>the issuer asking the student to authenticate that authorization ({@code authentication_required})
 *       → payment REQUIRES_ACTION on the CONFIRMED booking, BookingPaymentActionRequired (the student is
 *       emailed a link); not authenticated by the {@link AuthenticationDeadline} → PAYMENT_FAILED
 *       ({@link DueWork#AUTHENTICATION_DEADLINE}, {@link OffSessionAuthentication});
 *   <li>a PENDING booking whose hold lapsed (a crash between hold and confirmation) → EXPIRED;
 *       on a lesson authorized when booked, payment MANUAL_REVIEW: whether Stripe authorized is
 *       unknown, which makes it the next kind of work;
 *   <li>a booking that holds no time but whose card may still carry its authorization (the
 *       above, a failed booking whose authorization answer was lost, a release that failed) →
 *       the authorization is found by its idempotency key if need be and released → RELEASED
 *       ({@link ReleasingAuthorizations});
 *   <li>a cancellation whose money move was never recorded (a crash after the cancelling
 *       transaction) is settled as its request would have settled it;
 *   <li>a confirmed lesson nobody completed is completed and captured as its instructor's
 *       completion would be, at its end + 24 h but always before its hold's {@code capture_before}
 *       ({@link AutoCompletion}, {@link CompletingABooking#completeDue}); a hold that lapsed is
 *       authorized again on the saved card, or goes to MANUAL_REVIEW.
 * </ul>
 * A run takes every booking that fell due, not a batch: it pages through every shard of each kind
 * of work ({@link BookingStore#due}) until none is left, and works on {@link Workers} bookings at
 * once (docs/decisions.md "Payment scheduler throughput"). That is safe because every step already
 * is, against runs that overlap: each booking is read again before acting (the index lags writes),
 * every write is conditional on the state read, and every provider call has an idempotency key
 * derived from the booking — two workers or two runs on one booking move its money once.
 *
 * <p>A run stays inside its function's timeout: no booking is started once less than
 * {@link #SAFETY_MARGIN} is left before the deadline it is given, and the run waits for the ones it
 * started. What a run leaves is still due and the next run (a minute later) takes it.
 */
public final class SchedulingPayments {
    /**
     * The longest one booking's work can take: two provider calls that a hung Stripe stretches to
     * 16.5 s each (an authorization, then its release when the booking was cancelled meanwhile),
     * plus the writes around them.
     */
    public static final Duration SAFETY_MARGIN = Duration.ofSeconds(35);

    /**
     * How many bookings a run works on at once: the {@code PAYMENT_SCHEDULER_WORKERS} setting
     * (template.yaml parameter {@code PaymentSchedulerWorkers}, default {@value #DEFAULT}, 1 to
     * {@value #MAX}). A worker spends nearly all its time waiting for Stripe and DynamoDB, so
     * throughput grows with the count until Stripe's rate limit (docs/capacity.md): the default
     * keeps one run's authorizations well under Stripe's 25 requests per second to one endpoint.
     */
    public record Workers(int count) {
        public static final String SETTING = "PAYMENT_SCHEDULER_WORKERS";
        public static final int DEFAULT = 8;
        public static final int MAX = 64;
        /** One booking at a time, in due order: the old scheduler, and tests whose fakes are not thread-safe. */
        public static final Workers ONE = new Workers(1);

        public Workers {
            if (count < 1 || count > MAX) {
                throw new IllegalArgumentException(SETTING + " must be 1 to " + MAX + ", not " + count);
            }
        }

        /** The configured count; a malformed value fails the cold start. */
        public static Workers fromEnvironment() {
            String value = Env.orDefault(SETTING, Integer.toString(DEFAULT)).trim();
            try {
                return new Workers(Integer.parseInt(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(SETTING + " must be a whole number, not " + value, e);
            }
        }
    }

    private final BookingStore bookings;
    private final PaymentGateway payments;
    private final CancellationSettlement settlement;
    private final ReleasingAuthorizations releasing;
    private final CompletingABooking completing;
    private final PaymentIncidents incidents;
    private final OffSessionAuthentication offSession;
    private final Clock clock;
    private final Workers workers;

    /** One booking at a time ({@link Workers#ONE}). */
    public SchedulingPayments(BookingStore bookings, PaymentGateway payments, CancellationSettlement settlement,
            PaymentIncidents incidents, Clock clock) {
        this(bookings, payments, settlement, incidents, clock, Workers.ONE);
    }

    public SchedulingPayments(BookingStore bookings, PaymentGateway payments, CancellationSettlement settlement,
            PaymentIncidents incidents, Clock clock, Workers workers) {
        this.bookings = bookings;
        this.payments = payments;
        this.settlement = settlement;
        this.releasing = new ReleasingAuthorizations(bookings, payments, incidents);
        this.completing = new CompletingABooking(bookings, payments, incidents, clock);
        this.incidents = incidents;
        this.offSession = new OffSessionAuthentication(bookings, payments, clock);
        this.clock = clock;
        this.workers = workers;
    }

    /**
     * What one run did; {@code deferred} counts authorizations left for the next run because the
     * provider did not answer, {@code released} the authorizations of bookings that hold no time
     * that it settled, {@code completed} the lessons it completed nobody had completed
     * ({@link DueWork#AUTO_COMPLETION}; {@code renewed} the lapsed holds it authorized again),
     * {@code bookings} how many due bookings it worked on and {@code workMillis} the time their work
     * took in all (summed over the workers: the capacity model's per-booking time, docs/capacity.md),
     * {@code outOfTime} says the run stopped early for its deadline.
     */
    public record Run(int authorized, int paymentFailed, int deferred, int expired, int released, int settled,
            int completed, int renewed, int actionRequired, int authenticationLapsed, int bookings, long workMillis,
            boolean outOfTime) {}

    /**
     * Does the work due now, kind after kind in the order of {@link DueWork} (authorizations, lapsed
     * holds, releases, settlements, ...), every booking listed in every shard, up to
     * {@link Workers} at once; a kind's work started is finished before the next kind's is read, so
     * what one kind's work makes due (a lapsed hold's release) is done in the same run. Each kind is
     * first given its share of the run's window, then what is left goes to the kinds not finished.
     * No booking is started once less than {@link #SAFETY_MARGIN} is left before {@code deadline}.
     *
     * <p>A failure nobody can fix here (DynamoDB unreachable, a bug) stops the run from starting
     * more bookings; it waits for the ones running and then throws the first such failure, so the
     * invocation fails visibly, as it did when one booking was worked at a time.
     */
    public Run run(Instant deadline) {
        Instant now = clock.instant();
        Instant lastStart = deadline.minus(SAFETY_MARGIN);
        Tally tally = new Tally();
        Crew crew = new Crew(workers.count());
        DueWork[] kinds = DueWork.values();
        Map<DueWork, KindProgress> progress = new EnumMap<>(DueWork.class);
        Set<DueWork> finished = EnumSet.noneOf(DueWork.class);
        // Two passes. In the first each kind may start work until its share of the window ends
        // (cumulative: what one kind leaves, the next may use), so a backlog of one kind — Stripe
        // slow on a day of many authorizations — never keeps the others (expiries, captures before
        // capture_before) waiting run after run. The second gives what is left of the window to the
        // kinds not finished, in order.
        Duration window = Duration.between(now, lastStart);
        try {
            passes:
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < kinds.length; i++) {
                    DueWork kind = kinds[i];
                    if (finished.contains(kind)) {
                        continue;
                    }
                    Instant until = pass == 0 && !window.isNegative()
                            ? now.plus(window.multipliedBy(i + 1).dividedBy(kinds.length)) : lastStart;
                    Drained drained = drain(kind, until, now, crew, tally, progress.computeIfAbsent(kind, k -> new KindProgress()));
                    crew.awaitAll();
                    switch (drained) {
                        case FINISHED -> finished.add(kind);
                        case OUT_OF_TIME -> { }
                        case FAILED -> {
                            break passes;
                        }
                    }
                }
            }
        } finally {
            crew.finish();
        }
        crew.rethrowFailure();
        return tally.run(finished.size() < kinds.length);
    }

    private enum Drained { FINISHED, OUT_OF_TIME, FAILED }

    /** Where a kind's reading of the due index stands between the passes of a run. */
    private static final class KindProgress {
        DuePages pages;
        final Deque<String> waiting = new ArrayDeque<>();
        // Bookings listed twice (the index moved them between pages) are worked once a run.
        final Set<String> taken = new HashSet<>();
    }

    /** Starts {@code kind}'s due bookings until none is left, {@code until} passed, or the crew failed. */
    private Drained drain(DueWork kind, Instant until, Instant now, Crew crew, Tally tally, KindProgress progress) {
        while (true) {
            if (progress.waiting.isEmpty()) {
                if (crew.failed()) {
                    return Drained.FAILED;
                }
                if (clock.instant().isAfter(until)) {
                    return Drained.OUT_OF_TIME;
                }
                progress.pages = progress.pages == null ? bookings.due(kind, now) : progress.pages;
                List<String> page = progress.pages.next();
                if (page.isEmpty()) {
                    return Drained.FINISHED;
                }
                progress.waiting.addAll(page);
            }
            String bookingId = progress.waiting.peek();
            if (progress.taken.contains(bookingId)) {
                progress.waiting.poll();
                continue;
            }
            crew.awaitAWorker();
            if (crew.failed() || clock.instant().isAfter(until)) {
                crew.release();
                return crew.failed() ? Drained.FAILED : Drained.OUT_OF_TIME;
            }
            progress.waiting.poll();
            progress.taken.add(bookingId);
            crew.start(() -> work(kind, bookingId, now, tally));
        }
    }

    /** One booking's work, if it is still due: the index lags the booking, so it is read again. */
    private void work(DueWork kind, String bookingId, Instant now, Tally tally) {
        long started = System.nanoTime();
        Optional<Booking> due = bookings.find(bookingId).filter(booking -> DueWork.of(booking)
                .filter(work -> work.kind() == kind && !work.at().isAfter(now))
                .isPresent());
        if (due.isEmpty()) {
            return;
        }
        Booking booking = due.get();
        switch (kind) {
            case SCHEDULED_AUTHORIZATION -> tally.count(authorize(booking, now));
            case HOLD_EXPIRY -> tally.expired(expire(booking));
            case AUTHORIZATION_RELEASE -> tally.released(releasing.release(booking, clock.instant()));
            case CANCELLATION_SETTLEMENT -> {
                settlement.settle(booking);
                tally.settled();
            }
            case AUTO_COMPLETION -> tally.count(completing.completeDue(booking, AutoCompletion.CONFIGURED));
            case AUTHENTICATION_DEADLINE -> tally.authenticationLapsed(offSession.fail(booking));
        }
        tally.worked(System.nanoTime() - started);
    }

    /**
     * The run's workers: a pool of daemon threads made for the run (none survives it, nor a
     * SnapStart snapshot) and a permit per worker, taken before a booking is handed over, so that
     * the run reads the index no faster than its workers get through it.
     */
    private static final class Crew {
        private final int size;
        private final ExecutorService pool;
        private final Semaphore idle;
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

        Crew(int size) {
            this.size = size;
            this.idle = new Semaphore(size);
            this.pool = Executors.newFixedThreadPool(size, runnable -> {
                Thread thread = new Thread(runnable, "payment-scheduler-worker");
                thread.setDaemon(true);
                return thread;
            });
        }

        void awaitAWorker() {
            idle.acquireUninterruptibly();
        }

        void release() {
            idle.release();
        }

        void start(Runnable work) {
            pool.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException | Error thrown) {
                    RuntimeException failed = thrown instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException(thrown);
                    if (!failure.compareAndSet(null, failed)) {
                        failure.get().addSuppressed(failed);
                    }
                } finally {
                    idle.release();
                }
            });
        }

        boolean failed() {
            return failure.get() != null;
        }

        /** Every booking handed over is done. */
        void awaitAll() {
            idle.acquireUninterruptibly(size);
            idle.release(size);
        }

        void finish() {
            awaitAll();
            pool.shutdown();
        }

        void rethrowFailure() {
            RuntimeException failed = failure.get();
            if (failed != null) {
                throw failed;
            }
        }
    }

    /** The run's counts, added to by every worker. */
    private static final class Tally {
        private int authorized;
        private int paymentFailed;
        private int deferred;
        private int expired;
        private int released;
        private int settled;
        private int completed;
        private int renewed;
        private int actionRequired;
        private int authenticationLapsed;
        private int bookings;
        private long workNanos;

        synchronized void count(CompletingABooking.Automatic completion) {
            switch (completion) {
                case COMPLETED -> completed++;
                case RENEWED -> renewed++;
                case DEFERRED -> deferred++;
                case DEADLINE_READ, REVIEW, SKIPPED -> { }
            }
        }

        synchronized void count(Authorization authorization) {
            switch (authorization) {
                case AUTHORIZED -> authorized++;
                case FAILED -> paymentFailed++;
                case DEFERRED -> deferred++;
                case ACTION_REQUIRED -> actionRequired++;
                case SKIPPED -> { }
            }
        }

        synchronized void expired(boolean done) {
            expired += done ? 1 : 0;
        }

        synchronized void released(boolean done) {
            released += done ? 1 : 0;
        }

        synchronized void settled() {
            settled++;
        }

        synchronized void authenticationLapsed(boolean done) {
            authenticationLapsed += done ? 1 : 0;
        }

        synchronized void worked(long nanos) {
            bookings++;
            workNanos += nanos;
        }

        synchronized Run run(boolean outOfTime) {
            return new Run(authorized, paymentFailed, deferred, expired, released, settled, completed, renewed,
                    actionRequired, authenticationLapsed, bookings, TimeUnit.NANOSECONDS.toMillis(workNanos), outOfTime);
        }
    }

    private enum Authorization { AUTHORIZED, FAILED, DEFERRED, ACTION_REQUIRED, SKIPPED }

    private Authorization authorize(Booking booking, Instant now) {
        Payment saved = booking.payment();
        PaymentOutcome outcome = payments.authorizeSaved(booking.id(), booking.price(), saved.customerId(),
                saved.paymentMethodId());
        switch (outcome) {
            case PaymentOutcome.Authorized done -> {
                Booking authorized = booking.withPayment(saved.withAuthorization(done.amount(), done.paymentIntentId()));
                if (bookings.update(authorized, BookingStatus.CONFIRMED, List.of())) {
                    return Authorization.AUTHORIZED;
                }
                if (recordedOnMovedBooking(booking, done)) {
                    return Authorization.AUTHORIZED;
                }
                // Cancelled meanwhile: its cancellation dropped the scheduled payment (or charged
                // it on its own), so this authorization must not outlive it.
                payments.release(booking.id(), done.paymentIntentId());
                return Authorization.SKIPPED;
            }
            case PaymentOutcome.RequiresAction asked -> {
                // The issuer wants the student to authenticate (authentication_required): the
                // booking stays confirmed and they are asked to, by email (OffSessionAuthentication).
                // Conditional on the payment read: of two runs (same key, same answer) one writes
                // and announces it.
                Booking awaiting = booking.withPayment(Payment.awaitingAuthentication(booking.price().currency(),
                        asked.intentId(), saved.customerId(), saved.paymentMethodId()));
                if (bookings.updatePayment(awaiting, booking,
                        List.of(BookingEvents.paymentActionRequired(awaiting, clock.instant())))) {
                    return Authorization.ACTION_REQUIRED;
                }
                // Not written: another run recorded this very intent (the student is asked to
                // authenticate it — leave it), or the booking ended meanwhile (a cancellation
                // committed after the read): then the intent waits for nobody and is cancelled
                // under the key naming it, the one a cancellation of the recorded intent uses.
                boolean ended = bookings.find(booking.id()).map(current -> current.status() != BookingStatus.CONFIRMED).orElse(false);
                if (ended) {
                    payments.releaseReplaced(booking.id(), asked.intentId());
                }
                return Authorization.SKIPPED;
            }
            case PaymentOutcome.Declined declined -> {
                Booking failed = booking.withStatus(BookingStatus.PAYMENT_FAILED)
                        .withPayment(saved.withStatus(PaymentStatus.FAILED));
                boolean written = bookings.releaseTo(failed, BookingStatus.CONFIRMED,
                        List.of(BookingEvents.paymentFailed(failed, clock.instant())));
                return written ? Authorization.FAILED : Authorization.SKIPPED;
            }
            default -> {
                if (now.isBefore(booking.startsAt())) {
                    return Authorization.DEFERRED;
                }
                incidents.manualReview(booking.id(), "authorize-saved",
                        "still not authorized when the lesson started; last attempt: " + outcome.getClass().getSimpleName());
                // On condition of the payment read: an overlapping run whose identical request
                // was answered may have recorded the authorization meanwhile — never overwrite it.
                bookings.updatePayment(booking.withPayment(saved.withStatus(PaymentStatus.MANUAL_REVIEW)), booking, List.of());
                return Authorization.SKIPPED;
            }
        }
    }

    /**
     * The booking was moved between our read and our write (a move keeps a saved card saved). If
     * it is still waiting for this very authorization — confirmed, card saved, same price, its new
     * start within the authorization's life — the authorization is recorded on the moved booking:
     * released instead, a later run's authorization under the same idempotency key would be
     * answered with this (then cancelled) intent.
     */
    private boolean recordedOnMovedBooking(Booking read, PaymentOutcome.Authorized done) {
        return bookings.find(read.id())
                .filter(moved -> moved.rescheduleCount() != read.rescheduleCount())
                .filter(moved -> moved.status() == BookingStatus.CONFIRMED && moved.payment().status() == PaymentStatus.SCHEDULED)
                .filter(moved -> moved.price().equals(done.amount()))
                .filter(moved -> !moved.startsAt().isAfter(clock.instant().plus(BookingALesson.AUTHORIZATION_HORIZON)))
                .map(moved -> bookings.update(moved.withPayment(moved.payment().withAuthorization(done.amount(),
                        done.paymentIntentId())), BookingStatus.CONFIRMED, List.of()))
                .orElse(false);
    }

    /**
     * The hold lapsed, so its locks no longer block anyone (their condition reads the expiry);
     * this only records the end and deletes them. Nothing is released here: a PENDING booking
     * records no authorization, but on a lesson authorized when booked its request may have made
     * one before it died, so the payment says MANUAL_REVIEW (unknown) and the booking becomes
     * {@link DueWork#AUTHORIZATION_RELEASE} work. A create request still running finds the booking
     * no longer PENDING at its confirmation and releases its own authorization. A booking whose
     * card awaited its holder's authentication (payment REQUIRES_ACTION, its intent recorded) keeps
     * that payment: the release cancels the intent.
     */
    private boolean expire(Booking pending) {
        Payment payment = pending.payment();
        boolean maybeAuthorized = payment.paymentIntentId() == null && pending.price().amount() > 0
                && BookingALesson.authorizesWhenBooked(pending);
        return bookings.releaseTo(pending.withStatus(BookingStatus.EXPIRED)
                        .withPayment(maybeAuthorized ? payment.withStatus(PaymentStatus.MANUAL_REVIEW) : payment),
                BookingStatus.PENDING, List.of());
    }
}
