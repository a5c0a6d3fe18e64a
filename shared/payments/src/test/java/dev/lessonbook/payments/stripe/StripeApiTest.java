package dev.lessonbook.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.payments.stripe.StripeApi.Form;
import org.junit.jupiter.api.Test;

/** Stripe's form encoding, as stripe-java wrote it. */
class StripeApiTest {

    @Test
    void nestedParametersKeepTheirBracketsLiteral() {
        Form form = new Form()
                .add("metadata[bookingId]", "bk-1")
                .add("payment_method_types[]", "card");

        assertThat(form.encoded()).isEqualTo("metadata[bookingId]=bk-1&payment_method_types[]=card");
    }

    @Test
    void valuesAreFormEncodedInUtf8() {
        Form form = new Form().add("metadata[note]", "a&b=c [d] é+");

        assertThat(form.encoded()).isEqualTo("metadata[note]=a%26b%3Dc+%5Bd%5D+%C3%A9%2B");
    }

    @Test
    void numbersAndBooleansAreWrittenAsStripeReadsThem() {
        Form form = new Form().add("amount", 6000L).add("confirm", true);

        assertThat(form.encoded()).isEqualTo("amount=6000&confirm=true");
    }

    @Test
    void parameterWithoutAValueIsLeftOut() {
        Form form = new Form().add("metadata[studentId]", null).add("amount", 6000);

        assertThat(form.encoded()).isEqualTo("amount=6000");
    }

    @Test
    void noParametersIsAnEmptyBody() {
        assertThat(new Form().encoded()).isEmpty();
    }

    @Test
    void idsInPathsAreEncoded() {
        assertThat(StripeApi.path("/v1/payment_intents/%s/capture", "pi_1/../x"))
                .isEqualTo("/v1/payment_intents/pi_1%2F..%2Fx/capture");
    }
}
