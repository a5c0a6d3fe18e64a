package dev.lessonbook.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lessonbook.booking.Money;
import dev.lessonbook.payments.stripe.StripeApi.Failure;
import dev.lessonbook.payments.stripe.StripeApi.Form;
import dev.lessonbook.payments.stripe.StubStripe.Received;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The HTTP exchange with Stripe against a stub: what every request carries, and which answers are
 * retried — stripe-java's rule: connection failures, timeouts, 409 and 5xx, unless Stripe's
 * {@code Stripe-Should-Retry} header says otherwise either way.
 */
class StripeApiIT {
    private static final String SECRET_KEY = "sk_test_api_secret_1234";
    private static final String INTENT = """
            {"id": "pi_1", "object": "payment_intent", "status": "requires_capture", "amount": 6000}""";
    private static final String API_ERROR = """
            {"error": {"type": "api_error", "message": "Something went wrong"}}""";

    @Test
    void requestCarriesTheKeyThePinnedVersionAndTheIdempotencyKeyWithAFormBody() throws Exception {
        try (StubStripe stripe = StubStripe.answering(200, INTENT)) {

            Map<String, Object> intent = api(URI.create(stripe.endpoint() + "/"))
                    .post("/v1/payment_intents", new Form().add("amount", 6000).add("metadata[bookingId]", "bk-1"), "key-1");

            assertThat(intent).containsEntry("id", "pi_1").containsEntry("amount", 6000L);
            Received request = stripe.requests().getFirst();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).as("trailing slash of the base dropped").isEqualTo("/v1/payment_intents");
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + SECRET_KEY);
            assertThat(request.header("Stripe-Version")).isEqualTo("2026-07-29.dahlia");
            assertThat(request.header("Idempotency-Key")).isEqualTo("key-1");
            assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded;charset=UTF-8");
            assertThat(request.body()).isEqualTo("amount=6000&metadata[bookingId]=bk-1");
        }
    }

    @Test
    void authorizationSendsStripesParametersForAManualCaptureCardIntent() {
        try (StubStripe stripe = StubStripe.answering(200, INTENT)) {

            new StripePaymentGateway(SECRET_KEY, stripe.endpoint(), Duration.ofMillis(500), Duration.ofMillis(500))
                    .authorize("bk-1", new Money(6000, "USD"), "pm_card_visa", "student-1");

            assertThat(stripe.requests().getFirst().body()).isEqualTo("amount=6000&currency=usd&capture_method=manual"
                    + "&payment_method_types[]=card&payment_method=pm_card_visa&confirm=true"
                    + "&metadata[bookingId]=bk-1&metadata[studentId]=student-1");
        }
    }

    @Test
    void conflictIsRetriedTwiceWithTheSameKey() {
        try (StubStripe stripe = StubStripe.answering(409, """
                {"error": {"type": "invalid_request_error", "code": "lock_timeout", "message": "Try again"}}""")) {

            Failure failure = postExpectingFailure(stripe);

            assertThat(failure.status()).isEqualTo(409);
            assertThat(stripe.idempotencyKeys()).containsExactly("key-1", "key-1", "key-1");
        }
    }

    @Test
    void serverErrorStripeSaysNotToRetryIsNotRetried() {
        try (StubStripe stripe = StubStripe.answering(503, "application/json", API_ERROR, Map.of("Stripe-Should-Retry", "false"))) {

            postExpectingFailure(stripe);

            assertThat(stripe.requests()).hasSize(1);
        }
    }

    @Test
    void clientErrorStripeSaysToRetryIsRetried() {
        try (StubStripe stripe = StubStripe.answering(400, "application/json", """
                {"error": {"type": "invalid_request_error", "code": "lock_timeout"}}""", Map.of("Stripe-Should-Retry", "true"))) {

            postExpectingFailure(stripe);

            assertThat(stripe.requests()).hasSize(3);
        }
    }

    @Test
    void rateLimitingIsNotRetried() {
        try (StubStripe stripe = StubStripe.answering(429, """
                {"error": {"type": "invalid_request_error", "code": "rate_limit"}}""")) {

            postExpectingFailure(stripe);

            assertThat(stripe.requests()).hasSize(1);
        }
    }

    @Test
    void successWhoseBodyIsNotJsonIsAFailureThatQuotesNothing() {
        try (StubStripe stripe = StubStripe.answering(200, "text/html", "<html>" + SECRET_KEY + "</html>", Map.of())) {

            Failure failure = postExpectingFailure(stripe);

            assertThat(failure.status()).isEqualTo(200);
            assertThat(failure.explained()).isFalse();
            assertThat(failure).hasMessageNotContaining(SECRET_KEY);
        }
    }

    private static Failure postExpectingFailure(StubStripe stripe) {
        return catchThrowableOfType(Failure.class,
                () -> api(stripe.endpoint()).post("/v1/payment_intents", new Form().add("amount", 6000), "key-1"));
    }

    private static StripeApi api(URI base) {
        return new StripeApi(SECRET_KEY, base, Duration.ofMillis(500), Duration.ofMillis(500));
    }
}
