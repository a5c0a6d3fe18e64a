package dev.lessonbook.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.emulators.FaultProxy.Fault;
import dev.lessonbook.emulators.FaultProxy;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentOutcome.Authorized;
import dev.lessonbook.payment.PaymentOutcome.CardSaved;
import dev.lessonbook.payment.PaymentOutcome.ProviderUnavailable;
import dev.lessonbook.payment.PaymentOutcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stripe failing in every way we can stage on this machine, on the wire between stripe-java and the
 * local Stripe server ({@link FaultProxy}): each is an outcome, never an exception; what is worth
 * retrying is retried twice with the same key; and a hung Stripe costs an operation at most its
 * time budget, however many calls it makes.
 */
@ExtendWith(LocalServersExtension.class)
class StripeOutageIT {
    private static final String SECRET_KEY = LocalServers.STRIPE_TEST_KEY;
    private static final Money LESSON = new Money(6000, "usd");
    private static final Duration CONNECT = Duration.ofMillis(500);
    private static final Duration READ = Duration.ofMillis(300);
    /** The pauses before the two retries: 0.5 s, then at most 1 s. */
    private static final Duration PAUSES = Duration.ofMillis(1500);

    private FaultProxy stripe;
    private String bookingId;

    @BeforeEach
    void connect(LocalServers.Endpoints endpoints) throws IOException {
        stripe = FaultProxy.inFrontOf(endpoints.stripe());
        bookingId = "bk-" + UUID.randomUUID();
    }

    @AfterEach
    void disconnect() {
        stripe.close();
    }

    @Test
    void providerAnswering500IsUnavailableAfterTwoRetriesWithTheSameKey() {
        try (FaultProxy.Injected down = stripe.inject(request -> request.path().startsWith("/v1/payment_intents"),
                new Fault.Answer(500, "application/json", """
                {"error": {"type": "api_error", "message": "An unknown error occurred"}}"""))) {

            PaymentOutcome outcome = gateway().authorize(bookingId, LESSON, "pm_card_visa", "student-1");

            assertThat(outcome).isEqualTo(new ProviderUnavailable("Stripe failed (HTTP 500)"));
            assertThat(down.hits()).isEqualTo(3);
            assertThat(down.hits(keyed("lessonbook-" + bookingId + "-authorize"))).isEqualTo(3);
        }
    }

    @Test
    void gatewayAnsweringWithAnHtmlErrorPageIsUnavailable() {
        String intentId = authorized();
        try (FaultProxy.Injected down = stripe.inject(everything(),
                new Fault.Answer(502, "text/html", "<html><body>Bad gateway</body></html>"))) {

            assertThat(gateway().capture(bookingId, intentId, Money.of(6000, "usd"))).isEqualTo(new ProviderUnavailable("Stripe failed (HTTP 502)"));
            assertThat(down.hits()).as("a 5xx is retried, whatever its body").isEqualTo(3);
        }
    }

    @Test
    void providerThatNeverAnswersIsUnavailableWithinTheTimeouts() {
        try (FaultProxy.Injected hung = stripe.inject(everything(), new Fault.Hang())) {
            long started = System.nanoTime();

            PaymentOutcome outcome = gateway().authorize(bookingId, LESSON, "pm_card_visa", "student-1");

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(outcome).isEqualTo(new ProviderUnavailable("Stripe could not be reached (SocketTimeoutException)"));
            assertThat(hung.hits()).as("first try and two retries").isEqualTo(3);
            assertThat(took).isLessThan(READ.multipliedBy(3).plus(PAUSES).plusSeconds(2));
        }
    }

    @Test
    void providerDroppingTheConnectionIsUnavailable() {
        String intentId = authorized();
        try (FaultProxy.Injected dropped = stripe.inject(everything(), new Fault.Drop())) {

            assertThat(gateway().release(bookingId, intentId)).isInstanceOf(ProviderUnavailable.class);
            assertThat(dropped.hits()).isPositive();
        }
    }

    @Test
    void providerRefusingConnectionsIsUnavailableAfterTwoRetries() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        long started = System.nanoTime();

        PaymentOutcome outcome = gateway(URI.create("http://127.0.0.1:" + closedPort)).release(bookingId, "pi_1");

        assertThat(outcome).isEqualTo(new ProviderUnavailable("Stripe could not be reached (ConnectException)"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("two pauses: it was retried")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1250));
    }

    @Test
    void rateLimitedRequestIsUnavailableAndNotRetried() {
        String intentId = authorized();
        gateway().capture(bookingId, intentId, Money.of(6000, "usd"));
        try (FaultProxy.Injected limited = stripe.inject(everything(), new Fault.Answer(429, "application/json", """
                {"error": {"type": "invalid_request_error", "code": "rate_limit", "message": "Too many requests"}}"""))) {

            assertThat(gateway().refund(bookingId, intentId, Money.of(6000, "usd")))
                    .isEqualTo(new ProviderUnavailable("Stripe is rate limiting requests (HTTP 429)"));
            assertThat(limited.hits()).isEqualTo(1);
        }
    }

    @Test
    void refusedApiKeyIsUnavailableAndNeverQuoted() {
        try (FaultProxy.Injected refused = stripe.inject(everything(), new Fault.Answer(401, "application/json", """
                {"error": {"type": "invalid_request_error", "message": "Invalid API Key provided: %s"}}"""
                .formatted(SECRET_KEY)))) {

            PaymentOutcome outcome = gateway().authorize(bookingId, LESSON, "pm_card_visa", "student-1");

            assertThat(outcome).isEqualTo(new ProviderUnavailable("Stripe refused the API key (HTTP 401)"));
            assertThat(((ProviderUnavailable) outcome).message()).doesNotContain(SECRET_KEY);
            assertThat(refused.hits()).isEqualTo(1);
        }
    }

    @Test
    void keyTheLocalStripeServerRefusesIsUnavailable(LocalServers.Endpoints endpoints) {
        StripePaymentGateway wrongKey = new StripePaymentGateway("rk_test_not_a_secret_key", endpoints.stripe(), CONNECT, READ);

        assertThat(wrongKey.authorize(bookingId, LESSON, "pm_card_visa", "student-1"))
                .isEqualTo(new ProviderUnavailable("Stripe refused the API key (HTTP 401)"));
    }

    @ParameterizedTest
    @MethodSource("everyOperation")
    void noOperationLetsAnOutageEscapeAsAnException(Function<PaymentGateway, PaymentOutcome> operation) {
        try (StubStripe down = StubStripe.answering(503, "application/json",
                "{\"error\": {\"type\": \"api_error\", \"message\": \"Service unavailable\"}}",
                // Keeps this fast; the retries are covered above.
                Map.of("Stripe-Should-Retry", "false"))) {

            assertThat(operation.apply(gateway(down.endpoint()))).isEqualTo(new ProviderUnavailable("Stripe failed (HTTP 503)"));
        }
    }

    static Stream<Named<Function<PaymentGateway, PaymentOutcome>>> everyOperation() {
        return Stream.of(
                Named.of("authorize", g -> g.authorize("bk-1", LESSON, "pm_card_visa", "student-1")),
                Named.of("saveCard", g -> g.saveCard("bk-1", "pm_card_visa", "student-1")),
                Named.of("authorizeSaved", g -> g.authorizeSaved("bk-1", LESSON, "cus_1", "pm_1")),
                Named.of("chargeSaved", g -> g.chargeSaved("bk-1", LESSON, "cus_1", "pm_1")),
                Named.of("capture", g -> g.capture("bk-1", "pi_1", Money.of(3000, "usd"))),
                Named.of("release", g -> g.release("bk-1", "pi_1")),
                Named.of("refund", g -> g.refund("bk-1", "pi_1", Money.of(6000, "usd"))));
    }

    // --- the time budget of one operation -----------------------------------------------------

    /**
     * A try here takes at most 0.8 s (connect 0.5 s + read 0.3 s) and a pause at most 1 s, so a
     * try starts only while 1.8 s are left. In 3 s a hung Stripe gets two tries (at 0 s and at
     * about 0.8 s); the third would start at about 2.1 s with 0.9 s left, and is not made.
     */
    @Test
    void aHungStripeGetsOnlyTheTriesThatFitInTheOperationsBudget() {
        Duration budget = Duration.ofSeconds(3);
        try (FaultProxy.Injected hung = stripe.inject(everything(), new Fault.Hang())) {
            long started = System.nanoTime();

            PaymentOutcome outcome = gateway(stripe.endpoint(), budget).authorize(bookingId, LESSON, "pm_card_visa", "student-1");

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(outcome).isEqualTo(new ProviderUnavailable("Stripe did not answer in time (the operation's 3000 ms are spent)"));
            assertThat(hung.hits()).isEqualTo(2);
            assertThat(took).isLessThan(budget);
        }
    }

    /**
     * The ~40 s saveCard (three calls, each answered only on its last try) scaled down: each call's
     * first two tries hang. Alone, each call would take about 2.1 s and the three 6.3 s; sharing
     * 5 s, the first call gets its answer on its third try (at about 2.1 s), the second is given up
     * before a third try that would not fit, and the whole stays within the 5 s.
     */
    @Test
    void saveCardsThreeCallsShareOneBudget() {
        Duration budget = Duration.ofSeconds(5);
        Map<String, Integer> triesByKey = new ConcurrentHashMap<>();
        Predicate<FaultProxy.Request> firstTwoTriesOfEachCall =
                request -> triesByKey.merge(request.header("idempotency-key"), 1, Integer::sum) <= 2;
        try (FaultProxy.Injected slow = stripe.inject(firstTwoTriesOfEachCall, new Fault.Hang())) {
            long started = System.nanoTime();

            PaymentOutcome outcome = gateway(stripe.endpoint(), budget).saveCard(bookingId, "pm_card_visa", "student-1");

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(outcome).isInstanceOf(ProviderUnavailable.class);
            assertThat(triesByKey).containsOnlyKeys("lessonbook-student-student-1-customer", "lessonbook-" + bookingId + "-setup");
            assertThat(took).isLessThan(budget);
        }
    }

    /** A Stripe that fails fast still gets both retries: a budget bounds hangs, not retries. */
    @Test
    void fastFailuresStillGetBothRetriesWithinTheBudget() {
        Duration budget = Duration.ofSeconds(4);
        try (FaultProxy.Injected down = stripe.inject(everything(), new Fault.Answer(503, "application/json", """
                {"error": {"type": "api_error", "message": "Service unavailable"}}"""))) {

            PaymentOutcome outcome = gateway(stripe.endpoint(), budget).authorize(bookingId, LESSON, "pm_card_visa", "student-1");

            assertThat(outcome).isEqualTo(new ProviderUnavailable("Stripe failed (HTTP 503)"));
            assertThat(down.hits()).isEqualTo(3);
        }
    }

    @Test
    void eachOperationHasABudgetOfItsOwn() {
        Duration budget = Duration.ofSeconds(3);
        StripePaymentGateway gateway = gateway(stripe.endpoint(), budget);
        try (FaultProxy.Injected hung = stripe.inject(everything(), new Fault.Hang())) {
            assertThat(gateway.authorize(bookingId, LESSON, "pm_card_visa", "student-1")).isInstanceOf(ProviderUnavailable.class);
        }

        assertThat(gateway.saveCard(bookingId, "pm_card_visa", "student-1")).isInstanceOf(CardSaved.class);
    }

    /**
     * The local runtime interrupts a function that outlived its Timeout; stripe-java would go on
     * with its retries after an interrupted pause, the adapter does not.
     */
    @Test
    void anInterruptedCallerMakesNoFurtherTries() throws Exception {
        try (FaultProxy.Injected hung = stripe.inject(everything(), new Fault.Hang())) {
            PaymentOutcome[] outcome = new PaymentOutcome[1];
            Thread caller = Thread.ofPlatform().start(
                    () -> outcome[0] = gateway().authorize(bookingId, LESSON, "pm_card_visa", "student-1"));
            awaitFirstTry(hung);

            caller.interrupt();
            caller.join(Duration.ofSeconds(5));

            assertThat(caller.isAlive()).isFalse();
            assertThat(outcome[0]).isEqualTo(new ProviderUnavailable("Stripe did not answer in time (interrupted)"));
            assertThat(hung.hits()).isEqualTo(1);
        }
    }

    private static void awaitFirstTry(FaultProxy.Injected hung) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (hung.hits() == 0) {
            assertThat(System.nanoTime()).as("the first try reached Stripe").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private String authorized() {
        return ((Authorized) gateway().authorize(bookingId, LESSON, "pm_card_visa", "student-1")).paymentIntentId();
    }

    private static Predicate<FaultProxy.Request> everything() {
        return request -> true;
    }

    private static Predicate<FaultProxy.Request> keyed(String idempotencyKey) {
        return request -> request.header("idempotency-key").equals(idempotencyKey);
    }

    private StripePaymentGateway gateway() {
        return gateway(stripe.endpoint());
    }

    private static StripePaymentGateway gateway(URI stripe) {
        return new StripePaymentGateway(SECRET_KEY, stripe, CONNECT, READ);
    }

    private static StripePaymentGateway gateway(URI stripe, Duration budget) {
        return new StripePaymentGateway(SECRET_KEY, stripe, CONNECT, READ, budget);
    }
}
