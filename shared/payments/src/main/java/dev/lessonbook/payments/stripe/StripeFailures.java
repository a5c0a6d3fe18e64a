package dev.lessonbook.payments.stripe;

import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentOutcome.Declined;
import dev.lessonbook.payment.PaymentOutcome.ProviderUnavailable;

/**
 * What a failed Stripe call means for a booking. A card that says no, or a request Stripe refuses,
 * is a {@link Declined}: nothing moved, and retrying the same request cannot change the answer.
 * Anything where Stripe could not answer — network, timeout, 5xx, 409 still in flight after the
 * retries, rate limiting, or our own API key being refused (401, 403) — is {@link ProviderUnavailable}.
 *
 * <p>As in Stripe's libraries, the HTTP status decides; an answer whose body is not Stripe's error
 * object (a proxy's HTML page, say) means Stripe failed, whatever its status.
 *
 * <p>Messages are built here, never copied from the answer: Stripe's text for card errors is
 * written for customers and kept; for every other error only its code or HTTP status is reported,
 * so no key, parameter value or response body ends up in a booking or a log line.
 */
final class StripeFailures {
    private StripeFailures() {}

    static PaymentOutcome outcomeOf(StripeApi.Failure failure) {
        if (!failure.answered()) {
            return new ProviderUnavailable("Stripe could not be reached (" + failure.getCause().getClass().getSimpleName() + ")");
        }
        int status = failure.status();
        if (!failure.explained()) {
            return new ProviderUnavailable("Stripe failed (HTTP " + status + ")");
        }
        return switch (status) {
            case 402 -> new Declined(failure.error("message").orElse("The card was declined."));
            case 400, 404 -> failure.invalidRequest()
                    ? new Declined("Stripe rejected the request (" + failure.error("code").orElse("HTTP " + status) + ")")
                    : new Declined("Stripe rejected the request (idempotency_error)");
            case 401, 403 -> new ProviderUnavailable("Stripe refused the API key (HTTP " + status + ")");
            case 429 -> new ProviderUnavailable("Stripe is rate limiting requests (HTTP 429)");
            default -> new ProviderUnavailable("Stripe failed (HTTP " + status + ")");
        };
    }
}
