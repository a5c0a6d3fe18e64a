package dev.lessonbook.payments.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentListParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import dev.lessonbook.emulators.LocalServers;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** What Stripe itself (here localstripe) holds, read with a plain client, independent of the adapter. */
final class StripeSide {
    private final StripeClient stripe;

    StripeSide(URI apiBase) {
        this.stripe = StripeClient.builder()
                .setApiKey(LocalServers.STRIPE_TEST_KEY)
                .setApiBase(apiBase.toString())
                .build();
    }

    PaymentIntent intent(String id) throws StripeException {
        return stripe.v1().paymentIntents().retrieve(id,
                PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build());
    }

    /**
     * Money kept: Stripe reports a partial capture as {@code amount_captured}; localstripe captures
     * the whole charge and refunds the rest. Either way it is captured minus refunded.
     */
    long netCaptured(String intentId) throws StripeException {
        Charge charge = intent(intentId).getLatestChargeObject();
        if (!Boolean.TRUE.equals(charge.getCaptured())) {
            return 0;
        }
        long captured = charge.getAmountCaptured() != null ? charge.getAmountCaptured() : charge.getAmount();
        return captured - charge.getAmountRefunded();
    }

    /** Every intent Stripe holds for the booking, found by the metadata the adapter sets. */
    List<String> intentIdsOfBooking(String bookingId) throws StripeException {
        List<String> ids = new ArrayList<>();
        for (PaymentIntent intent : stripe.v1().paymentIntents()
                .list(PaymentIntentListParams.builder().setLimit(100L).build())
                .autoPagingIterable()) {
            if (intent.getMetadata() != null && bookingId.equals(intent.getMetadata().get("bookingId"))) {
                ids.add(intent.getId());
            }
        }
        return ids;
    }
}
