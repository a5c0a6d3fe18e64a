package dev.lessonbook.payments.stripe;

import com.stripe.Stripe;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe events as Stripe sends them to a webhook endpoint, for the types the local Stripe server
 * never sends (refunds, disputes, cancellations): the event object of https://docs.stripe.com/api/events/object
 * around a data object, and the {@code Stripe-Signature} header computed exactly as Stripe
 * documents it ("Verify signatures manually"): {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>" keyed by the endpoint's signing secret>}. Written here with the JDK's Mac,
 * not with stripe-java, so the adapter's verification is checked against the documentation.
 */
public final class SignedStripeEvents {

    private SignedStripeEvents() {}

    /** The header Stripe sends with {@code payload}, signed at {@code signedAt}. */
    public static String signature(String secret, Instant signedAt, String payload) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signed = signedAt.getEpochSecond() + "." + payload;
            return "t=" + signedAt.getEpochSecond() + ",v1="
                    + HexFormat.of().formatHex(hmac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM has HmacSHA256", e);
        }
    }

    public static String newEventId() {
        return "evt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    /** An event of {@code type} around {@code dataObject} (JSON), at the API version stripe-java pins. */
    public static String event(String id, String type, String dataObject) {
        return """
                {
                  "id": "%s",
                  "object": "event",
                  "api_version": "%s",
                  "created": %d,
                  "data": {
                    "object": %s
                  },
                  "livemode": false,
                  "pending_webhooks": 1,
                  "request": {"id": null, "idempotency_key": null},
                  "type": "%s"
                }""".formatted(id, Stripe.API_VERSION, Instant.now().getEpochSecond(), dataObject, type);
    }

    /** A PaymentIntent of a booking (its metadata names it), as Stripe renders one in an event. */
    public static String paymentIntent(String intentId, String bookingId, String status, long amount,
            long amountCapturable, String cancellationReason, String declineCode) {
        return """
                {
                  "id": "%s",
                  "object": "payment_intent",
                  "amount": %d,
                  "amount_capturable": %d,
                  "amount_received": 0,
                  "cancellation_reason": %s,
                  "capture_method": "manual",
                  "currency": "usd",
                  "last_payment_error": %s,
                  "livemode": false,
                  "metadata": {"bookingId": "%s"},
                  "payment_method_types": ["card"],
                  "status": "%s"
                }""".formatted(intentId, amount, amountCapturable, quotedOrNull(cancellationReason),
                declineCode == null ? "null"
                        : "{\"type\": \"card_error\", \"code\": \"card_declined\", \"decline_code\": \"" + declineCode
                                + "\", \"message\": \"Your card was declined.\"}",
                bookingId, status);
    }

    /** A Charge of an intent: what was captured, and everything refunded of it so far. No metadata of ours. */
    public static String charge(String intentId, long amountCaptured, long amountRefunded) {
        return """
                {
                  "id": "ch_%s",
                  "object": "charge",
                  "amount": %d,
                  "amount_captured": %d,
                  "amount_refunded": %d,
                  "captured": true,
                  "currency": "usd",
                  "livemode": false,
                  "metadata": {},
                  "paid": true,
                  "payment_intent": "%s",
                  "refunded": %s,
                  "status": "succeeded"
                }""".formatted(intentId.replace("pi_", ""), amountCaptured, amountCaptured, amountRefunded, intentId,
                amountRefunded >= amountCaptured);
    }

    /** A Dispute of an intent's charge, in {@code status} (needs_response, won, lost, …). */
    public static String dispute(String disputeId, String intentId, long amount, String status) {
        return """
                {
                  "id": "%s",
                  "object": "dispute",
                  "amount": %d,
                  "charge": "ch_%s",
                  "currency": "usd",
                  "is_charge_refundable": false,
                  "livemode": false,
                  "metadata": {},
                  "payment_intent": "%s",
                  "reason": "fraudulent",
                  "status": "%s"
                }""".formatted(disputeId, amount, intentId.replace("pi_", ""), intentId, status);
    }

    private static String quotedOrNull(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }
}
