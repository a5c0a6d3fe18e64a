package dev.lessonbook.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.model.StripeError;
import com.stripe.net.ApiResource;
import dev.lessonbook.payment.PaymentOutcome.Declined;
import dev.lessonbook.payment.PaymentOutcome.ProviderUnavailable;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Each exception stripe-java throws, as the adapter reports it; messages are our own (the
 * exception's text here holds a key that must never surface). The ITs reach the same cases on the wire.
 */
class StripeFailuresTest {
    private static final String KEY_IN_MESSAGE = "Invalid API Key provided: sk_test_secret";

    @Test
    void aCardErrorIsADeclineWithStripesCustomerMessageAndTheIssuersReason() {
        CardException card = new CardException("Your card has insufficient funds.", "req_1", "card_declined", null,
                "insufficient_funds", "ch_1", 402, null);
        // stripe-java sets the error object it read from the answer; the customer's message is in it.
        card.setStripeError(ApiResource.GSON.fromJson("""
                {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                 "message": "Your card has insufficient funds."}""", StripeError.class));

        assertThat(StripeFailures.outcomeOf(card)).isEqualTo(new Declined("Your card has insufficient funds.", "insufficient_funds"));
    }

    @Test
    void aCardErrorWithoutAMessageIsStillADecline() {
        CardException card = new CardException(null, "req_1", "card_declined", null, null, null, 402, null);

        assertThat(StripeFailures.outcomeOf(card)).isEqualTo(new Declined("The card was declined."));
    }

    @Test
    void anInvalidRequestIsADeclineNamingStripesCodeOrTheStatus() {
        assertThat(StripeFailures.outcomeOf(new InvalidRequestException(KEY_IN_MESSAGE, "amount", "req_1",
                "payment_intent_unexpected_state", 400, null)))
                .isEqualTo(new Declined("Stripe rejected the request (payment_intent_unexpected_state)"));
        assertThat(StripeFailures.outcomeOf(new InvalidRequestException(KEY_IN_MESSAGE, null, "req_1", null, 404, null)))
                .isEqualTo(new Declined("Stripe rejected the request (HTTP 404)"));
    }

    @Test
    void aKeyReusedWithOtherParametersIsAnUnknownOutcomeNotADecline() {
        // The first request under the key may have left a live intent: a decline would let the
        // scheduler record RELEASED over it.
        assertThat(StripeFailures.outcomeOf(new IdempotencyException(KEY_IN_MESSAGE, "req_1", null, 400)))
                .isEqualTo(new ProviderUnavailable(
                        "Stripe refused a reused idempotency key (idempotency_error); the outcome is unknown"));
    }

    @Test
    void rateLimitingIsUnavailable() {
        assertThat(StripeFailures.outcomeOf(new RateLimitException(KEY_IN_MESSAGE, null, "req_1", "rate_limit", 429, null)))
                .isEqualTo(new ProviderUnavailable("Stripe is rate limiting requests (HTTP 429)"));
    }

    @Test
    void aRefusedOrUnderprivilegedKeyIsUnavailable() {
        assertThat(StripeFailures.outcomeOf(new AuthenticationException(KEY_IN_MESSAGE, "req_1", null, 401)))
                .isEqualTo(new ProviderUnavailable("Stripe refused the API key (HTTP 401)"));
        assertThat(StripeFailures.outcomeOf(new PermissionException(KEY_IN_MESSAGE, "req_1", null, 403)))
                .isEqualTo(new ProviderUnavailable("Stripe refused the API key (HTTP 403)"));
    }

    @Test
    void noAnswerIsUnavailableNamingOnlyTheCause() {
        assertThat(StripeFailures.outcomeOf(new ApiConnectionException(KEY_IN_MESSAGE, new SocketTimeoutException("Read timed out"))))
                .isEqualTo(new ProviderUnavailable("Stripe could not be reached (SocketTimeoutException)"));
        assertThat(StripeFailures.outcomeOf(new ApiConnectionException(KEY_IN_MESSAGE)))
                .isEqualTo(new ProviderUnavailable("Stripe could not be reached (connection failed)"));
    }

    @Test
    void aSpentTimeBudgetIsUnavailable() {
        assertThat(StripeFailures.outcomeOf(new ApiConnectionException(KEY_IN_MESSAGE,
                new TimeBudgetedHttpClient.OutOfTime("the operation's 16500 ms are spent"))))
                .isEqualTo(new ProviderUnavailable("Stripe did not answer in time (the operation's 16500 ms are spent)"));
    }

    @Test
    void aServerErrorIsUnavailable() {
        assertThat(StripeFailures.outcomeOf(new ApiException(KEY_IN_MESSAGE, "req_1", null, 503, null)))
                .isEqualTo(new ProviderUnavailable("Stripe failed (HTTP 503)"));
    }
}
