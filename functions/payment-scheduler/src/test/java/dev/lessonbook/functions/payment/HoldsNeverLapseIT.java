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
import dev.lessonbook.booking.BookingRequest;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.CancellationSettlement;
import dev.lessonbook.booking.CompletingABooking;
import dev.lessonbook.booking.SchedulingPayments;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.TestTable;
import dev.lessonbook.dynamodb.availability.DynamoAvailabilityStore;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.emulators.Concurrently;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.event.BookingCompleted;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.fixtures.MovableClock;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.payments.stripe.StripePaymentGateway;
import dev.lessonbook.payments.stripe.StripeSide;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Holds never lapse before capture (issue 14; docs/decisions.md "Holds never lapse"), on the real
 * adapters — DynamoDB on moto, Stripe on localstripe — with the clock moved instead of waited for.
 * Stripe's side of time passing (a hold's deadline, its lapse) is set through the local Stripe
 * server's controls (testing/emulators localstripe_server.py).
 */
@ExtendWith(LocalServersExtension.class)
class HoldsNeverLapseIT {
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration MARGIN = Duration.ofHours(6);

    private static Tables tables;
    private static URI stripeBase;
    private static StripeSide stripeSide;

    private final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final MovableClock clock = new MovableClock(startedAt);
    private final List<String> incidents = Collections.synchronizedList(new ArrayList<>());
    private final List<DomainEvent> committed = Collections.synchronizedList(new ArrayList<>());
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
        bookings = new DynamoBookingStore(tables.onCommittedEvents(committed::addAll));
        stripe = new StripePaymentGateway(LocalServers.STRIPE_TEST_KEY, stripeBase, Duration.ofMillis(500),
                StripePaymentGateway.DEFAULT_READ_TIMEOUT);
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

    @Test
    void aLessonNobodyCompletedIsCapturedOnceADayAfterItsEndEvenByConcurrentRuns() throws Exception {
        Booking booked = book("stu_a", soon());
        clock.set(booked.endsAt());
        runScheduler();
        Instant captureBefore = Instant.ofEpochSecond(intent(booked).getLatestChargeObject().getPaymentMethodDetails().getCard()
                .getCaptureBefore());
        assertThat(stored(booked).payment().captureBefore()).as("the hold's deadline, read from Stripe").isEqualTo(captureBefore);
        assertThat(captureBefore).as("Stripe's 7 days for an online hold").isAfter(booked.endsAt().plus(DAY));

        clock.set(booked.endsAt().plus(DAY).minusSeconds(1));
        assertThat(runScheduler().completed()).as("a second early").isZero();
        clock.set(booked.endsAt().plus(DAY));
        List<Callable<SchedulingPayments.Run>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(this::runScheduler);
        }
        Concurrently.run(runs, 4);

        Booking completed = stored(booked);
        assertThat(completed.status()).isEqualTo(BookingStatus.COMPLETED);
        assertThat(completed.payment().status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(completed.payment().amountCaptured()).isEqualTo(Money.of(6000, "usd"));
        assertThat(intent(booked).getStatus()).isEqualTo("succeeded");
        assertThat(stripeSide.netCaptured(intentIdOf(booked))).isEqualTo(6000);
        assertThat(completedEventsOf(booked)).as("one BookingCompleted: one set of emails, stats once").isEqualTo(1);
        assertThat(incidents).isEmpty();
    }

    @Test
    void aCaptureBeforeEarlierThanADayAfterTheEndIsMetWithTheSafetyMargin() throws Exception {
        Booking booked = book("stu_a", soon());
        Instant captureBefore = booked.endsAt().plus(Duration.ofHours(10));
        stripeControl(intentIdOf(booked), "capture_before", "capture_before=" + captureBefore.getEpochSecond());

        clock.set(booked.endsAt());
        runScheduler();
        assertThat(stored(booked).payment().captureBefore()).isEqualTo(captureBefore);
        clock.set(captureBefore.minus(MARGIN).minusSeconds(1));
        runScheduler();
        assertThat(stored(booked).status()).isEqualTo(BookingStatus.CONFIRMED);

        clock.set(captureBefore.minus(MARGIN));
        assertThat(runScheduler().completed()).isEqualTo(1);

        assertThat(stored(booked).status()).isEqualTo(BookingStatus.COMPLETED);
        assertThat(stripeSide.netCaptured(intentIdOf(booked))).isEqualTo(6000);
    }

    @Test
    void disputedAndAlreadyCompletedLessonsAreNotCompletedAutomatically() throws Exception {
        Booking byInstructor = book("stu_a", soon());
        Booking disputed = book("stu_b", soon(), 14 * 60);
        clock.set(disputed.endsAt());
        assertThat(completing().complete(new Caller(instructor, Role.INSTRUCTOR), byInstructor.id()))
                .isInstanceOf(Result.Ok.class);
        Payment chargedBack = disputed.payment().withCapture(disputed.price(), disputed.payment().paymentIntentId())
                .withDisputeOpened("dp_1", disputed.price());
        assertThat(bookings.update(disputed.withPayment(chargedBack), BookingStatus.CONFIRMED, List.of())).isTrue();

        clock.set(disputed.endsAt().plus(Duration.ofDays(2)));
        SchedulingPayments.Run run = runScheduler();

        assertThat(run.completed()).isZero();
        assertThat(stored(disputed).status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(stored(disputed).payment().status()).isEqualTo(PaymentStatus.DISPUTED);
        assertThat(intent(disputed).getStatus()).as("nothing captured by the scheduler").isEqualTo("requires_capture");
        assertThat(completedEventsOf(byInstructor)).as("the instructor's completion only").isEqualTo(1);
    }

    @Test
    void aHoldThatLapsedIsAuthorizedAgainOnTheSavedCardAndThatIsCaptured() throws Exception {
        Booking booked = book("stu_a", later());
        assertThat(booked.payment().status()).isEqualTo(PaymentStatus.SCHEDULED);
        clock.set(booked.startsAt().minus(DAY));
        assertThat(runScheduler().authorized()).isEqualTo(1);
        String first = intentIdOf(booked);
        heldFromNow(first);
        clock.set(booked.endsAt());
        runScheduler();
        assertThat(stored(booked).payment().captureBefore()).as("read").isNotNull();

        stripeControl(first, "lapse", "");
        clock.set(booked.endsAt().plus(DAY));
        assertThat(runScheduler().completed()).isEqualTo(1);

        Booking completed = stored(booked);
        String renewal = completed.payment().paymentIntentId();
        assertThat(renewal).isNotEqualTo(first);
        assertThat(completed.status()).isEqualTo(BookingStatus.COMPLETED);
        assertThat(completed.payment().status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(completed.payment().renewedFrom()).isEqualTo(first);
        PaymentIntent renewed = stripeSide.intent(renewal);
        assertThat(renewed.getStatus()).isEqualTo("succeeded");
        assertThat(renewed.getCustomer()).isEqualTo(booked.payment().customerId());
        assertThat(renewed.getMetadata()).containsEntry("renews", first);
        assertThat(stripeSide.intent(first).getStatus()).isEqualTo("canceled");
        assertThat(stripeSide.intentIdsOfBooking(booked.id())).containsExactlyInAnyOrder(first, renewal);
        assertThat(stripeSide.netCaptured(renewal)).isEqualTo(6000);
        assertThat(completedEventsOf(booked)).isEqualTo(1);
        assertThat(incidents).isEmpty();
    }

    @Test
    void aHoldFoundLapsedAtTheEndIsRenewedThenCompletedOnTime() throws Exception {
        Booking booked = book("stu_a", later());
        clock.set(booked.startsAt().minus(DAY));
        runScheduler();
        String first = intentIdOf(booked);
        stripeControl(first, "lapse", "");

        clock.set(booked.endsAt());
        assertThat(runScheduler().renewed()).as(stored(booked) + " " + incidents).isEqualTo(1);
        assertThat(stored(booked).payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(intent(booked).getStatus()).as("held anew").isEqualTo("requires_capture");
        heldFromNow(intentIdOf(booked));
        runScheduler();
        assertThat(stored(booked).payment().captureBefore()).as("the renewal's deadline").isNotNull();

        clock.set(booked.endsAt().plus(DAY));
        assertThat(runScheduler().completed()).isEqualTo(1);
        assertThat(stripeSide.netCaptured(intentIdOf(booked))).isEqualTo(6000);
        assertThat(stripeSide.intentIdsOfBooking(booked.id())).hasSize(2);
    }

    @Test
    void aLapsedHoldWithoutASavedCardGoesToManualReviewWithAnIncident() throws Exception {
        Booking saved = book("stu_a", soon());
        // A lesson authorized before cards were saved with the authorization keeps no Customer.
        Booking booked = saved.withPayment(Payment.authorized(saved.payment().amountAuthorized(),
                saved.payment().paymentIntentId(), saved.payment().paymentMethodId()));
        assertThat(bookings.updatePayment(booked, saved, List.of())).isTrue();
        assertThat(booked.payment().hasSavedCard()).isFalse();
        stripeControl(intentIdOf(booked), "lapse", "");

        clock.set(booked.endsAt());
        runScheduler();

        Booking review = stored(booked);
        assertThat(review.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(review.payment().status()).isEqualTo(PaymentStatus.MANUAL_REVIEW);
        assertThat(incidents).containsExactly(booked.id() + " renew-hold");
        assertThat(stripeSide.intentIdsOfBooking(booked.id())).as("nothing authorized again").hasSize(1);
        clock.set(booked.endsAt().plus(Duration.ofDays(2)));
        assertThat(runScheduler().completed()).as("left to a person").isZero();
    }

    // --- fixtures -----------------------------------------------------------------------------

    /** Three days ahead of the test's start: authorized at booking (on-session, no card saved). */
    private LocalDate soon() {
        return startedAt.atZone(ZoneOffset.UTC).toLocalDate().plusDays(3);
    }

    /** Ten days ahead: the card is saved, authorized off-session by the scheduler a day before. */
    private LocalDate later() {
        return startedAt.atZone(ZoneOffset.UTC).toLocalDate().plusDays(10);
    }

    private Booking book(String student, LocalDate date) {
        return book(student, date, 10 * 60);
    }

    private Booking book(String student, LocalDate date, int startMinute) {
        BookingRequest request = new BookingRequest(Permissions.toBook(new Caller(instructor + "_" + student, Role.STUDENT))
                .orElseThrow(), instructor, "guitar", date, startMinute, 60, LocationType.ONLINE, "pm_card_visa", null, null);
        Result<Booking> result = new BookingALesson(new DynamoProfileStore(tables), new DynamoAvailabilityStore(tables), bookings,
                stripe, clock).book(request).result();
        assertThat(result).isInstanceOf(Result.Ok.class);
        return ((Result.Ok<Booking>) result).value();
    }

    private SchedulingPayments.Run runScheduler() {
        return new SchedulingPayments(bookings, stripe, new CancellationSettlement(bookings, stripe, incidents()),
                incidents(), clock).run(clock.instant().plus(Duration.ofSeconds(120)));
    }

    private CompletingABooking completing() {
        return new CompletingABooking(bookings, stripe, incidents(), clock);
    }

    private PaymentIncidents incidents() {
        return (bookingId, operation, reason) -> incidents.add(bookingId + " " + operation);
    }

    private Booking stored(Booking booking) {
        return bookings.find(booking.id()).orElseThrow();
    }

    private String intentIdOf(Booking booking) {
        return stored(booking).payment().paymentIntentId();
    }

    private PaymentIntent intent(Booking booking) throws Exception {
        return stripeSide.intent(intentIdOf(booking));
    }

    private long completedEventsOf(Booking booking) {
        synchronized (committed) {
            return committed.stream().filter(BookingCompleted.class::isInstance)
                    .filter(event -> ((BookingCompleted) event).booking().bookingId().equals(booking.id())).count();
        }
    }

    /**
     * Stripe's clock does not move with the test's: a hold made off-session at the test's "now"
     * lasts Stripe's 4 days 18 h (a merchant-initiated Visa authorization) from that now.
     */
    private void heldFromNow(String intentId) throws Exception {
        stripeControl(intentId, "capture_before", "capture_before="
                + clock.instant().plus(Duration.ofDays(4)).plus(Duration.ofHours(18)).getEpochSecond());
    }

    /** The local Stripe server's stand-ins for time passing on Stripe's side (not Stripe's API). */
    private static void stripeControl(String intentId, String control, String form) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stripeBase + "/_config/lessonbook/payment_intents/" + intentId + "/" + control))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
