package dev.lessonbook.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.Stripe;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.PaymentOutcome.Authorized;
import dev.lessonbook.payment.PaymentOutcome.ProviderUnavailable;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payments.stripe.StubStripe.Received;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What stripe-java, as the adapter configures it, puts on the wire and which answers it retries,
 * seen by a stand-in that answers every request alike: the secret key, the pinned API version, the
 * idempotency key and Stripe's form parameters on every request; retries after a 409 or a 5xx
 * unless Stripe's {@code Stripe-Should-Retry} header says otherwise either way; none after a 429.
 */
class StripeRequestsIT {
    private static final String SECRET_KEY = "sk_test_requests_secret_1234";
    private static final Money LESSON = Money.of(6000, "usd");
    private static final String INTENT = """
            {"id": "pi_1", "object": "payment_intent", "status": "requires_capture", "amount": 6000}""";
    private static final String API_ERROR = """
            {"error": {"type": "api_error", "message": "Something went wrong"}}""";

    /** The version docs/decisions.md "Payments" names: stripe-java 33.3.0 pins it, and the adapter never overrides it. */
    @Test
    void theApiVersionIsTheOneStripeJavaPins() {
        assertThat(Stripe.API_VERSION).isEqualTo("2026-07-29.dahlia");
    }

    @Test
    void authorizationCarriesTheKeyThePinnedVersionTheIdempotencyKeyAndStripesParameters() {
        try (StubStripe stripe = StubStripe.answering(200, INTENT)) {

            PaymentOutcome outcome = gateway(URI.create(stripe.endpoint() + "/")).authorize("bk-1", LESSON, "pm_card_visa", "student-1");

            assertThat(outcome).isEqualTo(new Authorized("pi_1", Money.of(6000, "usd")));
            Received customer = stripe.requests().getFirst();
            assertThat(customer.path()).as("trailing slash of the base dropped").isEqualTo("/v1/customers");
            assertThat(customer.header("Idempotency-Key")).isEqualTo("lessonbook-student-student-1-customer");
            assertThat(parameters(customer)).containsExactly("metadata[studentId]=student-1");
            Received request = stripe.requests().get(1);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v1/payment_intents");
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + SECRET_KEY);
            assertThat(request.header("Stripe-Version")).isEqualTo("2026-07-29.dahlia");
            assertThat(request.header("Idempotency-Key")).isEqualTo("lessonbook-bk-1-authorize");
            assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
            // The stub answers every request with the intent: its id stands for the customer's here.
            assertThat(parameters(request)).containsExactlyInAnyOrder(
                    "amount=6000", "currency=usd", "capture_method=manual", "payment_method_types[0]=card",
                    "customer=pi_1", "payment_method=pm_card_visa", "setup_future_usage=off_session", "confirm=true",
                    "metadata[bookingId]=bk-1", "metadata[studentId]=student-1");
        }
    }

    @Test
    void idsInPathsAreEncoded() {
        try (StubStripe stripe = StubStripe.answering(200, INTENT)) {

            gateway(stripe.endpoint()).capture("bk-1", "pi_1/../x", Money.of(6000, "usd"));

            assertThat(stripe.requests().getFirst().path()).isEqualTo("/v1/payment_intents/pi_1%2F..%2Fx/capture");
        }
    }

    @Test
    void conflictIsRetriedTwiceWithTheSameKey() {
        try (StubStripe stripe = StubStripe.answering(409, """
                {"error": {"type": "invalid_request_error", "code": "lock_timeout", "message": "Try again"}}""")) {

            PaymentOutcome outcome = gateway(stripe.endpoint()).authorizeSaved("bk-1", LESSON, "cus_1", "pm_1");

            assertThat(outcome).isEqualTo(new ProviderUnavailable("Stripe failed (HTTP 409)"));
            assertThat(stripe.idempotencyKeys()).containsExactly(
                    "lessonbook-bk-1-authorize-saved", "lessonbook-bk-1-authorize-saved", "lessonbook-bk-1-authorize-saved");
        }
    }

    @Test
    void serverErrorStripeSaysNotToRetryIsNotRetried() {
        try (StubStripe stripe = StubStripe.answering(503, "application/json", API_ERROR, Map.of("Stripe-Should-Retry", "false"))) {

            gateway(stripe.endpoint()).authorizeSaved("bk-1", LESSON, "cus_1", "pm_1");

            assertThat(stripe.requests()).hasSize(1);
        }
    }

    @Test
    void clientErrorStripeSaysToRetryIsRetried() {
        try (StubStripe stripe = StubStripe.answering(400, "application/json", """
                {"error": {"type": "invalid_request_error", "code": "lock_timeout"}}""", Map.of("Stripe-Should-Retry", "true"))) {

            gateway(stripe.endpoint()).authorizeSaved("bk-1", LESSON, "cus_1", "pm_1");

            assertThat(stripe.requests()).hasSize(3);
        }
    }

    @Test
    void successWhoseBodyIsNotJsonIsUnavailableAndQuotesNothing() {
        try (StubStripe stripe = StubStripe.answering(200, "text/html", "<html>" + SECRET_KEY + "</html>", Map.of())) {

            PaymentOutcome outcome = gateway(stripe.endpoint()).authorizeSaved("bk-1", LESSON, "cus_1", "pm_1");

            assertThat(outcome).isEqualTo(new ProviderUnavailable("Stripe failed (HTTP 200)"));
        }
    }

    private static List<String> parameters(Received request) {
        return Arrays.stream(request.body().split("&")).map(pair -> URLDecoder.decode(pair, StandardCharsets.UTF_8)).toList();
    }

    private static StripePaymentGateway gateway(URI base) {
        return new StripePaymentGateway(SECRET_KEY, base, Duration.ofMillis(500), Duration.ofMillis(500));
    }
}
