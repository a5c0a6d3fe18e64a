package dev.lessonbook.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentCreateParams;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves the test harness talks to real local servers with the behaviour our design relies on:
 * the AWS contract on moto (started by the extension, DynamoDB serialized), and manual-capture
 * PaymentIntents on localstripe.
 */
@ExtendWith(LocalServersExtension.class)
class HarnessSmokeIT extends AwsBehaviourContract {
    private LocalServers.Endpoints endpoints;

    @BeforeEach
    void servers(LocalServers.Endpoints started) {
        endpoints = started;
    }

    @Override
    LocalServers.Endpoints endpoints() {
        return endpoints;
    }

    @Test
    void manualCapturePaymentIntentCapturesHalfOnTheStripeSide() throws Exception {
        StripeClient stripe = StripeClient.builder()
                .setApiKey(LocalServers.STRIPE_TEST_KEY)
                .setApiBase(endpoints.stripe().toString())
                .build();

        PaymentIntent authorized = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(6000L)
                .setCurrency("usd")
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL)
                .setPaymentMethod("pm_card_visa")
                .setConfirm(true)
                .build());
        assertThat(authorized.getStatus()).isEqualTo("requires_capture");

        stripe.v1().paymentIntents().capture(authorized.getId(),
                PaymentIntentCaptureParams.builder().setAmountToCapture(3000L).build());

        PaymentIntent onStripe = stripe.v1().paymentIntents().retrieve(authorized.getId());
        assertThat(onStripe.getStatus()).isEqualTo("succeeded");
        assertThat(netCaptured(onStripe.getLatestChargeObject())).isEqualTo(3000L);
    }

    /**
     * Stripe reports a partial capture as {@code amount_captured}; localstripe captures the whole
     * charge and refunds the rest. Either way the money kept is captured minus refunded.
     */
    private static long netCaptured(Charge charge) {
        long captured = charge.getAmountCaptured() != null ? charge.getAmountCaptured() : charge.getAmount();
        return captured - charge.getAmountRefunded();
    }
}
