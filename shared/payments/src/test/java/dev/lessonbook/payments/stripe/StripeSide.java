package dev.lessonbook.payments.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.SetupIntent;
import com.stripe.param.PaymentIntentListParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import dev.lessonbook.emulators.LocalServers;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * What Stripe itself (here the local Stripe server) holds, read with a client of its own — not
 * the adapter's — so a test checks money on Stripe's side, in Stripe's typed objects.
 */
public final class StripeSide {
    private final StripeClient stripe;

    public StripeSide(URI apiBase) {
        this.stripe = StripeClient.builder().setApiKey(LocalServers.STRIPE_TEST_KEY).setApiBase(apiBase.toString()).build();
    }

    /** The PaymentIntent with its latest charge expanded. */
    public PaymentIntent intent(String id) throws StripeException {
        return stripe.v1().paymentIntents().retrieve(id, PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build());
    }

    /** The SetupIntent (a card being saved). */
    public SetupIntent setupIntent(String id) throws StripeException {
        return stripe.v1().setupIntents().retrieve(id);
    }

    /**
     * Money kept: Stripe reports a partial capture as {@code amount_captured}; the local server
     * captures the whole charge and refunds the rest. Either way it is captured minus refunded.
     */
    public long netCaptured(String intentId) throws StripeException {
        Charge charge = intent(intentId).getLatestChargeObject();
        if (charge == null || !Boolean.TRUE.equals(charge.getCaptured())) {
            return 0;
        }
        long captured = charge.getAmountCaptured() != null ? charge.getAmountCaptured() : charge.getAmount();
        return captured - charge.getAmountRefunded();
    }

    /**
     * Every intent Stripe holds, grouped by the booking named in the metadata the adapter sets (one
     * listing for many bookings, where {@link #intentIdsOfBooking} lists everything per booking).
     */
    public java.util.Map<String, List<String>> intentIdsByBooking() {
        java.util.Map<String, List<String>> byBooking = new java.util.HashMap<>();
        try {
            for (PaymentIntent intent : stripe.v1().paymentIntents().list(PaymentIntentListParams.builder().setLimit(100L).build())
                    .autoPagingIterable()) {
                String bookingId = intent.getMetadata() == null ? null : intent.getMetadata().get("bookingId");
                if (bookingId != null) {
                    byBooking.computeIfAbsent(bookingId, id -> new ArrayList<>()).add(intent.getId());
                }
            }
        } catch (StripeException e) {
            throw new IllegalStateException("the local Stripe server did not list its intents", e);
        }
        return byBooking;
    }

    /** Every intent Stripe holds for the booking, found by the metadata the adapter sets. */
    public List<String> intentIdsOfBooking(String bookingId) throws StripeException {
        List<String> ids = new ArrayList<>();
        for (PaymentIntent intent : stripe.v1().paymentIntents().list(PaymentIntentListParams.builder().setLimit(100L).build())
                .autoPagingIterable()) {
            if (intent.getMetadata() != null && bookingId.equals(intent.getMetadata().get("bookingId"))) {
                ids.add(intent.getId());
            }
        }
        return ids;
    }
}
