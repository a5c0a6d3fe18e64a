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
 * What a failed Stripe call means for a booking. A card that says no, or a request Stripe refuses,
 * is a {@link Declined}: nothing moved, and retrying the same request cannot change the answer.
 * Anything where Stripe could not answer — network, timeout, 5xx, 409 still in flight after the
 * retries, rate limiting, or our own API key being refused (401, 403) — is {@link ProviderUnavailable}.
 *
 * <p>Messages are built here, never copied from the exception: Stripe's text for card errors is
 * written for customers and kept; for every other error only its code or HTTP status is reported,
 * so no key, parameter value or response body ends up in a booking or a log line.
 */
final class StripeFailures {
    private StripeFailures() {}

    static PaymentOutcome outcomeOf(StripeException failure) {
        return switch (failure) {
            case CardException card -> new Declined(card.getUserMessage() != null ? card.getUserMessage() : "The card was declined.");
            case InvalidRequestException rejected -> new Declined("Stripe rejected the request (" + codeOf(rejected) + ")");
            case IdempotencyException reused -> new Declined("Stripe rejected the request (idempotency_error)");
            case ApiConnectionException unreachable -> new ProviderUnavailable("Stripe could not be reached ("
                    + (unreachable.getCause() != null ? unreachable.getCause().getClass().getSimpleName() : "connection failed") + ")");
            case RateLimitException limited -> new ProviderUnavailable("Stripe is rate limiting requests (HTTP 429)");
            case AuthenticationException refused -> new ProviderUnavailable(
                    "Stripe refused the API key (HTTP " + refused.getStatusCode() + ")");
            case ApiException broken -> new ProviderUnavailable("Stripe failed (HTTP " + broken.getStatusCode() + ")");
            default -> new ProviderUnavailable("Stripe failed (" + failure.getClass().getSimpleName() + ")");
        };
    }

    private static String codeOf(StripeException failure) {
        if (failure.getCode() != null && !failure.getCode().isBlank()) {
            return failure.getCode();
        }
        return "HTTP " + failure.getStatusCode();
    }
}
