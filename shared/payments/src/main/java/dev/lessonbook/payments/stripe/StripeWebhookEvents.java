package dev.lessonbook.payments.stripe;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.SetupIntent;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;
import dev.lessonbook.booking.FollowingPaymentReports.ProviderEvent;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.PaymentReport;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Result;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Stripe's webhook deliveries, read with stripe-java's {@link Webhook}: the {@code Stripe-Signature}
 * header ({@code t=<unix time>,v1=<HMAC-SHA256 of "t.payload" under the endpoint's signing secret>})
 * must verify against the raw body and be at most {@link #TOLERANCE} old, or the delivery is
 * refused with nothing read from it. A verified event becomes a {@link ProviderEvent}: its id,
 * its type and, for the types Lessonbook follows, what it reports about a booking's payment.
 *
 * <p>Intents carry the booking in their {@code bookingId} metadata (StripePaymentGateway sets
 * it). A charge or a dispute names only its intent, whose booking is then read from Stripe
 * ({@link StripePaymentGateway#bookingOfIntent}) unless the object carries the metadata itself.
 */
public final class StripeWebhookEvents {
    /** The setting naming the SSM parameter (SecureString) that holds the endpoint's signing secret. */
    public static final String SECRET_PARAMETER_SETTING = "STRIPE_WEBHOOK_SECRET_PARAMETER";
    /** A delivery signed longer ago than this is refused as a replay (Stripe's libraries' default). */
    public static final Duration TOLERANCE = Duration.ofSeconds(300);
    public static final String SIGNATURE_HEADER = "Stripe-Signature";

    private final String endpointSecret;
    private final Function<String, Optional<String>> bookingOfIntent;
    private final Clock clock;

    /**
     * @param bookingOfIntent the booking a PaymentIntent was made for (empty when none)
     */
    public StripeWebhookEvents(String endpointSecret, Function<String, Optional<String>> bookingOfIntent, Clock clock) {
        if (endpointSecret == null || endpointSecret.isBlank()) {
            throw new IllegalArgumentException("A webhook signing secret is required");
        }
        this.endpointSecret = endpointSecret;
        this.bookingOfIntent = bookingOfIntent;
        this.clock = clock;
    }

    /** The composition root's way in: the signing secret from Parameter Store, read once at init. */
    public static StripeWebhookEvents fromConfiguration(Function<String, Optional<String>> setting,
            StripePaymentGateway stripe) {
        return new StripeWebhookEvents(StripeSecret.fromParameterStore(setting, SECRET_PARAMETER_SETTING),
                stripe::bookingOfIntent, Clock.systemUTC());
    }

    /**
     * The event of a delivery whose signature verifies, or a 400 {@code INVALID_SIGNATURE} naming
     * what is wrong (no header, no valid signature, too old). The signature is checked before the
     * body is parsed, so a forged body is never read.
     */
    public Result<ProviderEvent> verify(String payload, Optional<String> signatureHeader) {
        if (signatureHeader.isEmpty() || signatureHeader.get().isBlank()) {
            return refused("The " + SIGNATURE_HEADER + " header is missing");
        }
        Event event;
        try {
            Webhook.Signature.verifyHeader(payload, signatureHeader.get(), endpointSecret, TOLERANCE.toSeconds(),
                    clock);
            event = Webhook.constructEvent(payload, signatureHeader.get(), endpointSecret, TOLERANCE.toSeconds(), clock);
        } catch (SignatureVerificationException refused) {
            // stripe-java's own words: which of header, scheme, signature or timestamp failed.
            return refused("The " + SIGNATURE_HEADER + " header does not verify: " + refused.getMessage());
        } catch (RuntimeException unreadable) {
            // Signed by the secret's holder, yet not an event (gson refused it): nothing to follow.
            return Result.rejected(ProblemCode.MALFORMED_JSON, "The signed body is not a Stripe event");
        }
        if (event.getId() == null || event.getType() == null) {
            return Result.rejected(ProblemCode.MALFORMED_JSON, "The signed body is not a Stripe event (no id or type)");
        }
        return Result.ok(new ProviderEvent(event.getId(), event.getType(), reportOf(event)));
    }

    private static Result<ProviderEvent> refused(String detail) {
        return Result.rejected(ProblemCode.INVALID_SIGNATURE, detail);
    }

    private Optional<PaymentReport> reportOf(Event event) {
        return switch (event.getType()) {
            case "payment_intent.amount_capturable_updated" -> intent(event).flatMap(intent -> booking(intent)
                    .map(booking -> new PaymentReport.AuthorizationHeld(booking, intent.getId(),
                            money(intent.getAmountCapturable(), intent.getCurrency()))));
            case "payment_intent.payment_failed" -> intent(event).flatMap(intent -> booking(intent)
                    .map(booking -> new PaymentReport.AuthorizationFailed(booking, intent.getId(),
                            intent.getLastPaymentError() == null ? null : intent.getLastPaymentError().getDeclineCode())));
            case "payment_intent.canceled" -> intent(event).flatMap(intent -> booking(intent)
                    .map(booking -> new PaymentReport.AuthorizationCanceled(booking, intent.getId(),
                            intent.getCancellationReason())));
            // A card saved after its holder's 3-D Secure (a booking more than 6 days ahead), or not.
            case "setup_intent.succeeded" -> object(event, SetupIntent.class)
                    .filter(setup -> setup.getId() != null && setup.getCustomer() != null && setup.getPaymentMethod() != null)
                    .flatMap(setup -> metadataBooking(setup.getMetadata())
                            .map(booking -> new PaymentReport.CardSetUp(booking, setup.getId(), setup.getCustomer(),
                                    setup.getPaymentMethod())));
            case "setup_intent.setup_failed" -> object(event, SetupIntent.class).filter(setup -> setup.getId() != null)
                    .flatMap(setup -> metadataBooking(setup.getMetadata())
                            .map(booking -> new PaymentReport.AuthorizationFailed(booking, setup.getId(),
                                    setup.getLastSetupError() == null ? null : setup.getLastSetupError().getDeclineCode())));
            case "charge.refunded" -> object(event, Charge.class).filter(charge -> charge.getPaymentIntent() != null)
                    .flatMap(charge -> booking(charge.getMetadata(), charge.getPaymentIntent())
                            .map(booking -> new PaymentReport.Refunded(booking, charge.getPaymentIntent(),
                                    money(charge.getAmountRefunded(), charge.getCurrency()))));
            case "charge.dispute.created" -> object(event, Dispute.class).filter(dispute -> dispute.getPaymentIntent() != null)
                    .flatMap(dispute -> booking(dispute.getMetadata(), dispute.getPaymentIntent())
                            .map(booking -> new PaymentReport.DisputeOpened(booking, dispute.getPaymentIntent(),
                                    dispute.getId(), money(dispute.getAmount(), dispute.getCurrency()))));
            case "charge.dispute.closed" -> object(event, Dispute.class).filter(dispute -> dispute.getPaymentIntent() != null)
                    .flatMap(dispute -> booking(dispute.getMetadata(), dispute.getPaymentIntent())
                            .map(booking -> new PaymentReport.DisputeClosed(booking, dispute.getPaymentIntent(),
                                    dispute.getId(), money(dispute.getAmount(), dispute.getCurrency()),
                                    // won, warning_closed (an inquiry that never withdrew funds), prevented
                                    !"lost".equals(dispute.getStatus()))));
            default -> Optional.empty();
        };
    }

    private static Optional<PaymentIntent> intent(Event event) {
        return object(event, PaymentIntent.class).filter(intent -> intent.getId() != null);
    }

    /**
     * The event's object as {@code type}. An event rendered at another API version than the one
     * stripe-java pins is read all the same ({@code deserializeUnsafe}): the few fields read here
     * have kept their shape across versions.
     */
    private static <T extends StripeObject> Optional<T> object(Event event, Class<T> type) {
        Optional<StripeObject> object = event.getDataObjectDeserializer().getObject();
        if (object.isEmpty()) {
            try {
                object = Optional.ofNullable(event.getDataObjectDeserializer().deserializeUnsafe());
            } catch (EventDataObjectDeserializationException unreadable) {
                return Optional.empty();
            }
        }
        return object.filter(type::isInstance).map(type::cast);
    }

    private static Optional<String> metadataBooking(Map<String, String> metadata) {
        return Optional.ofNullable(metadata).map(values -> values.get("bookingId"));
    }

    private static Optional<String> booking(PaymentIntent intent) {
        return Optional.ofNullable(intent.getMetadata()).map(metadata -> metadata.get("bookingId"));
    }

    private Optional<String> booking(Map<String, String> metadata, String paymentIntentId) {
        Optional<String> own = Optional.ofNullable(metadata).map(values -> values.get("bookingId"));
        return own.isPresent() ? own : bookingOfIntent.apply(paymentIntentId);
    }

    private static Money money(Long amount, String currency) {
        return Money.of(amount == null ? 0 : amount, currency == null ? "usd" : currency.toLowerCase(Locale.ROOT));
    }
}
