package dev.lessonbook.payments.stripe;

import dev.lessonbook.booking.Money;
import dev.lessonbook.payment.PaymentGateway;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentOutcome.Authorized;
import dev.lessonbook.payment.PaymentOutcome.Captured;
import dev.lessonbook.payment.PaymentOutcome.CardSaved;
import dev.lessonbook.payment.PaymentOutcome.Declined;
import dev.lessonbook.payment.PaymentOutcome.Refunded;
import dev.lessonbook.payment.PaymentOutcome.Released;
import dev.lessonbook.payments.stripe.StripeApi.Failure;
import dev.lessonbook.payments.stripe.StripeApi.Form;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The payment gateway on Stripe, one {@link StripeApi} per function instance.
 *
 * <p>Every request carries the idempotency key {@code lessonbook-<bookingId>-<operation>}, and its
 * parameters are derived from the booking alone. Stripe answers a repeated key with the first
 * result, so a retry — ours, {@link StripeApi}'s, or a whole Lambda invocation's — never creates a
 * second intent, capture or refund for a booking. That is also what makes the network retries safe:
 * connection failures, read timeouts, 409 and 5xx are retried twice (backoff 0.5 s, then 1 s), so a
 * provider that accepts and hangs costs one Stripe request 3 × read timeout + 1.5 s (16.5 s with the
 * defaults); saveCard makes three.
 */
public final class StripePaymentGateway implements PaymentGateway {
    public static final URI DEFAULT_API_BASE = URI.create("https://api.stripe.com");
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

    private final StripeApi stripe;

    public StripePaymentGateway(String secretKey, URI apiBase, Duration connectTimeout, Duration readTimeout) {
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("A Stripe secret key is required");
        }
        this.stripe = new StripeApi(secretKey, Objects.requireNonNull(apiBase, "apiBase"), connectTimeout, readTimeout);
    }

    /**
     * The composition root's way in: the secret key from SSM Parameter Store
     * ({@code STRIPE_SECRET_PARAMETER}, read once), the API base from {@code STRIPE_API_BASE}
     * (default {@code https://api.stripe.com}), the default connect timeout and the read timeout
     * {@code STRIPE_READ_TIMEOUT_MS} (default 5 s; not set in template.yaml — a test suite that
     * makes Stripe hang sets it shorter). {@code setting} looks up a configuration value by name,
     * e.g. {@code Env::optional}.
     */
    public static StripePaymentGateway fromConfiguration(Function<String, Optional<String>> setting) {
        String secretKey = StripeSecret.fromParameterStore(setting);
        URI apiBase = setting.apply("STRIPE_API_BASE").map(URI::create).orElse(DEFAULT_API_BASE);
        Duration readTimeout = setting.apply("STRIPE_READ_TIMEOUT_MS").map(ms -> Duration.ofMillis(Long.parseLong(ms)))
                .orElse(DEFAULT_READ_TIMEOUT);
        return new StripePaymentGateway(secretKey, apiBase, DEFAULT_CONNECT_TIMEOUT, readTimeout);
    }

    @Override
    public PaymentOutcome authorize(String bookingId, Money amount, String paymentMethodId, String studentId) {
        Form params = new Form()
                .add("amount", amount.amount())
                .add("currency", currencyOf(amount))
                .add("capture_method", "manual")
                // Cards only: confirming server-side without a return_url is valid only when no
                // payment method type could redirect the customer.
                .add("payment_method_types[]", "card")
                .add("payment_method", paymentMethodId)
                .add("confirm", true)
                .add("metadata[bookingId]", bookingId)
                .add("metadata[studentId]", studentId);
        return attempt(() -> authorization(stripe.post("/v1/payment_intents", params, key(bookingId, "authorize"))));
    }

    /**
     * A Customer holding the card for off-session use later, attached by a SetupIntent (which
     * also records the customer's consent to off-session charges, as SCA requires).
     */
    @Override
    public PaymentOutcome saveCard(String bookingId, String paymentMethodId, String studentId) {
        return attempt(() -> {
            Map<String, Object> customer = stripe.post("/v1/customers", new Form()
                    .add("metadata[studentId]", studentId)
                    .add("metadata[bookingId]", bookingId), key(bookingId, "customer"));
            Map<String, Object> setup = stripe.post("/v1/setup_intents", new Form()
                    .add("customer", text(customer, "id"))
                    .add("usage", "off_session")
                    .add("payment_method_types[]", "card")
                    .add("metadata[bookingId]", bookingId), key(bookingId, "setup"));
            Map<String, Object> confirmed = stripe.post(StripeApi.path("/v1/setup_intents/%s/confirm", text(setup, "id")),
                    new Form().add("payment_method", paymentMethodId), key(bookingId, "setup-confirm"));
            String status = text(confirmed, "status");
            return switch (String.valueOf(status)) {
                // The saved method's own id: a test token such as pm_card_visa becomes a new one.
                case "succeeded" -> new CardSaved(text(customer, "id"), text(confirmed, "payment_method"));
                case "requires_action" -> new Declined("The card requires authentication by the customer.");
                default -> new Declined("The card could not be saved (status " + status + ").");
            };
        });
    }

    @Override
    public PaymentOutcome authorizeSaved(String bookingId, Money amount, String customerId, String paymentMethodId) {
        Form params = offSession(bookingId, amount, customerId, paymentMethodId).add("capture_method", "manual");
        return attempt(() -> authorization(stripe.post("/v1/payment_intents", params, key(bookingId, "authorize-saved"))));
    }

    @Override
    public PaymentOutcome chargeSaved(String bookingId, Money amount, String customerId, String paymentMethodId) {
        Form params = offSession(bookingId, amount, customerId, paymentMethodId).add("capture_method", "automatic");
        return attempt(() -> {
            Map<String, Object> intent = stripe.post("/v1/payment_intents", params, key(bookingId, "charge-saved"));
            return "succeeded".equals(text(intent, "status"))
                    ? new Captured(text(intent, "id"), amount(intent, "amount"))
                    : notCompleted(intent);
        });
    }

    @Override
    public PaymentOutcome capture(String bookingId, String paymentIntentId, long amount) {
        Form params = new Form().add("amount_to_capture", amount);
        return attempt(() -> {
            Map<String, Object> intent = stripe.post(StripeApi.path("/v1/payment_intents/%s/capture", paymentIntentId),
                    params, key(bookingId, "capture"));
            // Stripe captures exactly amount_to_capture or fails; the rest of the hold is released.
            return "succeeded".equals(text(intent, "status")) ? new Captured(text(intent, "id"), amount) : notCompleted(intent);
        });
    }

    @Override
    public PaymentOutcome release(String bookingId, String paymentIntentId) {
        return attempt(() -> {
            try {
                Map<String, Object> intent = stripe.post(StripeApi.path("/v1/payment_intents/%s/cancel", paymentIntentId),
                        new Form(), key(bookingId, "release"));
                return new Released(text(intent, "id"));
            } catch (Failure notCancellable) {
                if (!notCancellable.invalidRequest()) {
                    throw notCancellable;
                }
                // Already cancelled — by an earlier release whose key Stripe no longer keeps, or by
                // Stripe when the authorization lapsed: the goal, nothing charged, holds.
                Map<String, Object> intent = stripe.get(StripeApi.path("/v1/payment_intents/%s", paymentIntentId));
                if ("canceled".equals(text(intent, "status"))) {
                    return new Released(text(intent, "id"));
                }
                throw notCancellable;
            }
        });
    }

    @Override
    public PaymentOutcome refund(String bookingId, String paymentIntentId, long amount) {
        Form params = new Form()
                .add("payment_intent", paymentIntentId)
                .add("amount", amount)
                .add("metadata[bookingId]", bookingId);
        return attempt(() -> {
            Map<String, Object> refund = stripe.post("/v1/refunds", params, key(bookingId, "refund"));
            String status = text(refund, "status");
            return switch (String.valueOf(status)) {
                case "failed", "canceled" -> new Declined("The refund failed (status " + status + ").");
                default -> new Refunded(paymentIntentId, amount(refund, "amount"));
            };
        });
    }

    private static Form offSession(String bookingId, Money amount, String customerId, String paymentMethodId) {
        return new Form()
                .add("amount", amount.amount())
                .add("currency", currencyOf(amount))
                .add("payment_method_types[]", "card")
                .add("customer", customerId)
                .add("payment_method", paymentMethodId)
                .add("off_session", true)
                .add("confirm", true)
                .add("metadata[bookingId]", bookingId);
    }

    private static PaymentOutcome authorization(Map<String, Object> intent) {
        return "requires_capture".equals(text(intent, "status"))
                ? new Authorized(text(intent, "id"), amount(intent, "amount"))
                : notCompleted(intent);
    }

    /** An intent Stripe accepted but could not complete: declined, or waiting for the customer. */
    private static PaymentOutcome notCompleted(Map<String, Object> intent) {
        if (intent.get("last_payment_error") instanceof Map<?, ?> error && error.get("message") instanceof String message) {
            return new Declined(message);
        }
        String status = text(intent, "status");
        if ("requires_action".equals(status)) {
            return new Declined("The card requires authentication by the customer.");
        }
        return new Declined("The payment was not completed (status " + status + ").");
    }

    private static String text(Map<String, Object> object, String field) {
        return object.get(field) instanceof String text ? text : null;
    }

    private static long amount(Map<String, Object> object, String field) {
        return ((Number) object.get(field)).longValue();
    }

    private static String key(String bookingId, String operation) {
        return "lessonbook-" + bookingId + "-" + operation;
    }

    private static String currencyOf(Money amount) {
        return amount.currency().toLowerCase(Locale.ROOT);
    }

    @FunctionalInterface
    private interface StripeCall {
        PaymentOutcome run() throws Failure;
    }

    /** Runs one use of Stripe; its failures become outcomes, so no Stripe failure leaves the adapter. */
    private static PaymentOutcome attempt(StripeCall call) {
        try {
            return call.run();
        } catch (Failure failure) {
            return StripeFailures.outcomeOf(failure);
        }
    }
}
