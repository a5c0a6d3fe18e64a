package dev.lessonbook.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.booking.Money;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentOutcome.Declined;
import dev.lessonbook.payment.PaymentOutcome.ProviderUnavailable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stripe failing in every way we can stage on this machine: each is an outcome, never an
 * exception, and a hung provider costs at most the timeouts and the adapter's two retries.
 */
class StripeOutageIT {
    private static final String SECRET_KEY = "sk_test_outage_secret_1234";
    private static final Money LESSON = new Money(6000, "usd");
    private static final Duration CONNECT = Duration.ofMillis(500);
    private static final Duration READ = Duration.ofMillis(300);
    /** The backoff before the two retries: 0.5 s, then 1 s. */
    private static final Duration BACKOFF = Duration.ofMillis(1500);

    @Test
    void providerAnswering500IsUnavailableAfterTwoRetriesWithTheSameKey() {
        try (StubStripe stripe = StubStripe.answering(500, """
                {"error": {"type": "api_error", "message": "An unknown error occurred"}}""")) {

            PaymentOutcome outcome = gateway(stripe.endpoint()).authorize("bk-1", LESSON, "pm_card_visa", "student-1");

            assertThat(outcome).isInstanceOf(ProviderUnavailable.class);
            assertThat(stripe.idempotencyKeys()).containsExactlyElementsOf(Collections.nCopies(3, "lessonbook-bk-1-authorize"));
        }
    }

    @Test
    void gatewayAnsweringWithAnHtmlErrorPageIsUnavailable() {
        try (StubStripe stripe = StubStripe.answering(502, "text/html", "<html><body>Bad gateway</body></html>", Map.of())) {

            assertThat(gateway(stripe.endpoint()).capture("bk-1", "pi_1", 6000)).isInstanceOf(ProviderUnavailable.class);
        }
    }

    @Test
    void providerThatNeverAnswersIsUnavailableWithinTheTimeouts() throws IOException {
        try (SilentServer stripe = new SilentServer()) {
            long started = System.nanoTime();

            PaymentOutcome outcome = gateway(stripe.endpoint()).authorize("bk-1", LESSON, "pm_card_visa", "student-1");

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(outcome).isInstanceOf(ProviderUnavailable.class);
            assertThat(stripe.connections()).as("first try and two retries").isEqualTo(3);
            assertThat(took).isLessThan(READ.multipliedBy(3).plus(BACKOFF).plusSeconds(2));
        }
    }

    @Test
    void providerRefusingConnectionsIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        PaymentOutcome outcome = gateway(URI.create("http://127.0.0.1:" + closedPort)).release("bk-1", "pi_1");

        assertThat(outcome).isInstanceOf(ProviderUnavailable.class);
    }

    @Test
    void rateLimitedRequestIsUnavailable() {
        try (StubStripe stripe = StubStripe.answering(429, """
                {"error": {"type": "invalid_request_error", "code": "rate_limit", "message": "Too many requests"}}""")) {

            assertThat(gateway(stripe.endpoint()).refund("bk-1", "pi_1", 6000)).isInstanceOf(ProviderUnavailable.class);
        }
    }

    @Test
    void refusedApiKeyIsUnavailableAndNeverQuoted() {
        try (StubStripe stripe = StubStripe.answering(401, """
                {"error": {"type": "invalid_request_error", "message": "Invalid API Key provided: %s"}}"""
                .formatted(SECRET_KEY))) {

            PaymentOutcome outcome = gateway(stripe.endpoint()).authorize("bk-1", LESSON, "pm_card_visa", "student-1");

            assertThat(outcome).isInstanceOfSatisfying(ProviderUnavailable.class,
                    unavailable -> assertThat(unavailable.message()).doesNotContain(SECRET_KEY));
        }
    }

    /** Stripe's documented answer for pm_card_visa_chargeDeclined, which localstripe authorizes. */
    @Test
    void stripesCardDeclinedAnswerIsADeclineWithItsCustomerMessage() {
        try (StubStripe stripe = StubStripe.answering(402, """
                {"error": {"type": "card_error", "code": "card_declined", "decline_code": "generic_decline",
                  "charge": "ch_3Lessonbook", "message": "Your card was declined.",
                  "doc_url": "https://stripe.com/docs/error-codes/card-declined"}}""")) {

            PaymentOutcome outcome = gateway(stripe.endpoint())
                    .authorize("bk-1", LESSON, "pm_card_visa_chargeDeclined", "student-1");

            assertThat(outcome).isEqualTo(new Declined("Your card was declined."));
            assertThat(stripe.idempotencyKeys()).as("a decline is final: not retried").hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("everyOperation")
    void noOperationLetsAnOutageEscapeAsAnException(Function<PaymentGateway, PaymentOutcome> operation) {
        // Stripe-Should-Retry: false keeps this fast; the retries are covered above.
        try (StubStripe stripe = StubStripe.answering(503, "application/json",
                "{\"error\": {\"type\": \"api_error\", \"message\": \"Service unavailable\"}}",
                Map.of("Stripe-Should-Retry", "false"))) {

            assertThat(operation.apply(gateway(stripe.endpoint()))).isInstanceOf(ProviderUnavailable.class);
        }
    }

    static Stream<Named<Function<PaymentGateway, PaymentOutcome>>> everyOperation() {
        return Stream.of(
                Named.of("authorize", g -> g.authorize("bk-1", LESSON, "pm_card_visa", "student-1")),
                Named.of("saveCard", g -> g.saveCard("bk-1", "pm_card_visa", "student-1")),
                Named.of("authorizeSaved", g -> g.authorizeSaved("bk-1", LESSON, "cus_1", "pm_1")),
                Named.of("chargeSaved", g -> g.chargeSaved("bk-1", LESSON, "cus_1", "pm_1")),
                Named.of("capture", g -> g.capture("bk-1", "pi_1", 3000)),
                Named.of("release", g -> g.release("bk-1", "pi_1")),
                Named.of("refund", g -> g.refund("bk-1", "pi_1", 6000)));
    }

    private static StripePaymentGateway gateway(URI stripe) {
        return new StripePaymentGateway(SECRET_KEY, stripe, CONNECT, READ);
    }
}
