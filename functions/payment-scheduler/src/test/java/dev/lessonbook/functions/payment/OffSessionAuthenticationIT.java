package dev.lessonbook.functions.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Role;
import dev.lessonbook.availability.SaveWeekCommand;
import dev.lessonbook.availability.SavingWeekAvailability;
import dev.lessonbook.availability.WindowOnDate;
import dev.lessonbook.booking.AuthenticationDeadline;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingALesson;
import dev.lessonbook.booking.BookingOutcome;
import dev.lessonbook.booking.BookingRequest;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.CancellationPolicy;
import dev.lessonbook.booking.CancellationSettlement;
import dev.lessonbook.booking.CancellingABooking;
import dev.lessonbook.booking.ConfirmingAPayment;
import dev.lessonbook.booking.DueWork;
import dev.lessonbook.booking.SchedulingPayments;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.TestTable;
import dev.lessonbook.dynamodb.availability.DynamoAvailabilityStore;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.emulators.Concurrently;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.event.BookingPaymentActionRequired;
import dev.lessonbook.event.BookingPaymentFailed;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.fixtures.MovableClock;
import dev.lessonbook.money.Money;
import dev.lessonbook.notification.LessonEmails;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.payments.stripe.StripePaymentGateway;
import dev.lessonbook.payments.stripe.StripeSide;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.InstructorProfile;
import dev.lessonbook.profile.LessonService;
import dev.lessonbook.profile.LocationType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * 3-D Secure off-session (issue 14; docs/decisions.md "3-D Secure off-session") on the real
 * adapters — DynamoDB on moto, Stripe on localstripe — with the clock moved: a card saved with
 * its authentication for a lesson 10 days ahead whose issuer asks again when the scheduler
 * authorizes it off-session 24 h before ({@code pm_card_authenticationRequired}, Stripe's "always
 * authenticate" card).
 */
@ExtendWith(LocalServersExtension.class)
class OffSessionAuthenticationIT {
    private static final Duration DAY = Duration.ofHours(24);
    private static final String LINK = "https://app.example.test/bookings/{bookingId}/pay";

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
        assertThat(new SavingWeekAvailability(profiles, new DynamoAvailabilityStore(tables), clock).save(
                new SaveWeekCommand(Permissions.toChangeAvailability(new Caller(instructor, Role.INSTRUCTOR), instructor).orElseThrow(),
                        later().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                        List.of(new WindowOnDate(later(), 8 * 60, 18 * 60)), false, Optional.empty())))
                .isInstanceOf(Result.Ok.class);
    }

    @Test
    void authenticationAskedOffSessionKeepsTheLessonAndEmailsTheStudentOnceThenConfirmPaymentAuthorizesIt() throws Exception {
        Booking saved = bookedWithSavedCard("stu_a");
        clock.set(saved.startsAt().minus(DAY));

        List<SchedulingPayments.Run> runs = concurrentRuns(4);

        Booking awaiting = stored(saved);
        assertThat(awaiting.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(awaiting.payment().status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);
        assertThat(awaiting.payment().paymentIntentId()).startsWith("pi_");
        assertThat(stripeSide.intent(awaiting.payment().paymentIntentId()).getStatus()).isEqualTo("requires_payment_method");
        assertThat(runs.stream().mapToInt(SchedulingPayments.Run::actionRequired).sum()).as("one run records it").isEqualTo(1);
        List<BookingPaymentActionRequired> asked = eventsOf(saved, BookingPaymentActionRequired.class);
        assertThat(asked).as("one event: one email").hasSize(1);
        List<LessonEmails.Notice> emails = new LessonEmails(LINK).of(asked.get(0));
        assertThat(emails).singleElement().satisfies(notice -> {
            assertThat(notice.recipient().party().name()).isEqualTo("STUDENT");
            assertThat(notice.email().text()).contains(LINK.replace("{bookingId}", saved.id()));
        });
        assertThat(DueWork.of(awaiting)).contains(new DueWork.Due(DueWork.AUTHENTICATION_DEADLINE,
                AuthenticationDeadline.CONFIGURED.at(saved.startsAt())));

        BookingOutcome onSession = confirming().confirm(student(saved), saved.id());
        assertThat(onSession.awaitsAuthentication()).as("202 with the client secret").isTrue();
        assertThat(onSession.clientSecret()).startsWith(awaiting.payment().paymentIntentId() + "_secret_");
        authenticate(awaiting.payment().paymentIntentId(), onSession.clientSecret(), true);

        List<BookingOutcome> answers = Concurrently.run(List.of(
                () -> confirming().confirm(student(saved), saved.id()),
                () -> confirming().confirm(student(saved), saved.id())), 2);

        assertThat(answers).allSatisfy(answer -> assertThat(answer.result()).isInstanceOfSatisfying(Result.Ok.class,
                ok -> assertThat(((Booking) ok.value()).payment().status()).isEqualTo(PaymentStatus.AUTHORIZED)));
        Booking authorized = stored(saved);
        assertThat(authorized.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(authorized.payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(authorized.payment().amountAuthorized()).isEqualTo(Money.of(6000, "usd"));
        assertThat(stripeSide.intent(authorized.payment().paymentIntentId()).getStatus()).isEqualTo("requires_capture");
        clock.set(AuthenticationDeadline.CONFIGURED.at(saved.startsAt()));
        assertThat(runScheduler().authenticationLapsed()).as("nothing left to lapse").isZero();
        assertThat(stored(saved).payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(incidents).isEmpty();
    }

    @Test
    void notAuthenticatedByTheDeadlineTheBookingFailsOnceTheSlotIsFreedAndTheIntentCancelled() throws Exception {
        Booking saved = bookedWithSavedCard("stu_b");
        clock.set(saved.startsAt().minus(DAY));
        runScheduler();
        String intentId = stored(saved).payment().paymentIntentId();
        Instant deadline = AuthenticationDeadline.CONFIGURED.at(saved.startsAt());

        clock.set(deadline.minusSeconds(1));
        assertThat(runScheduler().authenticationLapsed()).as("a second early").isZero();
        assertThat(stored(saved).payment().status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);

        clock.set(deadline);
        List<SchedulingPayments.Run> runs = concurrentRuns(4);

        Booking failed = stored(saved);
        assertThat(failed.status()).isEqualTo(BookingStatus.PAYMENT_FAILED);
        assertThat(failed.payment().status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(runs.stream().mapToInt(SchedulingPayments.Run::authenticationLapsed).sum()).isEqualTo(1);
        List<BookingPaymentFailed> told = eventsOf(saved, BookingPaymentFailed.class);
        assertThat(told).as("one BookingPaymentFailed").hasSize(1);
        assertThat(new LessonEmails(LINK).of(told.get(0))).as("both parties told")
                .extracting(notice -> notice.recipient().party().name()).containsExactlyInAnyOrder("STUDENT", "INSTRUCTOR");
        assertThat(stripeSide.intent(intentId).getStatus()).isEqualTo("canceled");
        assertThat(confirming().confirm(student(saved), saved.id()).result()).as("402 from now on")
                .isInstanceOf(Result.Rejected.class);
        clock.set(startedAt);
        assertThat(book("stu_c", "pm_card_visa").result()).as("the slot is free again").isInstanceOf(Result.Ok.class);
    }

    @Test
    void cancellingWhileTheStudentIsAskedToAuthenticateChargesNoTierAndCancelsTheIntentInStripe() throws Exception {
        Booking saved = bookedWithSavedCard("stu_d");
        clock.set(saved.startsAt().minus(DAY));
        runScheduler();
        String intentId = stored(saved).payment().paymentIntentId();

        clock.set(saved.startsAt().minus(Duration.ofHours(5)));
        Booking cancelled = valueOf(cancelling(stripe).cancel(student(saved), saved.id(), null));

        assertThat(cancelled.status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(cancelled.cancellation().chargePercent()).as("5 h ahead: no tier, nothing was held").isZero();
        assertThat(cancelled.cancellation().amountCharged()).isEqualTo(Money.zero("usd"));
        assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.RELEASED);
        assertThat(stripeSide.intent(intentId).getStatus()).isEqualTo("canceled");
        assertThat(stripeSide.intentIdsOfBooking(saved.id())).as("no fee charged off-session").containsExactly(intentId);
        assertThat(valueOf(confirming().confirm(student(saved), saved.id()).result())).as("the student's link answers it as it is")
                .isEqualTo(stored(saved));
        assertThat(stored(saved)).isEqualTo(cancelled);
        assertThat(incidents).isEmpty();
    }

    @Test
    void cancellingAPendingBookingWhoseCardSetupAwaitsAuthenticationCancelsTheSetupIntent() throws Exception {
        BookingOutcome pending = book("stu_e", "pm_card_authenticationRequired");
        Booking held = valueOf(pending.result());
        assertThat(held.payment().paymentIntentId()).startsWith("seti_");

        Booking cancelled = valueOf(cancelling(stripe).cancel(student(held), held.id(), null));

        assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.RELEASED);
        assertThat(cancelled.cancellation().amountCharged()).isEqualTo(Money.zero("usd"));
        assertThat(stripeSide.setupIntent(held.payment().paymentIntentId()).getStatus()).isEqualTo("canceled");
        assertThat(book("stu_f", "pm_card_visa").result()).as("the slot is free again").isInstanceOf(Result.Ok.class);
    }

    @Test
    void anAuthenticationCompletedAfterACancellationWhoseReleaseFailedIsRecordedAndReleasedOnce() throws Exception {
        Booking saved = bookedWithSavedCard("stu_g");
        clock.set(saved.startsAt().minus(DAY));
        runScheduler();
        String intentId = stored(saved).payment().paymentIntentId();
        BookingOutcome onSession = confirming().confirm(student(saved), saved.id());
        assertThat(onSession.awaitsAuthentication()).isTrue();

        clock.set(saved.startsAt().minus(Duration.ofHours(5)));
        Booking cancelled;
        try (FailingStripe down = FailingStripe.answering500()) {
            cancelled = valueOf(cancelling(new StripePaymentGateway(LocalServers.STRIPE_TEST_KEY, down.endpoint(),
                    Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(2_500))).cancel(student(saved), saved.id(), null));
        }
        assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.MANUAL_REVIEW);
        assertThat(stripeSide.intent(intentId).getStatus()).isEqualTo("requires_action");
        authenticate(intentId, onSession.clientSecret(), true);
        assertThat(stripeSide.intent(intentId).getStatus()).as("Stripe holds money for a cancelled lesson").isEqualTo("requires_capture");

        List<BookingOutcome> answers = Concurrently.run(List.of(
                () -> confirming().confirm(student(saved), saved.id()),
                () -> confirming().confirm(student(saved), saved.id())), 2);
        assertThat(answers).allSatisfy(answer -> assertThat(answer.result()).isInstanceOf(Result.Ok.class));
        Booking recorded = stored(saved);
        assertThat(recorded.status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(recorded.payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);

        clock.set(recorded.cancellation().at().plus(DueWork.SETTLEMENT_GRACE));
        assertThat(runScheduler().settled()).isEqualTo(1);
        assertThat(runScheduler().settled()).as("released once").isZero();

        assertThat(stripeSide.intent(intentId).getStatus()).isEqualTo("canceled");
        assertThat(stored(saved).payment().status()).isEqualTo(PaymentStatus.RELEASED);
        assertThat(stripeSide.netCaptured(intentId)).isZero();
        assertThat(incidents).as("only the failed release").containsExactly(saved.id() + " release-waiting");
    }

    // --- fixtures -----------------------------------------------------------------------------

    private CancellingABooking cancelling(StripePaymentGateway gateway) {
        return new CancellingABooking(bookings, CancellationPolicy.defaults(),
                new CancellationSettlement(bookings, gateway, incidents()), clock);
    }

    private static Booking valueOf(Result<Booking> result) {
        assertThat(result).isInstanceOf(Result.Ok.class);
        return ((Result.Ok<Booking>) result).value();
    }

    /** Ten days ahead: the card is saved (authenticated on its SetupIntent), authorized off-session a day before. */
    private LocalDate later() {
        return startedAt.atZone(ZoneOffset.UTC).toLocalDate().plusDays(10);
    }

    private Booking bookedWithSavedCard(String student) throws Exception {
        BookingOutcome pending = book(student, "pm_card_authenticationRequired");
        assertThat(pending.awaitsAuthentication()).isTrue();
        Booking held = ((Result.Ok<Booking>) pending.result()).value();
        authenticateSetup(held.payment().paymentIntentId(), pending.clientSecret());
        Result<Booking> confirmed = confirming().confirm(student(held), held.id()).result();
        assertThat(confirmed).isInstanceOf(Result.Ok.class);
        Booking booking = ((Result.Ok<Booking>) confirmed).value();
        assertThat(booking.payment().status()).isEqualTo(PaymentStatus.SCHEDULED);
        return booking;
    }

    private BookingOutcome book(String student, String card) {
        BookingRequest request = new BookingRequest(Permissions.toBook(new Caller(instructor + "_" + student, Role.STUDENT))
                .orElseThrow(), instructor, "guitar", later(), 10 * 60, 60, LocationType.ONLINE, card, null, null);
        return new BookingALesson(new DynamoProfileStore(tables), new DynamoAvailabilityStore(tables), bookings, stripe, clock)
                .book(request);
    }

    private static Caller student(Booking booking) {
        return new Caller(booking.studentId(), Role.STUDENT);
    }

    private ConfirmingAPayment confirming() {
        return new ConfirmingAPayment(bookings, stripe, clock);
    }

    private List<SchedulingPayments.Run> concurrentRuns(int count) throws Exception {
        List<Callable<SchedulingPayments.Run>> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add(this::runScheduler);
        }
        return Concurrently.run(runs, count);
    }

    private SchedulingPayments.Run runScheduler() {
        return new SchedulingPayments(bookings, stripe, new CancellationSettlement(bookings, stripe, incidents()),
                incidents(), clock).run(clock.instant().plus(Duration.ofSeconds(120)));
    }

    private PaymentIncidents incidents() {
        return (bookingId, operation, reason) -> incidents.add(bookingId + " " + operation);
    }

    private Booking stored(Booking booking) {
        return bookings.find(booking.id()).orElseThrow();
    }

    private <T extends DomainEvent> List<T> eventsOf(Booking booking, Class<T> type) {
        synchronized (committed) {
            return committed.stream().filter(type::isInstance).map(type::cast)
                    .filter(event -> ((dev.lessonbook.event.BookingEvent) event).booking().bookingId().equals(booking.id()))
                    .toList();
        }
    }

    /** The student's browser (Stripe.js) completing 3-D Secure, as the local Stripe server offers it. */
    private static void authenticate(String intentId, String clientSecret, boolean success) throws Exception {
        post("/v1/payment_intents/" + intentId + "/_authenticate", clientSecret, success);
    }

    private static void authenticateSetup(String intentId, String clientSecret) throws Exception {
        post("/v1/setup_intents/" + intentId + "/_authenticate", clientSecret, true);
    }

    private static void post(String path, String clientSecret, boolean success) throws Exception {
        String form = "client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8) + "&success=" + success;
        HttpResponse<String> done = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stripeBase + path))
                .header("Authorization", "Bearer " + LocalServers.STRIPE_TEST_KEY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    }
}
