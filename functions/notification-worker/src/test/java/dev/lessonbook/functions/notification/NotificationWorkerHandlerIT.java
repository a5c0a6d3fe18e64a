package dev.lessonbook.functions.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Role;
import dev.lessonbook.aws.Incidents;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.PrimingCheck;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.eventjson.EventJson;
import dev.lessonbook.fixtures.MovableClock;
import dev.lessonbook.functions.notification.SentEmails.Sent;
import dev.lessonbook.messaging.Lessons;
import dev.lessonbook.messaging.TestQueues;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Result;
import java.net.URI;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The notification queue's consumer through the real handler, with the emails checked on moto's
 * SES side: from the sample event, and from each write that emails someone (confirmed, cancelled,
 * payment failed) through the queue to the messages SES sent — each to the address the booking
 * kept (the student's token's, the instructor's profile's), and to nobody, with an incident, when
 * it kept none.
 */
@ExtendWith(LocalServersExtension.class)
class NotificationWorkerHandlerIT {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String SENDER = "lessons@lessonbook.test";
    private static final String AUTHENTICATION_URL = "https://pay.lessonbook.test/b/{bookingId}/authenticate";
    /** Only this class's emails: moto is shared by the test JVM. */
    private static final String DOMAIN = "users-" + UUID.randomUUID().toString().substring(0, 8) + ".test";

    private static URI moto;
    private static Tables tables;
    private static TestQueues queues;
    private static NotificationWorkerHandler handler;
    private static final List<String> INCIDENTS = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final MovableClock clock = new MovableClock(Instant.now());
    private Lessons lessons;
    private String instructor;
    private String student;
    private LocalDate day;

    @BeforeAll
    static void handlerOnTheEmulators(LocalServers.Endpoints endpoints) {
        moto = endpoints.aws();
        tables = FunctionEnvironment.prepare(endpoints);
        queues = TestQueues.create(endpoints);
        try (SesV2Client ses = SesV2Client.builder().endpointOverride(endpoints.aws()).region(Region.of(endpoints.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalServers.ACCESS_KEY, LocalServers.SECRET_KEY)))
                .build()) {
            ses.createEmailIdentity(identity -> identity.emailIdentity(SENDER));
        }
        System.setProperty("NOTIFICATION_SENDER", SENDER);
        System.setProperty("PAYMENT_AUTHENTICATION_URL", AUTHENTICATION_URL);
        handler = new NotificationWorkerHandler();
    }

    @AfterAll
    static void incidentsToStandardOutputAgain() {
        Incidents.writeTo(System.out::println);
    }

    @BeforeEach
    void instructorWithAnOpenWeek() {
        lessons = new Lessons(queues.publishing(tables), clock).withAddressesAt(DOMAIN);
        INCIDENTS.clear();
        // Each test: the priming check points the incident log elsewhere while it runs.
        Incidents.writeTo(INCIDENTS::add);
        instructor = "ins_" + UUID.randomUUID().toString().substring(0, 8);
        student = "stu_" + instructor;
        lessons.instructor(instructor, BERLIN);
        day = LocalDate.now(BERLIN).plusDays(3);
        lessons.openWeek(instructor, day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), 9 * 60, 12 * 60);
        // Every event reaches the notification queue; a saved week emails nobody.
        assertThat(handler.handleRequest(queues.takeNotifications(1), null).getBatchItemFailures()).isEmpty();
        assertThat(sentTo(instructor)).isEmpty();
    }

    @Test
    void theSampleBatchEmailsEveryRecipientInTheInstructorsTimezone() {
        SQSBatchResponse response = handler.handleRequest(sample("notification-batch.json"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        // The addresses the sample's booking kept.
        List<Sent> sent = java.util.stream.Stream.of("students.example.com", "instructors.example.com")
                .flatMap(domain -> SentEmails.to(moto, domain).stream()).toList();
        assertThat(sent).extracting(Sent::from).containsOnly(SENDER);
        assertThat(sent).extracting(email -> email.to().get(0) + " " + email.subject().replaceAll(":.*", ""))
                .containsExactlyInAnyOrder(
                        "ada@students.example.com Your lesson is booked",
                        "ines@instructors.example.com New lesson booked",
                        "ines@instructors.example.com Lesson cancelled by the student",
                        "ada@students.example.com Cancellation receipt");
        assertThat(sent).allSatisfy(email -> assertThat(email.body())
                .contains("Monday 7 December 2026, 10:00–11:00 (Europe/Berlin)", "bk_3f9c2a7e5b1d4c6a"));
        assertThat(sent).filteredOn(email -> email.subject().startsWith("Cancellation receipt")).singleElement()
                .satisfies(email -> assertThat(email.body()).contains("50% of the price is charged: USD 30.00"));
    }

    @Test
    void aConfirmedBookingEmailsTheStudentAndTheInstructorOnceEvenWhenDeliveredTwice() {
        Booking booked = lessons.book(student, instructor, day, 10 * 60);
        SQSEvent confirmed = queues.takeNotifications(1);

        assertThat(handler.handleRequest(confirmed, null).getBatchItemFailures()).isEmpty();
        assertThat(handler.handleRequest(confirmed, null).getBatchItemFailures()).isEmpty();

        assertThat(sentTo(student, instructor)).extracting(email -> email.to().get(0) + " " + email.subject())
                .containsExactlyInAnyOrder(
                        address(student) + " Your lesson is booked: Guitar, " + shortWhen(booked),
                        address(instructor) + " New lesson booked: Guitar, " + shortWhen(booked));
    }

    @Test
    void anEventRedeliveredAfterAWorkerDiedBeforeMarkingItDoneSendsNoSecondEmail() {
        lessons.book(student, instructor, day, 10 * 60);
        SQSEvent confirmed = queues.takeNotifications(1);
        assertThat(handler.handleRequest(confirmed, null).getBatchItemFailures()).isEmpty();
        // The worker sent both emails, then died before recording the event as processed.
        String eventId = EventJson.standard().read(confirmed.getRecords().get(0).getBody()).eventId();
        tables.client().deleteItem(delete -> delete.tableName(tables.tableName())
                .key(Keys.processed("notification-worker", eventId)));

        assertThat(handler.handleRequest(confirmed, null).getBatchItemFailures()).isEmpty();

        assertThat(sentTo(student, instructor)).hasSize(2);
    }

    @Test
    void aCancellationByTheInstructorTellsTheStudentAndSendsTheInstructorAReceipt() {
        Booking booked = lessons.book(student, instructor, day, 10 * 60);
        clock.set(booked.startsAt().minus(Duration.ofHours(2)));

        lessons.cancel(new Caller(instructor, Role.INSTRUCTOR), booked.id());

        SQSEvent events = queues.takeNotifications(2);
        assertThat(handler.handleRequest(events, null).getBatchItemFailures()).isEmpty();
        List<Sent> sent = sentTo(student, instructor);
        assertThat(sent).extracting(email -> email.to().get(0) + " " + email.subject().replaceAll(":.*", ""))
                .containsExactlyInAnyOrder(
                        address(student) + " Your lesson is booked",
                        address(instructor) + " New lesson booked",
                        address(student) + " Lesson cancelled by your instructor",
                        address(instructor) + " Cancellation receipt");
        assertThat(sent).filteredOn(email -> email.subject().startsWith("Lesson cancelled by your instructor")).singleElement()
                .satisfies(email -> assertThat(email.body()).contains("You will not be charged.", booked.id()));
    }

    @Test
    void aCancellationByTheStudentTellsTheInstructorAndSendsTheStudentAReceiptWithTheCharge() {
        Booking booked = lessons.book(student, instructor, day, 10 * 60);
        clock.set(booked.startsAt().minus(Duration.ofHours(18)));

        lessons.cancel(new Caller(student, Role.STUDENT), booked.id());

        assertThat(handler.handleRequest(queues.takeNotifications(2), null).getBatchItemFailures()).isEmpty();
        List<Sent> sent = sentTo(student, instructor);
        assertThat(sent).extracting(email -> email.to().get(0) + " " + email.subject().replaceAll(":.*", ""))
                .contains(address(instructor) + " Lesson cancelled by the student", address(student) + " Cancellation receipt")
                .hasSize(4);
        assertThat(sent).filteredOn(email -> email.subject().startsWith("Cancellation receipt")).singleElement()
                .satisfies(email -> assertThat(email.body()).contains("50% of the price is charged: USD 30.00"));
    }

    @Test
    void aDeclinedPaymentTellsTheStudentOnly() {
        Result<Booking> declined = lessons.book(student, instructor, day, 10 * 60, Lessons.DECLINED_CARD);
        assertThat(declined).isInstanceOfSatisfying(Result.Rejected.class, rejected ->
                assertThat(rejected.rejection().code()).isEqualTo(ProblemCode.PAYMENT_DECLINED));

        assertThat(handler.handleRequest(queues.takeNotifications(1), null).getBatchItemFailures()).isEmpty();

        assertThat(sentTo(student, instructor)).singleElement().satisfies(email -> {
            assertThat(email.to()).containsExactly(address(student));
            assertThat(email.subject()).startsWith("Payment failed: lesson not booked");
        });
    }

    /**
     * The scheduled off-session authorization asked for 3-D Secure (docs/decisions.md "3-D Secure
     * off-session"): the student alone gets one email with the link of the template's
     * PaymentAuthenticationUrl, even when the event is delivered twice.
     */
    @Test
    void anAuthenticationAskedOffSessionEmailsTheStudentOnceWithTheLink() {
        Booking booked = ((Result.Ok<Booking>) lessons.book(student, instructor, day, 10 * 60, "pm_card_visa")).value();
        assertThat(handler.handleRequest(queues.takeNotifications(1), null).getBatchItemFailures()).isEmpty();
        Booking awaiting = booked.withPayment(dev.lessonbook.payment.Payment.awaitingAuthentication("usd", "pi_offsession",
                "cus_1", "pm_1"));
        assertThat(new dev.lessonbook.dynamodb.booking.DynamoBookingStore(queues.publishing(tables)).updatePayment(awaiting,
                booked, List.of(dev.lessonbook.booking.BookingEvents.paymentActionRequired(awaiting, Instant.now())))).isTrue();
        SQSEvent asked = queues.takeNotifications(1);

        assertThat(handler.handleRequest(asked, null).getBatchItemFailures()).isEmpty();
        assertThat(handler.handleRequest(asked, null).getBatchItemFailures()).as("delivered twice").isEmpty();

        assertThat(sentTo(student, instructor)).filteredOn(email -> email.subject().startsWith("Action needed"))
                .singleElement().satisfies(email -> {
                    assertThat(email.to()).containsExactly(address(student));
                    assertThat(email.body()).contains("https://pay.lessonbook.test/b/" + booked.id() + "/authenticate");
                });
    }

    @Test
    void theStudentIsEmailedAtTheAddressTheirTokenCarriedWhenTheyBooked() {
        String tokenAddress = "ada.lovelace+lessons@" + DOMAIN;
        lessons.book(new Caller(student, Role.STUDENT, tokenAddress), instructor, day, 10 * 60, "pm_card_visa");

        assertThat(handler.handleRequest(queues.takeNotifications(1), null).getBatchItemFailures()).isEmpty();

        assertThat(SentEmails.to(moto, DOMAIN)).filteredOn(email -> email.subject().startsWith("Your lesson is booked"))
                .filteredOn(email -> email.to().contains(tokenAddress)).hasSize(1);
        assertThat(sentTo(student)).isEmpty();
        assertThat(INCIDENTS).isEmpty();
    }

    @Test
    void aStudentWhoseTokenHadNoAddressIsSentNothingAndAnIncidentIsCountedOnce() {
        Booking booked = Lessons.valueOf(lessons.book(new Caller(student, Role.STUDENT), instructor, day, 10 * 60,
                "pm_card_visa"));
        SQSEvent confirmed = queues.takeNotifications(1);

        assertThat(handler.handleRequest(confirmed, null).getBatchItemFailures()).isEmpty();
        // Redelivered after the worker died before marking it done: still one incident, no second email.
        String eventId = EventJson.standard().read(confirmed.getRecords().get(0).getBody()).eventId();
        tables.client().deleteItem(delete -> delete.tableName(tables.tableName())
                .key(Keys.processed("notification-worker", eventId)));
        assertThat(handler.handleRequest(confirmed, null).getBatchItemFailures()).isEmpty();

        assertThat(sentTo(student, instructor)).extracting(email -> email.to().get(0))
                .containsExactly(address(instructor));
        assertThat(INCIDENTS).singleElement().satisfies(line -> {
            assertThat(line).contains("\"NotificationRecipientMissing\":1", "\"party\":\"STUDENT\"", booked.id(), eventId);
            assertThat(line).doesNotContain("@");
        });
    }

    @Test
    void aBookingThatKeptNoInstructorAddressIsSentToTheProfilesAddressOfNow() {
        // Booked before addresses were kept: neither the token nor the profile had one.
        String legacy = "ins_" + UUID.randomUUID().toString().substring(0, 8);
        Lessons withoutAddresses = new Lessons(queues.publishing(tables), clock);
        withoutAddresses.instructor(legacy, BERLIN);
        withoutAddresses.openWeek(legacy, day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), 9 * 60, 12 * 60);
        queues.takeNotifications(1);
        withoutAddresses.book(student, legacy, day, 10 * 60);
        SQSEvent confirmed = queues.takeNotifications(1);
        // The instructor has given an address since.
        lessons.instructor(legacy, BERLIN);

        assertThat(handler.handleRequest(confirmed, null).getBatchItemFailures()).isEmpty();

        assertThat(sentTo(student, legacy)).extracting(email -> email.to().get(0) + " " + email.subject().replaceAll(":.*", ""))
                .containsExactly(address(legacy) + " New lesson booked");
        assertThat(INCIDENTS).singleElement().asString().contains("\"party\":\"STUDENT\"");
    }

    private static List<Sent> sentTo(String... userIds) {
        List<String> addresses = java.util.Arrays.stream(userIds).map(NotificationWorkerHandlerIT::address).toList();
        return SentEmails.to(moto, DOMAIN).stream()
                .filter(email -> email.to().stream().anyMatch(addresses::contains))
                .toList();
    }

    private static String address(String userId) {
        return userId + "@" + DOMAIN;
    }

    private static String shortWhen(Booking booking) {
        return java.time.format.DateTimeFormatter.ofPattern("EEE d MMM uuuu HH:mm", java.util.Locale.ENGLISH)
                .format(booking.startsAt().atZone(BERLIN)) + " Europe/Berlin";
    }

    private static SQSEvent sample(String name) {
        String root = System.getProperty("lessonbook.root", "../..");
        return EventLoader.loadSQSEvent(Path.of(root, "events", "sqs", name).toString());
    }

    @Test
    void primingBeforeTheSnapshotWritesNothing(LocalServers.Endpoints endpoints) {
        PrimingCheck.writesNothing(NotificationWorkerHandler.PRIMING, endpoints);
    }
}
