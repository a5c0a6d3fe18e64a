package dev.lessonbook.http.payment;

import dev.lessonbook.http.ApiRequest;
import dev.lessonbook.http.Limits;
import dev.lessonbook.problem.Result;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * POST /v1/stripe/webhook (docs/spec.md §6, "Stripe webhooks"): the raw body, exactly as Stripe
 * signed it, and its {@code Stripe-Signature} header. No identity is read (the route has no JWT
 * authorizer: the signature is what authenticates Stripe), and nothing is parsed before the
 * signature is verified. A body over {@link Limits#MAX_WEBHOOK_BODY_BYTES} → 413.
 */
public final class StripeDeliveries {

    /** One delivery: the body as text (Stripe sends UTF-8 JSON) and the signature header, if any. */
    public record Delivery(String payload, Optional<String> signature) {}

    private StripeDeliveries() {}

    public static Result<Delivery> delivery(ApiRequest request) {
        return request.body(Limits.MAX_WEBHOOK_BODY_BYTES)
                .map(bytes -> new Delivery(new String(bytes, StandardCharsets.UTF_8), request.header("Stripe-Signature")));
    }
}
