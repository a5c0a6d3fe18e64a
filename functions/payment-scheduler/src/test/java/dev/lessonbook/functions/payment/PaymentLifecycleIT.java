package dev.lessonbook.functions.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.model.PaymentIntent;
import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Role;
import dev.lessonbook.availability.SaveWeekCommand;
import dev.lessonbook.availability.SavingWeekAvailability;
import dev.lessonbook.availability.WindowOnDate;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingALesson;
import dev.lessonbook.booking.BookingOutcome;
import dev.lessonbook.booking.BookingRequest;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.CancellationPolicy;
import dev.lessonbook.booking.CancellationSettlement;
import dev.lessonbook.booking.CancellingABooking;
import dev.lessonbook.booking.CompletingABooking;
import dev.lessonbook.booking.DueWork;
import dev.lessonbook.booking.SchedulingPayments;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.TestTable;
import dev.lessonbook.dynamodb.availability.DynamoAvailabilityStore;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.emulators.FaultProxy;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.fixtures.MovableClock;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.payments.stripe.StripePaymentGateway;
import dev.lessonbook.payments.stripe.StripeSide;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Payments end to end on the real adapters — DynamoDB on moto, Stripe on localstripe — with the
 * clock moved instead of waited for. Every amount is checked on the Stripe side too, by reading
 * the PaymentIntent back with a plain client.
 */
@ExtendWith(LocalServersExtension.class)
class PaymentLifecycleIT {
    private static final Money LESSON_PRICE = new Money(6000, "usd");

    private static Tables tables;
    private static URI stripeBase;
    private static StripeSide stripeSide;

    private final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final MovableClock clock = new MovableClock(startedAt);
    private final List<String> incidents = new ArrayList<>();
    private DynamoBookingStore bookings;
    private StripePaymentGateway stripe;
    private String instructor;

    @BeforeAll
    static void servers(LocalServers.Endpoints endpoints) {
        tables = TestTable.create(endpoints);
        stripeBase = endpoints.stripe();
        stripeSide = new StripeSide(stripeBase);
    }

    @BeforeEach
    void freshInstructor() {
        bookings = new DynamoBookingStore(tables);
        stripe = gatewayAt(stripeBase, StripePaymentGateway.DEFAULT_READ_TIMEOUT);
        instructor = "ins_" + UUID.randomUUID().toString().substring(0, 8);
        DynamoProfileStore profiles = new DynamoProfileStore(tables);
        profiles.save(new InstructorProfile(instructor, ZoneOffset.UTC, Map.of(), List.of(new LessonService(
                "guitar", "Guitar", List.of(60), Map.of(LocationType.ONLINE, 6000L), "usd", true))));
        for (LocalDate date : List.of(soon(), later())) {
            assertThat(new SavingWeekAvailability(profiles, new DynamoAvailabilityStore(tables), clock).save(
                    new SaveWeekCommand(Permissions.toChangeAvailability(new Caller(instructor, Role.INSTRUCTOR), instructor).orElseThrow(),
                            date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                            List.of(new WindowOnDate(date, 8 * 60, 18 * 60)), false, Optional.empty())))
                    .isInstanceOf(Result.Ok.class);
        }
    }

    // --- cancellation ------------------------------------------------------------------------

    @Test
    void studentCancellingADayAheadReleasesTheAuthorizationAndFreesTheTime() throws Exception {
        Booking booked = book("stu_a", soon(), "pm_card_visa");
        clock.set(booked.startsAt().minus(Duration.ofHours(24)));

        Booking cancelled = valueOf(cancelling(stripe).cancel(student("stu_a"), booked.id(), "Sick"));

        assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.RELEASED);
        assertThat(intent(booked).getStatus()).isEqualTo("canceled");
        assertThat(netCaptured(booked)).isZero();
        assertThat(book("stu_b", soon(), "pm_card_visa").status()).as("the time is free again").isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void studentCancellingEighteenHoursAheadKeepsHalfOnStripe() throws Exception {
        Booking booked = book("stu_a", soon(), "pm_card_visa");
        clock.set(booked.startsAt().minus(Duration.ofHours(18)));

        Booking cancelled = valueOf(cancelling(stripe).cancel(student("stu_a"), booked.id(), null));

        assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(cancelled.payment().amountCaptured()).isEqualTo(Money.of(3000, "usd"));
        assertThat(netCaptured(booked)).isEqualTo(3000);
        assertThat(bookings.find(booked.id()).orElseThrow()).isEqualTo(cancelled);
    }

    @Test
    void studentCancellingSixHoursAheadPaysTheFullPriceOnStripe() throws Exception {
        Booking booked = book("stu_a", soon(), "pm_card_visa");
        clock.set(booked.startsAt().minus(Duration.ofHours(6)));

        valueOf(cancelling(stripe).cancel(student("stu_a"), booked.id(), null));

        assertThat(netCaptured(booked)).isEqualTo(6000);
    }

    @Test
    void instructorCancellingACapturedPaymentRefundsItInFullOnStripe() throws Exception {
        Booking booked = book("stu_a", soon(), "pm_card_visa");
        String intentId = booked.payment().paymentIntentId();
        // Captured earlier (e.g. by a completion that never got recorded): the money is with us.
        assertThat(stripe.capture(booked.id(), intentId, Money.of(6000, "usd"))).isInstanceOf(PaymentOutcome.Captured.class);
        Payment captured = booked.payment().withCapture(Money.of(6000, "usd"), intentId);
        assertThat(bookings.update(booked.withPayment(captured), BookingStatus.CONFIRMED, List.of())).isTrue();
        clock.set(booked.startsAt().minus(Duration.ofHours(2)));

        Booking cancelled = valueOf(cancelling(stripe).cancel(new Caller(instructor, Role.INSTRUCTOR), booked.id(), null));

        assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(cancelled.payment().amountRefunded()).isEqualTo(Money.of(6000, "usd"));
        assertThat(netCaptured(booked)).isZero();
    }

    @Test
    void cancellingTwiceMovesMoneyOnce() throws Exception {
        Booking booked = book("stu_a", soon(), "pm_card_visa");
        clock.set(booked.startsAt().minus(Duration.ofHours(18)));
        Booking cancelled = valueOf(cancelling(stripe).cancel(student("stu_a"), booked.id(), null));

        clock.set(booked.startsAt().minus(Duration.ofHours(3)));
        Booking again = valueOf(cancelling(stripe).cancel(student("stu_a"), booked.id(), null));

        assertThat(again).isEqualTo(cancelled);
        assertThat(netCaptured(booked)).isEqualTo(3000);
    }

    @Test
    void stripeAnswering500StillCancelsFreesTheTimeAndLeavesTheMoneyForManualReview() throws Exception {
        Booking booked = book("stu_a", soon(), "pm_card_visa");
        clock.set(booked.startsAt().minus(Duration.ofHours(18)));

        try (FailingStripe down = FailingStripe.answering500()) {
            Booking cancelled = valueOf(cancelling(gatewayAt(down.endpoint(), Duration.ofMillis(500)))
                    .cancel(student("stu_a"), booked.id(), null));

            assertThat(cancelled.status()).isEqualTo(BookingStatus.CANCELLED);
            assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.MANUAL_REVIEW);
            assertThat(down.idempotencyKeys()).containsOnly("lessonbook-" + booked.id() + "-capture");
        }
        assertThat(incidents).containsExactly(booked.id() + " capture");
        assertThat(intent(booked).getStatus()).as("nothing moved on Stripe").isEqualTo("requires_capture");
        assertThat(lockCount(booked.id())).isZero();
        assertThat(DueWork.of(bookings.find(booked.id()).orElseThrow())).as("no automatic retry").isEmpty();
    }

    @Test
    void stripeNeverAnsweringStillCancelsWithManualReview() throws Exception {
        Booking booked = book("stu_a", soon(), "pm_card_visa");
        clock.set(booked.startsAt().minus(Duration.ofHours(30)));

        try (FailingStripe hung = FailingStripe.neverAnswering()) {
            Booking cancelled = valueOf(cancelling(gatewayAt(hung.endpoint(), Duration.ofMillis(300)))
                    .cancel(student("stu_a"), booked.id(), null));

            assertThat(cancelled.status()).isEqualTo(BookingStatus.CANCELLED);
            assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.MANUAL_REVIEW);
        }
        assertThat(lockCount(booked.id())).isZero();
    }

    // --- completion ---------------------------------------------------------------------------

    @Test
    void completingAfterTheEndCapturesTheFullPriceOnStripe() throws Exception {
        Booking booked = book("stu_a", soon(), "pm_card_visa");
        CompletingABooking completing = new CompletingABooking(bookings, stripe, incidents(), clock);
        clock.set(booked.endsAt().minusSeconds(1));
        assertThat(rejectionCode(completing.complete(new Caller(instructor, Role.INSTRUCTOR), booked.id())))
                .isEqualTo(ProblemCode.LESSON_NOT_ENDED);

        clock.set(booked.endsAt());
        Booking completed = valueOf(completing.complete(new Caller(instructor, Role.INSTRUCTOR), booked.id()));

        assertThat(completed.status()).isEqualTo(BookingStatus.COMPLETED);
        assertThat(completed.payment().amountCaptured()).isEqualTo(Money.of(6000, "usd"));
        assertThat(intent(booked).getStatus()).isEqualTo("succeeded");
        assertThat(netCaptured(booked)).isEqualTo(6000);
    }

    // --- the scheduler ------------------------------------------------------------------------

    @Test
    void schedulerAuthorizesASavedCardADayBeforeTheLesson() throws Exception {
        Booking booked = book("stu_a", later(), "pm_card_visa");
        assertThat(booked.payment().status()).isEqualTo(PaymentStatus.SCHEDULED);
        clock.set(booked.startsAt().minus(Duration.ofHours(25)));
        assertThat(runScheduler().authorized()).as("not due yet").isZero();

        clock.set(booked.startsAt().minus(Duration.ofHours(24)));
        SchedulingPayments.Run run = runScheduler();

        Booking authorized = bookings.find(booked.id()).orElseThrow();
        assertThat(run.authorized()).isEqualTo(1);
        assertThat(authorized.payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        PaymentIntent onStripe = intent(authorized);
        assertThat(onStripe.getStatus()).isEqualTo("requires_capture");
        assertThat(onStripe.getAmount()).isEqualTo(6000L);
        assertThat(onStripe.getCustomer()).isEqualTo(booked.payment().customerId());
        assertThat(bookings.findDue(DueWork.SCHEDULED_AUTHORIZATION, booked.startsAt(), 100))
                .extracting(Booking::id).doesNotContain(booked.id());
    }

    @Test
    void schedulerFailsADeclinedSavedCardAndFreesTheTime() {
        // Attaches fine, fails every charge: the case the authorization a day ahead must survive.
        Booking booked = book("stu_a", later(), "pm_card_chargeCustomerFail");
        assertThat(booked.payment().status()).isEqualTo(PaymentStatus.SCHEDULED);
        clock.set(booked.startsAt().minus(Duration.ofHours(23)));

        SchedulingPayments.Run run = runScheduler();

        Booking failed = bookings.find(booked.id()).orElseThrow();
        assertThat(run.paymentFailed()).isEqualTo(1);
        assertThat(failed.status()).isEqualTo(BookingStatus.PAYMENT_FAILED);
        assertThat(failed.payment().status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(lockCount(booked.id())).isZero();
    }

    @Test
    void aHoldLeftByACrashStopsBlockingAtItsExpiryAndTheSchedulerMarksItExpired() {
        Instant bookedAt = clock.instant();
        PaymentGateway crashing = new CrashingOnAuthorize(stripe);
        try {
            booking(crashing).book(request("stu_crash", soon(), "pm_card_visa", null));
        } catch (IllegalStateException crash) {
            assertThat(crash).hasMessage("crashed after the hold");
        }
        Booking held = onlyBookingOf("stu_crash");
        assertThat(held.status()).isEqualTo(BookingStatus.PENDING);
        assertThat(rejectionCode(booking(stripe).book(request("stu_b", soon(), "pm_card_visa", null)).result()))
                .as("the hold blocks while it lasts").isEqualTo(ProblemCode.BOOKING_CONFLICT);

        clock.set(bookedAt.plus(BookingALesson.DEFAULT_HOLD).plusSeconds(1));
        Booking next = book("stu_c", soon(), "pm_card_visa");
        SchedulingPayments.Run run = runScheduler();

        assertThat(next.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(run.expired()).isEqualTo(1);
        assertThat(bookings.find(held.id()).orElseThrow().status()).isEqualTo(BookingStatus.EXPIRED);
        assertThat(lockCount(held.id())).isZero();
        assertThat(lockCount(next.id())).as("the expiry deleted none of the new booking's locks: 5 instructor + 4 student units")
                .isEqualTo(9);
    }

    // --- create with Stripe failing -----------------------------------------------------------

    @Test
    void createWithStripeFailingAnswers502AndARetryWithTheSameKeyNeverAuthorizesAgain() throws Exception {
        try (FailingStripe down = FailingStripe.answering500()) {
            BookingALesson failing = booking(gatewayAt(down.endpoint(), Duration.ofMillis(500)));
            BookingRequest request = request("stu_retry", soon(), "pm_card_visa", "key-502");

            BookingOutcome first = failing.book(request);
            int requestsAfterFirst = down.idempotencyKeys().size();
            BookingOutcome retry = failing.book(request);

            assertThat(rejectionCode(first.result())).isEqualTo(ProblemCode.PAYMENT_PROVIDER_UNAVAILABLE);
            assertThat(retry.replayed()).isTrue();
            assertThat(rejectionCode(retry.result())).isEqualTo(ProblemCode.PAYMENT_PROVIDER_UNAVAILABLE);
            // The authorization's calls only: the student's customer (which a 500 stops), then the intent.
            assertThat(down.idempotencyKeys()).hasSize(requestsAfterFirst)
                    .allSatisfy(key -> assertThat(key).matches(".*-(customer|authorize)$"));
        }
        Booking failed = onlyBookingOf("stu_retry");
        assertThat(failed.status()).isEqualTo(BookingStatus.PAYMENT_FAILED);
        assertThat(lockCount(failed.id())).as("slot released").isZero();
        assertThat(book("stu_other", soon(), "pm_card_visa").status()).isEqualTo(BookingStatus.CONFIRMED);
    }

    // --- authorizations Stripe made for bookings that failed --------------------------------------

    @Test
    void anAuthorizationStripePerformedAfterTheBookingFailedIsFoundByItsKeyAndCancelledByTheScheduler() throws Exception {
        Booking failed;
        try (FaultProxy proxy = FaultProxy.inFrontOf(stripeBase)) {
            BookingALesson stalled = booking(gatewayAt(proxy.endpoint(), Duration.ofMillis(300)));
            try (FaultProxy.Injected stall = proxy.inject(request -> request.path().startsWith("/v1/payment_intents"),
                    new FaultProxy.Fault.Stall())) {
                assertThat(rejectionCode(stalled.book(request("stu_late", soon(), "pm_card_visa", "late-1")).result()))
                        .isEqualTo(ProblemCode.PAYMENT_PROVIDER_UNAVAILABLE);
                assertThat(stall.hits()).as("every attempt was held").isEqualTo(3);
            }
            failed = onlyBookingOf("stu_late");
            // Stripe catches up on its queue: the first attempt authorizes, the two retries replay it.
            awaitIntents(failed, 1);
        }
        String live = stripeSide.intentIdsOfBooking(failed.id()).get(0);
        assertThat(stripeSide.intent(live).getStatus()).as("the failed booking's card carries a hold").isEqualTo("requires_capture");
        assertThat(DueWork.of(failed)).map(DueWork.Due::kind).contains(DueWork.AUTHORIZATION_RELEASE);

        SchedulingPayments.Run run = runScheduler();

        assertThat(run.released()).isEqualTo(1);
        assertThat(stripeSide.intentIdsOfBooking(failed.id())).containsExactly(live);
        assertThat(stripeSide.intent(live).getStatus()).isEqualTo("canceled");
        Booking settled = bookings.find(failed.id()).orElseThrow();
        assertThat(settled.status()).isEqualTo(BookingStatus.PAYMENT_FAILED);
        assertThat(settled.payment().status()).isEqualTo(PaymentStatus.RELEASED);
        assertThat(settled.payment().paymentIntentId()).isEqualTo(live);
        assertThat(DueWork.of(settled)).isEmpty();
        assertThat(rejectionCode(booking(stripe).book(request("stu_late", soon(), "pm_card_visa", "late-1")).result()))
                .as("a retry still gets the original answer").isEqualTo(ProblemCode.PAYMENT_PROVIDER_UNAVAILABLE);
    }

    @Test
    void anAuthorizationStripeNeverReceivedIsMadeByTheLookUpAndCancelledAtOnce() throws Exception {
        try (FailingStripe down = FailingStripe.answering500()) {
            assertThat(rejectionCode(booking(gatewayAt(down.endpoint(), Duration.ofMillis(300)))
                    .book(request("stu_never", soon(), "pm_card_visa", "never-1")).result()))
                    .isEqualTo(ProblemCode.PAYMENT_PROVIDER_UNAVAILABLE);
        }
        Booking failed = onlyBookingOf("stu_never");
        assertThat(stripeSide.intentIdsOfBooking(failed.id())).isEmpty();

        runScheduler();

        List<String> intents = stripeSide.intentIdsOfBooking(failed.id());
        assertThat(intents).hasSize(1);
        assertThat(stripeSide.intent(intents.get(0)).getStatus()).isEqualTo("canceled");
        assertThat(netCaptured(bookings.find(failed.id()).orElseThrow())).isZero();
        assertThat(bookings.find(failed.id()).orElseThrow().payment().status()).isEqualTo(PaymentStatus.RELEASED);
    }

    private void awaitIntents(Booking booking, int count) throws Exception {
        Instant giveUp = Instant.now().plusSeconds(10);
        while (stripeSide.intentIdsOfBooking(booking.id()).size() < count) {
            assertThat(Instant.now()).as("Stripe performed the stalled authorization").isBefore(giveUp);
            Thread.sleep(20);
        }
    }

    // --- fixtures -----------------------------------------------------------------------------

    /** Three days ahead of the test's start: authorized at booking. */
    private LocalDate soon() {
        return startedAt.atZone(ZoneOffset.UTC).toLocalDate().plusDays(3);
    }

    /** Ten days ahead of the test's start: the card is saved, authorized by the scheduler a day before. */
    private LocalDate later() {
        return startedAt.atZone(ZoneOffset.UTC).toLocalDate().plusDays(10);
    }

    /** Students are per test (the table is shared by the class), named after its instructor. */
    private Caller student(String name) {
        return new Caller(studentId(name), Role.STUDENT);
    }

    private String studentId(String name) {
        return instructor + "_" + name;
    }

    private BookingRequest request(String student, LocalDate date, String paymentMethod, String key) {
        return new BookingRequest(Permissions.toBook(student(student)).orElseThrow(), instructor, "guitar", date, 10 * 60, 60, LocationType.ONLINE,
                paymentMethod, null, key);
    }

    private BookingALesson booking(PaymentGateway payments) {
        return new BookingALesson(new DynamoProfileStore(tables), new DynamoAvailabilityStore(tables), bookings, payments, clock);
    }

    private Booking book(String student, LocalDate date, String paymentMethod) {
        return valueOf(booking(stripe).book(request(student, date, paymentMethod, null)).result());
    }

    private CancellingABooking cancelling(PaymentGateway payments) {
        return new CancellingABooking(bookings, CancellationPolicy.defaults(),
                new CancellationSettlement(bookings, payments, incidents()), clock);
    }

    /** One run with the whole of the function's 120 s Timeout ahead of it. */
    private SchedulingPayments.Run runScheduler() {
        return scheduler().run(clock.instant().plus(Duration.ofSeconds(120)));
    }

    private SchedulingPayments scheduler() {
        return new SchedulingPayments(bookings, stripe, new CancellationSettlement(bookings, stripe, incidents()),
                incidents(), clock);
    }

    private PaymentIncidents incidents() {
        return (bookingId, operation, reason) -> incidents.add(bookingId + " " + operation);
    }

    private static StripePaymentGateway gatewayAt(URI base, Duration readTimeout) {
        return new StripePaymentGateway(LocalServers.STRIPE_TEST_KEY, base, Duration.ofMillis(500), readTimeout);
    }

    private PaymentIntent intent(Booking booking) throws Exception {
        return stripeSide.intent(intentIdOf(booking));
    }

    private long netCaptured(Booking booking) throws Exception {
        return stripeSide.netCaptured(intentIdOf(booking));
    }

    private String intentIdOf(Booking booking) {
        return bookings.find(booking.id()).map(stored -> stored.payment().paymentIntentId())
                .orElse(booking.payment().paymentIntentId());
    }

    private long lockCount(String bookingId) {
        return TestTable.scan(tables).stream()
                .filter(item -> item.get("sk").s().startsWith("LOCK#"))
                .filter(item -> bookingId.equals(Optional.ofNullable(item.get("bookingId")).map(AttributeValue::s).orElse(null)))
                .count();
    }

    private Booking onlyBookingOf(String student) {
        List<Booking> found = TestTable.scan(tables).stream()
                .filter(item -> item.get("pk").s().startsWith("BOOKING#"))
                .filter(item -> item.get("studentId").s().equals(studentId(student)))
                .map(item -> bookings.find(item.get("id").s()).orElseThrow())
                .toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static <T> T valueOf(Result<T> result) {
        if (result instanceof Result.Rejected<T> rejected) {
            throw new AssertionError("expected success, got " + rejected.rejection());
        }
        return ((Result.Ok<T>) result).value();
    }

    private static ProblemCode rejectionCode(Result<?> result) {
        assertThat(result).isInstanceOf(Result.Rejected.class);
        return ((Result.Rejected<?>) result).rejection().code();
    }

    /** The process dies right after the hold: authorization never starts. */
    private record CrashingOnAuthorize(PaymentGateway delegate) implements PaymentGateway {
        @Override
        public PaymentOutcome authorize(String bookingId, Money amount, String paymentMethodId, String studentId,
                String customerId) {
            throw new IllegalStateException("crashed after the hold");
        }

        @Override
        public PaymentOutcome saveCard(String bookingId, String paymentMethodId, String studentId, String customerId) {
            throw new IllegalStateException("crashed after the hold");
        }

        @Override
        public PaymentOutcome authorizeSaved(String bookingId, Money amount, String customerId, String paymentMethodId) {
            return delegate.authorizeSaved(bookingId, amount, customerId, paymentMethodId);
        }

        @Override
        public PaymentOutcome authorizeSavedForMove(String bookingId, int move, Money amount, String customerId,
                String paymentMethodId) {
            return delegate.authorizeSavedForMove(bookingId, move, amount, customerId, paymentMethodId);
        }

        @Override
        public PaymentOutcome releaseReplaced(String bookingId, String paymentIntentId) {
            return delegate.releaseReplaced(bookingId, paymentIntentId);
        }

        @Override
        public PaymentOutcome chargeSaved(String bookingId, Money amount, String customerId, String paymentMethodId) {
            return delegate.chargeSaved(bookingId, amount, customerId, paymentMethodId);
        }

        @Override
        public PaymentOutcome capture(String bookingId, String paymentIntentId, Money amount) {
            return delegate.capture(bookingId, paymentIntentId, amount);
        }

        @Override
        public PaymentOutcome release(String bookingId, String paymentIntentId) {
            return delegate.release(bookingId, paymentIntentId);
        }

        @Override
        public PaymentOutcome refund(String bookingId, String paymentIntentId, Money amount) {
            return delegate.refund(bookingId, paymentIntentId, amount);
        }
    }
}
