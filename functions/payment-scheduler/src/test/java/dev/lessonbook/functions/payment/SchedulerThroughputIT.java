package dev.lessonbook.functions.payment;

import static dev.lessonbook.fixtures.Bookings.aBooking;
import static dev.lessonbook.fixtures.Bookings.aHold;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.CancellationSettlement;
import dev.lessonbook.booking.DueWork;
import dev.lessonbook.booking.SchedulingPayments;
import dev.lessonbook.dynamodb.DueShards;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.TestTable;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.emulators.Concurrently;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.event.BookingCompleted;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.fixtures.MovableClock;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.payments.AroundPayments;
import dev.lessonbook.payments.stripe.StripePaymentGateway;
import dev.lessonbook.payments.stripe.StripeSide;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scheduler takes every booking that falls due, several at once (issue 20; docs/decisions.md
 * "Payment scheduler throughput"), on the real adapters — DynamoDB on moto (8 shards, the build's
 * setting), Stripe on localstripe — with the clock moved instead of waited for. Each test has a
 * table of its own, so a run sees only that test's bookings.
 */
@ExtendWith(LocalServersExtension.class)
class SchedulerThroughputIT {
    /** More than the old scheduler took of one kind per run (25). */
    private static final int MANY = 40;
    private static final Duration DAY = Duration.ofHours(24);
    /** The function's Timeout in template.yaml. */
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static LocalServers.Endpoints servers;
    private static StripeSide stripeSide;

    private final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final MovableClock clock = new MovableClock(startedAt);
    private final List<String> incidents = Collections.synchronizedList(new ArrayList<>());
    private final List<DomainEvent> committed = Collections.synchronizedList(new ArrayList<>());
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private Tables tables;
    private DynamoBookingStore bookings;
    private StripePaymentGateway stripe;
    private PaymentOutcome.CardSaved card;

    @BeforeAll
    static void servers(LocalServers.Endpoints endpoints) {
        servers = endpoints;
        stripeSide = new StripeSide(endpoints.stripe());
    }

    /** A table of the test's own, and one student's card saved to their Stripe Customer (reusable off-session). */
    @BeforeEach
    void freshTableAndASavedCard() {
        tables = TestTable.create(servers);
        bookings = new DynamoBookingStore(tables.onCommittedEvents(committed::addAll));
        stripe = gatewayAt(servers.stripe());
        PaymentOutcome saved = stripe.saveCard("bk_setup_" + run, "pm_card_visa", "stu_" + run);
        assertThat(saved).isInstanceOf(PaymentOutcome.CardSaved.class);
        card = (PaymentOutcome.CardSaved) saved;
    }

    @Test
    void everyBookingDueOfEveryKindInEveryShardIsDoneInOneRun() {
        Instant lessons = tenDaysAhead();
        List<Booking> cards = savedCards(lessons, MANY);
        List<Booking> holds = lapsedHolds(lessons.minus(DAY), MANY);
        DueShards shards = tables.dueShards();
        assertThat(cards.stream().map(booking -> shards.of(booking.id())).distinct().count()).as("spread over the shards")
                .isGreaterThan(4);
        assertThat(holds.stream().map(booking -> shards.of(booking.id())).distinct().count()).isGreaterThan(4);

        SchedulingPayments.Run done = scheduler(stripe).run(clock.instant().plus(TIMEOUT));

        assertThat(done.authorized()).isEqualTo(MANY);
        assertThat(done.expired()).isEqualTo(MANY);
        assertThat(done.bookings()).isEqualTo(2 * MANY);
        assertThat(done.outOfTime()).isFalse();
        assertThat(cards).allSatisfy(booking -> assertThat(stored(booking).payment().status()).isEqualTo(PaymentStatus.AUTHORIZED));
        assertThat(holds).allSatisfy(booking -> assertThat(stored(booking).status()).isEqualTo(BookingStatus.EXPIRED));
        assertOneIntentEach(cards);
        assertThat(bookings.findDue(DueWork.SCHEDULED_AUTHORIZATION, clock.instant(), 1)).isEmpty();
        assertThat(bookings.findDue(DueWork.HOLD_EXPIRY, clock.instant(), 1)).isEmpty();
        assertThat(incidents).isEmpty();
    }

    /**
     * Four runs at once over the same due bookings (an overlap of rate(1 minute) runs, or Lambda
     * delivering a schedule twice), each with its workers: each card is authorized once in Stripe's
     * records, and each lesson later captured once, with one BookingCompleted.
     */
    @Test
    void concurrentRunsMoveEachBookingsMoneyOnce() throws Exception {
        Instant lessons = tenDaysAhead();
        List<Booking> cards = savedCards(lessons, MANY);

        concurrentRuns(4);

        assertThat(cards).allSatisfy(booking -> assertThat(stored(booking).payment().status()).isEqualTo(PaymentStatus.AUTHORIZED));
        assertOneIntentEach(cards);

        // A day after the end nobody completed them: each hold's deadline is read, then it is captured.
        clock.set(cards.get(0).endsAt().plus(DAY));
        concurrentRuns(4);

        Map<String, List<String>> intents = stripeSide.intentIdsByBooking();
        for (Booking booking : cards) {
            Booking completed = stored(booking);
            assertThat(completed.status()).isEqualTo(BookingStatus.COMPLETED);
            assertThat(completed.payment().amountCaptured()).isEqualTo(Money.of(6000, "usd"));
            assertThat(intents.get(booking.id())).as("one intent of " + booking.id()).containsExactly(
                    completed.payment().paymentIntentId());
            assertThat(stripeSide.netCaptured(completed.payment().paymentIntentId())).isEqualTo(6000);
        }
        Map<String, Long> completions;
        synchronized (committed) {
            completions = committed.stream().filter(BookingCompleted.class::isInstance)
                    .collect(Collectors.groupingBy(event -> ((BookingCompleted) event).booking().bookingId(), Collectors.counting()));
        }
        assertThat(completions).as("one BookingCompleted each").hasSize(MANY).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
        assertThat(incidents).isEmpty();
    }

    /**
     * Stripe taking 10 s an authorization: the run starts no booking once less than the safety
     * margin is left, finishes the ones it started (each authorized once, or untouched) before its
     * deadline, and the next run does the rest.
     */
    @Test
    void theTimeBudgetStopsARunCleanlyAndTheNextRunFinishes() {
        Instant lessons = tenDaysAhead();
        List<Booking> cards = savedCards(lessons, MANY);
        Instant deadline = clock.instant().plus(SchedulingPayments.SAFETY_MARGIN).plus(Duration.ofSeconds(20));

        // One worker: the slow Stripe below moves a shared clock from each call's start, and a worker
        // thread that starts its call late (another's end already moved the clock) would stretch
        // simulated time no real call takes; the budget rule itself does not depend on the workers.
        SchedulingPayments.Run first = scheduler(slow(stripe, Duration.ofSeconds(10)),
                SchedulingPayments.Workers.ONE).run(deadline);

        assertThat(first.outOfTime()).isTrue();
        assertThat(first.authorized()).isBetween(1, MANY - 1);
        assertThat(clock.instant()).as("every started booking finished before the deadline").isBeforeOrEqualTo(deadline);
        Map<String, List<String>> intents = stripeSide.intentIdsByBooking();
        Set<String> authorized = cards.stream().filter(booking -> stored(booking).payment().status() == PaymentStatus.AUTHORIZED)
                .map(Booking::id).collect(Collectors.toSet());
        assertThat(authorized).hasSize(first.authorized());
        for (Booking booking : cards) {
            Booking now = stored(booking);
            if (authorized.contains(booking.id())) {
                assertThat(intents.get(booking.id())).containsExactly(now.payment().paymentIntentId());
            } else {
                assertThat(now.payment().status()).as("left untouched for the next run").isEqualTo(PaymentStatus.SCHEDULED);
                assertThat(intents.get(booking.id())).as("nothing authorized").isNull();
            }
        }

        clock.advance(Duration.ofMinutes(1));
        SchedulingPayments.Run next = scheduler(stripe).run(clock.instant().plus(TIMEOUT));

        assertThat(next.authorized()).isEqualTo(MANY - first.authorized());
        assertThat(next.outOfTime()).isFalse();
        assertOneIntentEach(cards);
        assertThat(incidents).isEmpty();
    }

    // --- fixtures -----------------------------------------------------------------------------

    /** 10:00 UTC ten days after the test's start: on the 15-minute grid, the card saved (not authorized at booking). */
    private Instant tenDaysAhead() {
        return startedAt.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(10)).plus(Duration.ofHours(10));
    }

    /** {@code count} confirmed lessons at {@code start} whose saved card is due for authorization now (a day before). */
    private List<Booking> savedCards(Instant start, int count) {
        clock.set(start.minus(DAY));
        List<Booking> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Booking booking = aBooking().id("bk_card_" + run + "_" + i).instructor("ins_" + run + "_" + i)
                    .student("stu_" + run + "_" + i).zone(ZoneOffset.UTC).startingAt(start)
                    .payment(Payment.scheduled("usd", card.customerId(), card.paymentMethodId()))
                    .createdAt(start.minus(Duration.ofDays(10))).build();
            assertThat(bookings.reserve(booking, start.minus(Duration.ofDays(10))))
                    .isInstanceOf(dev.lessonbook.booking.BookingStore.ReserveOutcome.Reserved.class);
            made.add(booking);
        }
        return made;
    }

    /** {@code count} free lessons at {@code start} whose hold lapsed a minute ago (a crash before confirmation). */
    private List<Booking> lapsedHolds(Instant start, int count) {
        Instant now = clock.instant();
        List<Booking> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Booking hold = aHold(now.minusSeconds(60)).price(0, "usd").id("bk_hold_" + run + "_" + i)
                    .instructor("ins_hold_" + run + "_" + i).student("stu_hold_" + run + "_" + i).zone(ZoneOffset.UTC)
                    .startingAt(start).createdAt(now.minus(Duration.ofMinutes(11))).build();
            assertThat(bookings.reserve(hold, now.minus(Duration.ofMinutes(10))))
                    .isInstanceOf(dev.lessonbook.booking.BookingStore.ReserveOutcome.Reserved.class);
            made.add(hold);
        }
        return made;
    }

    private void assertOneIntentEach(List<Booking> cards) {
        Map<String, List<String>> intents = stripeSide.intentIdsByBooking();
        assertThat(cards).allSatisfy(booking -> assertThat(intents.get(booking.id())).as("Stripe's intents of " + booking.id())
                .containsExactly(stored(booking).payment().paymentIntentId()));
    }

    private void concurrentRuns(int runs) throws Exception {
        List<Callable<SchedulingPayments.Run>> calls = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            calls.add(() -> scheduler(stripe).run(clock.instant().plus(TIMEOUT)));
        }
        assertThat(Concurrently.run(calls, runs)).allSatisfy(done -> assertThat(done.outOfTime()).isFalse());
    }

    /** The handler's wiring, with the default count of workers. */
    private SchedulingPayments scheduler(PaymentGateway payments) {
        return scheduler(payments, new SchedulingPayments.Workers(SchedulingPayments.Workers.DEFAULT));
    }

    private SchedulingPayments scheduler(PaymentGateway payments, SchedulingPayments.Workers workers) {
        PaymentIncidents recorded = (bookingId, operation, reason) -> incidents.add(bookingId + " " + operation + " " + reason);
        return new SchedulingPayments(bookings, payments, new CancellationSettlement(bookings, payments, recorded), recorded,
                clock, workers);
    }

    private Booking stored(Booking booking) {
        return bookings.find(booking.id()).orElseThrow();
    }

    private static StripePaymentGateway gatewayAt(URI base) {
        return new StripePaymentGateway(LocalServers.STRIPE_TEST_KEY, base, Duration.ofMillis(500),
                StripePaymentGateway.DEFAULT_READ_TIMEOUT);
    }

    /**
     * Stripe answering each call {@code each} after it was asked (the test makes only saved-card
     * authorizations): the call is made, then the clock reads at least its start plus {@code each}.
     * Calls that overlap end together, as they would in time (the clock is moved to the latest end,
     * never summed).
     */
    private AroundPayments slow(PaymentGateway delegate, Duration each) {
        return new AroundPayments(delegate, call -> {
            Instant began = clock.instant();
            PaymentOutcome outcome = call.get();
            synchronized (clock) {
                Instant ends = began.plus(each);
                if (ends.isAfter(clock.instant())) {
                    clock.set(ends);
                }
            }
            return outcome;
        });
    }
}
