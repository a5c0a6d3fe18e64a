package dev.lessonbook.payments.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentOutcome.Declined;
import dev.lessonbook.payment.PaymentOutcome.ProviderUnavailable;

/**
 * What a failed Stripe call means for a booking, by the {@link StripeException} stripe-java threw
 * (it picks the class by HTTP status: 402 card, 400/404 invalid request or idempotency, 401/403
 * authentication, 429 rate limit, anything else — an HTML page from a proxy included — API error).
 * A card that says no, or a request Stripe refuses, is a {@link Declined}: nothing moved, and
 * repeating the request cannot change the answer. An idempotency key reused with other parameters
 * is not: the first request under the key may have moved money, so it is reported as unknown.
 * Anything where Stripe could not answer — network,
 * timeout, the operation's time budget spent, 5xx, a 409 still in flight after the retries, rate
 * limiting, or our own API key being refused (401, 403) — is {@link ProviderUnavailable}.
 *
 * <p>Messages are built here, never copied from the exception: Stripe's text for card errors is
 * written for customers and kept, with the issuer's {@code decline_code}; for every other error
 * only its code, HTTP status or cause is reported, so no key, parameter value or response body ends
 * up in a booking or a log line.
 */
final class StripeFailures {
    private StripeFailures() {}

    static PaymentOutcome outcomeOf(StripeException failure) {
        return switch (failure) {
            case CardException card -> new Declined(
                    card.getUserMessage() != null ? card.getUserMessage() : "The card was declined.", card.getDeclineCode());
            // A key reused with other parameters: Stripe refused this request, but the first request
            // under that key may have moved money (a live intent). Declined would let a caller record
            // RELEASED or FAILED over it, so it is an unknown outcome: the domain retries, then
            // MANUAL_REVIEW, exactly as for a call Stripe never answered.
            case IdempotencyException reused -> new ProviderUnavailable(
                    "Stripe refused a reused idempotency key (idempotency_error); the outcome is unknown");
            case InvalidRequestException rejected -> new Declined("Stripe rejected the request (" + codeOf(rejected) + ")");
            case RateLimitException limited -> new ProviderUnavailable("Stripe is rate limiting requests (HTTP 429)");
            case AuthenticationException refused -> new ProviderUnavailable(
                    "Stripe refused the API key (HTTP " + refused.getStatusCode() + ")");
            case ApiConnectionException unanswered -> new ProviderUnavailable(unansweredWhy(unanswered));
            case ApiException broken -> new ProviderUnavailable("Stripe failed (HTTP " + broken.getStatusCode() + ")");
            default -> new ProviderUnavailable("Stripe failed (" + failure.getClass().getSimpleName() + ")");
        };
    }

    private static String unansweredWhy(ApiConnectionException unanswered) {
        Throwable cause = unanswered.getCause();
        if (cause instanceof TimeBudgetedHttpClient.OutOfTime outOfTime) {
            return "Stripe did not answer in time (" + outOfTime.getMessage() + ")";
        }
        return "Stripe could not be reached (" + (cause != null ? cause.getClass().getSimpleName() : "connection failed") + ")";
    }

    private static String codeOf(StripeException failure) {
        return failure.getCode() != null && !failure.getCode().isBlank() ? failure.getCode() : "HTTP " + failure.getStatusCode();
    }
}
