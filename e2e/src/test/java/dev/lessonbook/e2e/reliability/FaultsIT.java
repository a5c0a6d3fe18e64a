package dev.lessonbook.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.model.PaymentIntent;
import dev.lessonbook.emulators.FaultProxy;
import dev.lessonbook.emulators.FaultProxy.Fault;
import dev.lessonbook.local.client.ApiClient.Response;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Faults on the wire between the running system and its dependencies (Stripe, SQS, DynamoDB),
 * each ending with a look behind the API: nothing lost, nothing duplicated, no money moved twice.
 */
@ExtendWith(ReliabilitySystem.Provider.class)
class FaultsIT {
    private static final String INSTRUCTOR = "fault-ins";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String STRIPE_500 = "{\"error\":{\"type\":\"api_error\",\"message\":\"Stripe is down (injected)\"}}";
    private static final String THROTTLED = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
            + "\"message\":\"The level of configured provisioned throughput for the table was exceeded (injected)\"}";
    private static final String TRANSACTION_THROTTLED = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
            + "\"Message\":\"Transaction cancelled, please refer cancellation reasons for specific reasons [ThrottlingError]\","
            + "\"CancellationReasons\":[{\"Code\":\"ThrottlingError\",\"Message\":\"Throughput exceeds the current capacity (injected)\"}]}";

    /** The Timeout of the functions behind these routes (template.yaml's Globals). */
    private static final Duration HTTP_FUNCTION_TIMEOUT = Duration.ofSeconds(10);

    private static ReliabilitySystem system;
    private static String instructor;
    private static LocalDate soon;

    @BeforeAll
    static void anInstructorOpenAllDayTheDayAfterTomorrow(ReliabilitySystem running) {
        system = running;
        instructor = system.token(INSTRUCTOR, "instructor");
        soon = LocalDate.now(BERLIN).plusDays(2);
        profile(INSTRUCTOR, "Europe/Berlin");
        openAllDay(INSTRUCTOR, instructor, soon);
    }

    @AfterAll
    static void noFaultLeftBehindAndNoSecretInTheLogs() {
        assertThat(system.aws.faultActive() || system.stripe.faultActive()).isFalse();
        system.assertNoSecretsInLogs();
    }

    private static void profile(String instructorId, String timezone) {
        assertThat(system.api.put("/v1/instructors/" + instructorId + "/profile", system.token(instructorId, "instructor"), """
                {"timezone":"%s","services":[{"id":"guitar","name":"Guitar","durationOptions":[60],"rates":{"online":6000}}]}"""
                .formatted(timezone)).status()).isEqualTo(200);
    }

    private static void openAllDay(String instructorId, String token, LocalDate date) {
        Response saved = system.api.put("/v1/instructors/" + instructorId + "/availability/weeks/"
                        + date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), token,
                "{\"windows\":[{\"date\":\"%s\",\"start\":\"00:00\",\"end\":\"24:00\"}],\"clearExisting\":false}".formatted(date));
        assertThat(saved.status()).as(saved.body()).isIn(200, 409);
    }

    private static Response book(String instructorId, String student, LocalDate date, String start, String key) {
        String body = """
                {"instructorId":"%s","serviceId":"guitar","date":"%s","start":"%s","durationMinutes":60,
                 "locationType":"online","paymentMethodId":"pm_card_visa"}""".formatted(instructorId, date, start);
        return system.api.send("POST", "/v1/bookings", system.token(student, "student"), body, Map.of("Idempotency-Key", key));
    }

    private static List<Map<String, AttributeValue>> bookingsOf(String studentId) {
        return system.itemsWithPrefix("BOOKING#").stream()
                .filter(item -> item.containsKey("studentId") && studentId.equals(item.get("studentId").s())).toList();
    }

    private static Predicate<FaultProxy.Request> stripe(String method, String pathPattern) {
        return request -> request.method().equals(method) && request.path().matches(pathPattern);
    }

    private static Predicate<FaultProxy.Request> dynamo(String operation) {
        return request -> request.target().equals("DynamoDB_20120810." + operation);
    }

    /** Authorize fails → 502, the booking ends PAYMENT_FAILED (one item), no intent, and the slot is free at once. */
    private static void authorizeFails(String what, Fault fault, String student, String start) {
        Response answer;
        try (FaultProxy.Injected injected = system.stripe.inject(stripe("POST", "/v1/payment_intents"), fault)) {
            answer = book(INSTRUCTOR, student, soon, start, "fault-" + student);
            assertThat(injected.hits()).as("Stripe was called").isPositive();
        }
        List<Map<String, AttributeValue>> stored = bookingsOf(student);
        String bookingId = stored.isEmpty() ? "" : stored.get(0).get("id").s();
        List<PaymentIntent> intents = system.paymentIntentsOf(bookingId);
        Response next = book(INSTRUCTOR, student + "-next", soon, start, "fault-next-" + student);
        Response retried = book(INSTRUCTOR, student, soon, start, "fault-" + student);
        boolean charged = intents.stream().anyMatch(i -> i.getAmountReceived() != null && i.getAmountReceived() > 0);
        int nextIntents = next.status() == 201 ? system.paymentIntentsOf(next.json().path("id").asText()).size() : 0;
        int lost = Math.abs(stored.size() - 1) + (charged ? 1 : 0) + Math.abs(nextIntents - 1);
        String observed = answer.status() + " " + answer.json().path("code").asText() + "; stored "
                + stored.stream().map(item -> item.get("status").s()).toList() + ", intents " + intents.size()
                + "; slot taken next: " + next.status() + "; retry with the same key: " + retried.status()
                + " replayed=" + retried.header("idempotent-replayed");
        // The scheduler (every 2 s here) may already have looked the authorization up by its key,
        // which makes it when Stripe never got it, and cancelled it: no intent may be live.
        boolean held = answer.status() == 502 && stored.size() == 1 && stored.get(0).get("status").s().equals("PAYMENT_FAILED")
                && intents.stream().allMatch(intent -> "canceled".equals(intent.getStatus())) && next.status() == 201
                && retried.status() == 502;
        ReliabilityReport.fault(what, "502 PAYMENT_PROVIDER_UNAVAILABLE; one PAYMENT_FAILED booking, no live intent; slot free; retry replays",
                observed, held, lost);
        assertThat(held).as(observed).isTrue();
        assertThat(lost).isZero();
    }

    @Test
    void stripeAnswering500OnAuthorizeReleasesTheSlotAndMovesNoMoney() {
        authorizeFails("Stripe 500 on authorize (create booking)",
                new Fault.Answer(500, "application/json", STRIPE_500), "fault-stu-a500", "08:00");
    }

    @Test
    void stripeNeverAnsweringOnAuthorizeReleasesTheSlotAndMovesNoMoney() {
        authorizeFails("Stripe timeout on authorize (create booking)", new Fault.Hang(), "fault-stu-ahang", "10:00");
    }

    /** A confirmed booking cancelled while {@code fault} answers Stripe's {@code operation}. */
    private static void cancelWhileStripeFails(String what, String instructorId, LocalDate date, String start, String operation,
            Fault fault) {
        String student = "fault-stu-" + operation + "-" + start.replace(":", "");
        Response booked = book(instructorId, student, date, start, "fault-cancel-" + student);
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        String bookingId = booked.json().get("id").asText();
        Response cancelled;
        try (FaultProxy.Injected injected = system.stripe.inject(stripe("POST", "/v1/payment_intents/[^/]+/" + operation), fault)) {
            cancelled = system.api.post("/v1/bookings/" + bookingId + "/cancel", system.token(student, "student"), "{}");
            assertThat(injected.hits()).as("Stripe's %s was called", operation).isPositive();
        }
        Response again = system.api.post("/v1/bookings/" + bookingId + "/cancel", system.token(student, "student"), "{}");
        List<PaymentIntent> intents = system.paymentIntentsOf(bookingId);
        Response next = book(instructorId, student + "-next", date, start, "fault-cancel-next-" + student);
        long moved = intents.stream().mapToLong(i -> i.getAmountReceived() == null ? 0 : i.getAmountReceived()).sum();
        String observed = cancelled.status() + " " + cancelled.json().path("status").asText() + " payment "
                + cancelled.json().at("/payment/status").asText() + "; re-cancel " + again.status() + " "
                + again.json().at("/payment/status").asText() + "; intents " + intents.size() + " ("
                + intents.stream().map(PaymentIntent::getStatus).toList() + "), captured " + moved + "; slot taken next: " + next.status();
        boolean held = cancelled.status() == 200 && "CANCELLED".equals(cancelled.json().path("status").asText())
                && "MANUAL_REVIEW".equals(cancelled.json().at("/payment/status").asText())
                && again.json().equals(cancelled.json()) && intents.size() == 1 && moved == 0 && next.status() == 201;
        int lost = (intents.size() == 1 ? 0 : 1) + (next.status() == 201 ? 0 : 1);
        ReliabilityReport.fault(what, "200 CANCELLED, payment MANUAL_REVIEW; one intent, nothing captured; time freed; re-cancel unchanged",
                observed, held, lost);
        assertThat(held).as(observed).isTrue();
    }

    @Test
    void stripeAnswering500OnReleaseStillCancelsAndFreesTheTime() {
        cancelWhileStripeFails("Stripe 500 on cancel (release of the authorization)", INSTRUCTOR, soon, "12:00", "cancel",
                new Fault.Answer(500, "application/json", STRIPE_500));
    }

    @Test
    void stripeNeverAnsweringOnReleaseStillCancelsAndFreesTheTime() {
        cancelWhileStripeFails("Stripe timeout on cancel (release of the authorization)", INSTRUCTOR, soon, "14:00", "cancel",
                new Fault.Hang());
    }

    @Test
    void stripeAnswering500OnCaptureOfALateCancellationStillCancelsWithoutCharging() {
        // A student cancelling under 12 h ahead pays in full: a capture. Find a timezone where a
        // lesson 75-90 minutes from now still ends today, and open that day.
        ZoneId zone = null;
        LocalTime start = null;
        for (int offset = -12; offset <= 14 && zone == null; offset++) {
            ZoneId candidate = ZoneId.of(offset == 0 ? "Etc/UTC" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset));
            ZonedDateTime earliest = ZonedDateTime.now(candidate).plusMinutes(75);
            LocalTime rounded = earliest.toLocalTime().withSecond(0).withNano(0)
                    .plusMinutes((15 - earliest.getMinute() % 15) % 15);
            if (earliest.toLocalDate().equals(LocalDate.now(candidate)) && rounded.isAfter(earliest.toLocalTime().minusMinutes(1))
                    && rounded.isBefore(LocalTime.of(22, 0)) && rounded.isAfter(LocalTime.of(1, 0))) {
                zone = candidate;
                start = rounded;
            }
        }
        assertThat(zone).as("a timezone where a lesson in 75 minutes ends the same day").isNotNull();
        String late = "fault-ins-late";
        profile(late, zone.getId());
        openAllDay(late, system.token(late, "instructor"), LocalDate.now(zone));
        cancelWhileStripeFails("Stripe 500 on capture (student cancels under 12 h ahead: 100 %)", late, LocalDate.now(zone),
                start.toString(), "capture", new Fault.Answer(500, "application/json", STRIPE_500));
    }

    /** Throttled writes answer 503 with Retry-After and leave the table exactly as it was. */
    private static void throttled(String what, String operation, String body, java.util.function.Supplier<Response> request) {
        Map<String, String> before = system.tableSnapshot();
        Response answer;
        Duration elapsed;
        try (FaultProxy.Injected injected = system.aws.inject(dynamo(operation), new Fault.Answer(400, "application/x-amz-json-1.0", body))) {
            java.time.Instant started = java.time.Instant.now();
            answer = request.get();
            elapsed = Duration.between(started, java.time.Instant.now());
            assertThat(injected.hits()).as("DynamoDB's %s was throttled", operation).isPositive();
        }
        Map<String, String> after = system.tableSnapshot();
        String detail = answer.json().path("detail").asText();
        boolean busy = detail.startsWith("The service is busy");
        String observed = answer.status() + " " + answer.json().path("code").asText() + (busy ? " busy" : " NOT busy: " + detail)
                + ", Retry-After " + answer.header("retry-after") + "; table " + (after.equals(before) ? "unchanged" : "CHANGED " + changedKeys(before, after))
                + "; answered in " + elapsed.toMillis() / 100 / 10.0 + " s";
        // The busy path (a DependencyBusyException in the cause chain), not a bug's 503 (Retry-After 5),
        // and within a function's 10 s Timeout.
        boolean held = answer.status() == 503 && "SERVICE_UNAVAILABLE".equals(answer.json().path("code").asText())
                && busy && "1".equals(answer.header("retry-after")) && after.equals(before)
                && elapsed.compareTo(Duration.ofSeconds(5)) < 0;
        ReliabilityReport.fault(what, "503 SERVICE_UNAVAILABLE busy, Retry-After 1; table unchanged; answered in under 5 s",
                observed, held, after.equals(before) ? 0 : 1);
        assertThat(held).as(observed).isTrue();
    }

    private static java.util.Set<String> changedKeys(Map<String, String> before, Map<String, String> after) {
        java.util.Set<String> keys = new java.util.TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        keys.removeIf(key -> java.util.Objects.equals(before.get(key), after.get(key)));
        return keys;
    }

    @Test
    void throttledWeekSaveAnswers503WithRetryAfterAndWritesNothing() throws Exception {
        system.awaitQuiet();
        throttled("DynamoDB throttling (ProvisionedThroughputExceeded) on a week save", "TransactWriteItems", THROTTLED,
                () -> system.api.put("/v1/instructors/" + INSTRUCTOR + "/availability/weeks/"
                        + soon.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), instructor,
                        "{\"windows\":[{\"date\":\"%s\",\"start\":\"06:00\",\"end\":\"07:00\"}],\"clearExisting\":true}".formatted(soon)));
    }

    @Test
    void bookingWhoseTransactionIsCancelledForThrottlingAnswers503AndHoldsNothing() throws Exception {
        system.awaitQuiet();
        throttled("DynamoDB transaction cancelled for ThrottlingError on a booking", "TransactWriteItems", TRANSACTION_THROTTLED,
                () -> book(INSTRUCTOR, "fault-stu-throttled", soon, "16:00", "fault-throttled"));
        Response afterwards = book(INSTRUCTOR, "fault-stu-throttled-next", soon, "16:00", "fault-throttled-next");
        assertThat(afterwards.status()).as("the time was never held: %s", afterwards.body()).isEqualTo(201);
    }

    @Test
    void throttledReadAnswers503WithRetryAfter() throws Exception {
        system.awaitQuiet();
        throttled("DynamoDB throttling (ThrottlingException) on a profile read", "GetItem",
                THROTTLED.replace("ProvisionedThroughputExceededException", "ThrottlingException"),
                () -> system.api.get("/v1/instructors/" + INSTRUCTOR + "/profile", instructor));
    }

    /**
     * DynamoDB accepts the calls of {@code request} and never answers: the function gives up on
     * its own, within its {@code Timeout} (10 s, template.yaml's Globals), and answers 503 with
     * Retry-After rather than being stopped by Lambda (API Gateway's bare 500); nothing is written.
     */
    private static void stalled(String what, Supplier<Response> request) throws Exception {
        system.awaitQuiet();
        Map<String, String> before = system.tableSnapshot();
        Response answer;
        Duration elapsed;
        try (FaultProxy.Injected injected = system.aws.inject(
                proxied -> proxied.target().startsWith("DynamoDB_20120810."), new Fault.Hang())) {
            Instant started = Instant.now();
            answer = request.get();
            elapsed = Duration.between(started, Instant.now());
            assertThat(injected.hits()).as("DynamoDB was called").isPositive();
        }
        Map<String, String> after = system.tableSnapshot();
        String observed = answer.status() + " " + answer.json().path("code").asText() + ", Retry-After "
                + answer.header("retry-after") + "; table " + (after.equals(before) ? "unchanged" : "CHANGED")
                + "; answered in " + elapsed.toMillis() / 100 / 10.0 + " s";
        boolean held = answer.status() == 503 && "SERVICE_UNAVAILABLE".equals(answer.json().path("code").asText())
                && answer.json().path("detail").asText().startsWith("The service is busy")
                && "5".equals(answer.header("retry-after")) && after.equals(before)
                && elapsed.compareTo(HTTP_FUNCTION_TIMEOUT) < 0;
        ReliabilityReport.fault(what, "503 SERVICE_UNAVAILABLE busy, Retry-After 5; table unchanged; answered within the "
                + "function's " + HTTP_FUNCTION_TIMEOUT.toSeconds() + " s Timeout", observed, held, after.equals(before) ? 0 : 1);
        assertThat(held).as(observed).isTrue();
    }

    @Test
    void aReadDuringADynamoDbStallAnswers503WithinTheFunctionsTimeout() throws Exception {
        stalled("DynamoDB stall (no answer) on a bookings list",
                () -> system.api.get("/v1/instructors/" + INSTRUCTOR + "/bookings?from=" + soon + "&to=" + soon, instructor));
    }

    @Test
    void aWeekSaveDuringADynamoDbStallAnswers503WithinTheFunctionsTimeoutAndWritesNothing() throws Exception {
        stalled("DynamoDB stall (no answer) on a week save",
                () -> system.api.put("/v1/instructors/" + INSTRUCTOR + "/availability/weeks/"
                        + soon.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), instructor,
                        "{\"windows\":[{\"date\":\"%s\",\"start\":\"05:00\",\"end\":\"06:00\"}],\"clearExisting\":false}"
                                .formatted(soon)));
    }

    @Test
    void anEventWhosePublishFailsIsDeliveredLaterByTheRelay() throws Exception {
        system.awaitQuiet();
        Response saved;
        List<String> outboxAfterWrite;
        try (FaultProxy.Injected injected = system.aws.inject(request -> request.target().startsWith("AmazonSQS.SendMessage"),
                new Fault.Drop())) {
            saved = system.api.put("/v1/instructors/" + INSTRUCTOR + "/availability/weeks/"
                    + soon.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), instructor,
                    "{\"windows\":[{\"date\":\"%s\",\"start\":\"00:00\",\"end\":\"24:00\"}]}".formatted(soon));
            outboxAfterWrite = system.itemsWithPrefix("OUTBOX#").stream().map(item -> item.get("pk").s()).toList();
            assertThat(injected.hits()).as("the publish reached the unreachable queue").isPositive();
        }
        assertThat(saved.status()).as("a failed publish never fails the request: %s", saved.body()).isEqualTo(200);
        assertThat(outboxAfterWrite).as("the event waits in the outbox").isNotEmpty();
        // The relay delivers items older than its minimum age (2 s in this suite, 60 s deployed);
        // the runtime fires it every 2 s here.
        ReliabilitySystem.await("the relay delivered the event and emptied the outbox", Duration.ofSeconds(30),
                () -> system.itemsWithPrefix("OUTBOX#").stream().noneMatch(item -> outboxAfterWrite.contains(item.get("pk").s())));
        system.awaitQuiet();
        long processed = system.itemsWithPrefix("").stream()
                .filter(item -> item.get("pk").s().startsWith("PROCESSED#") || item.get("sk").s().startsWith("PROCESSED#"))
                .filter(item -> outboxAfterWrite.stream().anyMatch(pk -> item.toString().contains(pk.substring("OUTBOX#".length()))))
                .count();
        ReliabilityReport.fault("SQS unreachable on publish (week save)",
                "200; event kept in the outbox; delivered by outbox-relay later; outbox empty",
                "200; outbox held " + outboxAfterWrite.size() + " event(s); relay delivered, outbox empty; consumers marked it processed "
                        + processed + " time(s)", processed >= 1, 0);
        assertThat(processed).as("the cache worker processed the relayed event").isPositive();
    }

    // ---- stalls: a dependency that freezes, then does late what it was asked -----------------

    private static final Predicate<FaultProxy.Request> TRANSACTION = dynamo("TransactWriteItems");
    /** A confirmation's transaction: the only one that makes slot locks permanent. */
    private static final Predicate<FaultProxy.Request> CONFIRMATION =
            TRANSACTION.and(request -> request.bodyText().contains("REMOVE #expiresAt"));

    private static String stored(Map<String, AttributeValue> item, String attribute) {
        return item.containsKey(attribute) ? item.get(attribute).s() : "";
    }

    private static Map<String, AttributeValue> bookingItem(String bookingId) {
        return system.itemsWithPrefix("BOOKING#" + bookingId).stream().findFirst().orElseThrow();
    }

    private static void awaitHits(String what, FaultProxy.Injected injected, Predicate<FaultProxy.Request> which, long count)
            throws InterruptedException {
        try {
            ReliabilitySystem.await(what, Duration.ofSeconds(60), () -> injected.hits(which) >= count);
        } catch (AssertionError notYet) {
            List<String> output = system.runtimeOutput().stream()
                    .filter(line -> !line.startsWith("SCHEDULE ") && !line.contains("payment scheduler run")).toList();
            throw new AssertionError(notYet.getMessage() + "; held " + injected.hits() + ", of them matching "
                    + injected.hits(which) + "; runtime's last lines:\n"
                    + String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size())), notYet);
        }
    }

    /**
     * The probe's interleaving, reduced to its mechanism: six bookings are authorized, then DynamoDB
     * freezes on their confirmations, so each waits until the SDK gives up on that attempt (3 s, docs/decisions.md "Time budgets") and retries;
     * then DynamoDB resumes and applies each first attempt before its retry. (The probe stopped
     * Stripe first only to have the bookings in flight when DynamoDB stopped.)
     */
    @Test
    void bookingsConfirmedLateDuringADynamoDbStallAnswerWhatIsStoredAndKeepTheirAuthorizations() throws Exception {
        String instructorId = "fault-ins-stall";
        profile(instructorId, "Europe/Berlin");
        openAllDay(instructorId, system.token(instructorId, "instructor"), soon);
        system.awaitQuiet();
        // 90 minutes apart: a lesson and the instructor's 15-minute buffer after it never touch the next.
        List<String> starts = List.of("08:00", "09:30", "11:00", "12:30", "14:00", "15:30");
        List<java.util.concurrent.Callable<Response>> requests = IntStream.range(0, starts.size())
                .mapToObj(i -> (java.util.concurrent.Callable<Response>) () ->
                        book(instructorId, "fault-stu-stall-" + i, soon, starts.get(i), "fault-stall-" + i))
                .toList();
        java.time.Instant started = java.time.Instant.now();
        List<Response> answers;
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(starts.size());
        try (FaultProxy.Injected dynamoFrozen = system.aws.inject(CONFIRMATION, new Fault.Stall())) {
            // One after the other into the stall (each authorized alone, within the suite's 1.5 s
            // Stripe read timeout), so all six wait on DynamoDB at once.
            List<java.util.concurrent.Future<Response>> sent = new java.util.ArrayList<>();
            for (java.util.concurrent.Callable<Response> request : requests) {
                sent.add(clients.submit(request));
                awaitHits("booking " + sent.size() + "'s confirmation reached DynamoDB", dynamoFrozen, CONFIRMATION,
                        sent.size());
            }
            awaitHits("every confirmation was sent twice (the SDK's retry after its 3 s attempt timeout)", dynamoFrozen,
                    CONFIRMATION, 2L * starts.size());
            dynamoFrozen.close();
            answers = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Response> answer : sent) {
                answers.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
        Duration took = Duration.between(started, java.time.Instant.now());
        int mismatched = 0;
        int claimsWithoutHold = 0;
        int conflictsLeavingABooking = 0;
        List<String> seen = new java.util.ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            Response answer = answers.get(i);
            Map<String, AttributeValue> item = bookingsOf("fault-stu-stall-" + i).get(0);
            String bookingId = item.get("id").s();
            String status = stored(item, "status");
            String payment = item.containsKey("payment") ? item.get("payment").m().get("status").s() : "";
            List<String> intents = system.paymentIntentsOf(bookingId).stream().map(PaymentIntent::getStatus).toList();
            boolean answeredAsStored = answer.status() == 201
                    ? status.equals(answer.json().path("status").asText()) && payment.equals(answer.json().at("/payment/status").asText())
                    : !status.equals("CONFIRMED");
            mismatched += answeredAsStored ? 0 : 1;
            claimsWithoutHold += payment.equals("AUTHORIZED") && !intents.equals(List.of("requires_capture")) ? 1 : 0;
            conflictsLeavingABooking += answer.status() == 409 && status.equals("CONFIRMED") ? 1 : 0;
            seen.add(answer.status() + "/" + status + "/" + payment + "/" + intents);
        }
        String observed = answers.stream().map(Response::status).toList() + " after " + took.toMillis() / 100 / 10.0
                + " s; answer/stored/payment/Stripe: " + java.util.Set.copyOf(seen);
        boolean held = mismatched == 0 && claimsWithoutHold == 0 && conflictsLeavingABooking == 0
                && answers.stream().allMatch(answer -> answer.status() == 201);
        ReliabilityReport.figure("stall: 6 bookings confirmed late, answered in", took.toMillis() / 100 / 10.0 + " s");
        ReliabilityReport.fault("DynamoDB stall on 6 confirmations (each applied late, after its SDK retry at 3 s)",
                "6 × 201 CONFIRMED, stored CONFIRMED/AUTHORIZED, each intent requires_capture; no answer differs from what is stored",
                observed, held, mismatched + claimsWithoutHold + conflictsLeavingABooking);
        assertThat(held).as(observed).isTrue();
    }

    /**
     * Stripe freezes while bookings are authorized (502 to the client, the booking PAYMENT_FAILED),
     * then performs the authorizations it had queued: the scheduler finds each by its key and
     * cancels it.
     */
    @Test
    void authorizationsStripePerformsAfterTheBookingFailedAreCancelledByTheScheduler() throws Exception {
        String instructorId = "fault-ins-queued";
        profile(instructorId, "Europe/Berlin");
        openAllDay(instructorId, system.token(instructorId, "instructor"), soon);
        List<String> starts = List.of("08:00", "10:00", "12:00");
        List<Response> answers;
        try (FaultProxy.Injected frozen = system.stripe.inject(stripe("POST", "/v1/payment_intents"), new Fault.Stall())) {
            answers = dev.lessonbook.emulators.Concurrently.run(IntStream.range(0, starts.size())
                    .mapToObj(i -> (java.util.concurrent.Callable<Response>) () ->
                            book(instructorId, "fault-stu-queued-" + i, soon, starts.get(i), "fault-queued-" + i))
                    .toList(), starts.size());
        }
        java.time.Instant resumed = java.time.Instant.now();
        List<String> bookingIds = IntStream.range(0, starts.size())
                .mapToObj(i -> bookingsOf("fault-stu-queued-" + i).get(0).get("id").s()).toList();
        ReliabilitySystem.await("Stripe performed the authorizations it had queued", Duration.ofSeconds(30),
                () -> bookingIds.stream().allMatch(id -> !system.paymentIntentsOf(id).isEmpty()));
        ReliabilitySystem.await("the scheduler cancelled every one", Duration.ofSeconds(60),
                () -> bookingIds.stream().allMatch(id -> system.paymentIntentsOf(id).stream()
                        .allMatch(intent -> "canceled".equals(intent.getStatus()))
                        && "RELEASED".equals(bookingItem(id).get("payment").m().get("status").s())));
        Duration took = Duration.between(resumed, java.time.Instant.now());
        long live = bookingIds.stream().flatMap(id -> system.paymentIntentsOf(id).stream())
                .filter(intent -> !"canceled".equals(intent.getStatus())).count();
        long intents = bookingIds.stream().mapToLong(id -> system.paymentIntentsOf(id).size()).sum();
        String observed = answers.stream().map(Response::status).toList() + "; stored "
                + bookingIds.stream().map(id -> stored(bookingItem(id), "status") + "/"
                        + bookingItem(id).get("payment").m().get("status").s()).toList()
                + "; " + intents + " intent(s), live " + live + "; all cancelled " + took.toMillis() / 100 / 10.0
                + " s after Stripe resumed (scheduler every 2 s here, 5 min deployed)";
        boolean held = answers.stream().allMatch(answer -> answer.status() == 502) && live == 0 && intents == starts.size();
        ReliabilityReport.figure("queued authorizations of failed bookings cancelled after Stripe resumed in",
                took.toMillis() / 100 / 10.0 + " s (one scheduler run)");
        ReliabilityReport.fault("Stripe stall during authorization (3 bookings), Stripe then performs the queued authorizations",
                "3 × 502; each booking PAYMENT_FAILED, payment RELEASED; each intent cancelled by the scheduler", observed, held,
                (int) live);
        assertThat(held).as(observed).isTrue();
    }

    /**
     * A cancellation whose transaction DynamoDB applies late (its SDK retry after 3 s finds it
     * done) still releases the authorization within the request.
     */
    @Test
    void aCancellationAppliedLateDuringADynamoDbStallReleasesTheAuthorizationAtOnce() throws Exception {
        String instructorId = "fault-ins-cancel";
        profile(instructorId, "Europe/Berlin");
        openAllDay(instructorId, system.token(instructorId, "instructor"), soon);
        String student = "fault-stu-stalled-cancel";
        Response booked = book(instructorId, student, soon, "09:00", "fault-stalled-cancel");
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        String bookingId = booked.json().get("id").asText();
        system.awaitQuiet();
        Response cancelled;
        java.time.Instant started = java.time.Instant.now();
        try (FaultProxy.Injected frozen = system.aws.inject(TRANSACTION, new Fault.Stall())) {
            java.util.concurrent.Future<Response> sent = java.util.concurrent.Executors.newSingleThreadExecutor().submit(() ->
                    system.api.post("/v1/bookings/" + bookingId + "/cancel", system.token(student, "student"), "{}"));
            awaitHits("the cancellation was sent twice (the SDK's retry after its 3 s attempt timeout)", frozen,
                    request -> request.bodyText().contains(bookingId), 2);
            frozen.close();
            cancelled = sent.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        Duration took = Duration.between(started, java.time.Instant.now());
        Map<String, AttributeValue> item = bookingItem(bookingId);
        List<String> intents = system.paymentIntentsOf(bookingId).stream().map(PaymentIntent::getStatus).toList();
        String payment = item.get("payment").m().get("status").s();
        String observed = cancelled.status() + " " + cancelled.json().path("status").asText() + " payment "
                + cancelled.json().at("/payment/status").asText() + " after " + took.toMillis() / 100 / 10.0 + " s; stored "
                + stored(item, "status") + "/" + payment + "; Stripe " + intents;
        boolean held = cancelled.status() == 200 && "RELEASED".equals(cancelled.json().at("/payment/status").asText())
                && "RELEASED".equals(payment) && intents.equals(List.of("canceled"));
        ReliabilityReport.fault("DynamoDB stall during a cancellation (its transaction applied late, SDK retry after 3 s)",
                "200 CANCELLED, payment RELEASED within the request; stored the same; intent cancelled", observed, held,
                held ? 0 : 1);
        assertThat(held).as(observed).isTrue();
    }

    static {
        ReliabilityReport.elsewhere("Faults", "a poison message lands in the DLQ after 5 receives; the rest of its batch is not redelivered",
                "shared/messaging", "dev.lessonbook.messaging.OutboxAndBatchIT",
                "aPoisonMessageFailsAloneLandsInTheDeadLetterQueueAfterFiveReceivesAndTheOthersAreNotRedelivered");
        ReliabilityReport.elsewhere("Faults", "an event delivered twice is handled once", "shared/messaging",
                "dev.lessonbook.messaging.OutboxAndBatchIT", "anEventDeliveredTwiceIsHandledOnce");
        ReliabilityReport.elsewhere("Faults", "a worker dying before marking an event done: the retry handles it", "shared/messaging",
                "dev.lessonbook.messaging.OutboxAndBatchIT", "aFailedEventIsNotMarkedDoneSoItsRetryHandlesIt");
        ReliabilityReport.elsewhere("Faults", "notification worker dies mid-batch: redelivery sends no second email",
                "functions/notification-worker", "dev.lessonbook.functions.notification.NotificationWorkerHandlerIT",
                "anEventRedeliveredAfterAWorkerDiedBeforeMarkingItDoneSendsNoSecondEmail");
        ReliabilityReport.elsewhere("Faults", "a failed publish stays in the outbox and the relay delivers it",
                "shared/messaging", "dev.lessonbook.messaging.OutboxAndBatchIT", "aPublishFailureLeavesTheOutboxItemAndTheRelayDeliversItLater");
        ReliabilityReport.elsewhere("Faults", "Stripe 500 / no answer / refused connection / 429 at the adapter",
                "shared/payments", "dev.lessonbook.payments.stripe.StripeOutageIT", "providerAnswering500IsUnavailableAfterTwoRetriesWithTheSameKey");
        ReliabilityReport.elsewhere("Faults", "a confirmation committed late is not reported lost by the SDK's retry of its transaction",
                "shared/dynamodb", "dev.lessonbook.dynamodb.booking.DynamoBookingStoreIT",
                "aConfirmationCommittedLateIsNotReportedLostByTheRetryOfItsTransaction");
        ReliabilityReport.elsewhere("Faults", "an authorization Stripe performs after the booking failed is found by its key and cancelled",
                "functions/payment-scheduler", "dev.lessonbook.functions.payment.PaymentLifecycleIT",
                "anAuthorizationStripePerformedAfterTheBookingFailedIsFoundByItsKeyAndCancelledByTheScheduler");
        ReliabilityReport.elsewhere("Faults", "20 concurrent retries of one key with a declined card: 402 or 409 in progress, never 201",
                "functions/create-booking", "dev.lessonbook.functions.booking.CreateBookingHandlerIT",
                "twentyConcurrentRetriesOfADeclinedBookingAreDeclinedOrInProgressNeverBooked");
        ReliabilityReport.elsewhere("Faults", "a hold left by a crash between reserve and confirm expires and is marked EXPIRED",
                "functions/payment-scheduler", "dev.lessonbook.functions.payment.PaymentLifecycleIT",
                "aHoldLeftByACrashStopsBlockingAtItsExpiryAndTheSchedulerMarksItExpired");
    }
}
