package dev.lessonbook.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lessonbook.booking.Money;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentOutcome.Authorized;
import dev.lessonbook.payment.PaymentOutcome.CardSaved;
import dev.lessonbook.payment.PaymentOutcome.Captured;
import dev.lessonbook.payment.PaymentOutcome.Declined;
import dev.lessonbook.payments.stripe.IdempotentStripe.Seen;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retries never move money twice: the adapter sends one key per booking and operation, with
 * parameters derived from the booking, and Stripe replays the first result for a repeated key.
 * localstripe ignores keys, so {@link IdempotentStripe} adds Stripe's documented behaviour in front.
 */
@ExtendWith(LocalServersExtension.class)
class StripeIdempotencyIT {
    private static final Money LESSON = new Money(6000, "usd");

    private IdempotentStripe proxy;
    private StripeSide stripe;
    private String bookingId;

    @BeforeEach
    void connect(LocalServers.Endpoints endpoints) {
        proxy = IdempotentStripe.inFrontOf(endpoints.stripe());
        stripe = new StripeSide(endpoints.stripe());
        bookingId = "bk-" + UUID.randomUUID();
    }

    @AfterEach
    void disconnect() {
        proxy.close();
    }

    @Test
    void authorizingTwiceForOneBookingYieldsTheSameIntent() throws Exception {
        StripePaymentGateway gateway = gateway(StripePaymentGateway.DEFAULT_READ_TIMEOUT);

        PaymentOutcome first = gateway.authorize(bookingId, LESSON, "pm_card_visa", "student-1");
        PaymentOutcome second = gateway.authorize(bookingId, LESSON, "pm_card_visa", "student-1");

        assertThat(first).isInstanceOf(Authorized.class).isEqualTo(second);
        assertThat(stripe.intentIdsOfBooking(bookingId)).containsExactly(((Authorized) first).paymentIntentId());
        assertThat(proxy.requests()).extracting(Seen::idempotencyKey, Seen::replayed).containsExactly(
                tuple("lessonbook-" + bookingId + "-authorize", false),
                tuple("lessonbook-" + bookingId + "-authorize", true));
    }

    @Test
    void responseLostToATimeoutIsRetriedWithTheSameKeyAndCreatesOneIntent() throws Exception {
        proxy.loseFirstResponses();
        StripePaymentGateway gateway = gateway(Duration.ofMillis(500));

        PaymentOutcome outcome = gateway.authorize(bookingId, LESSON, "pm_card_visa", "student-1");

        assertThat(outcome).isInstanceOf(Authorized.class);
        assertThat(stripe.intentIdsOfBooking(bookingId)).containsExactly(((Authorized) outcome).paymentIntentId());
        assertThat(proxy.requests()).extracting(Seen::replayed).containsExactly(false, true);
    }

    @Test
    void capturingAgainWithAnotherAmountMovesNoMoreMoney() throws Exception {
        StripePaymentGateway gateway = gateway(StripePaymentGateway.DEFAULT_READ_TIMEOUT);
        String intentId = ((Authorized) gateway.authorize(bookingId, LESSON, "pm_card_visa", "student-1")).paymentIntentId();
        assertThat(gateway.capture(bookingId, intentId, 3000)).isEqualTo(new Captured(intentId, 3000));

        PaymentOutcome again = gateway.capture(bookingId, intentId, 6000);

        assertThat(again).isInstanceOf(Declined.class);
        assertThat(stripe.netCaptured(intentId)).isEqualTo(3000);
    }

    @Test
    void everyCallCarriesAKeyNamedForTheBookingAndTheOperation() {
        StripePaymentGateway gateway = gateway(StripePaymentGateway.DEFAULT_READ_TIMEOUT);
        String heldThenRefunded = bookingId + "-a";
        String savedThenReleased = bookingId + "-b";
        String savedThenCharged = bookingId + "-c";

        String intent = ((Authorized) gateway.authorize(heldThenRefunded, LESSON, "pm_card_visa", "student-1")).paymentIntentId();
        gateway.capture(heldThenRefunded, intent, 6000);
        gateway.refund(heldThenRefunded, intent, 6000);
        CardSaved card = (CardSaved) gateway.saveCard(savedThenReleased, "pm_card_visa", "student-1");
        String savedIntent = ((Authorized) gateway.authorizeSaved(savedThenReleased, LESSON, card.customerId(), card.paymentMethodId()))
                .paymentIntentId();
        gateway.release(savedThenReleased, savedIntent);
        CardSaved other = (CardSaved) gateway.saveCard(savedThenCharged, "pm_card_visa", "student-1");
        gateway.chargeSaved(savedThenCharged, LESSON, other.customerId(), other.paymentMethodId());

        assertThat(proxy.requests()).filteredOn(seen -> seen.method().equals("POST"))
                .extracting(Seen::idempotencyKey).containsExactly(
                        "lessonbook-" + heldThenRefunded + "-authorize",
                        "lessonbook-" + heldThenRefunded + "-capture",
                        "lessonbook-" + heldThenRefunded + "-refund",
                        "lessonbook-" + savedThenReleased + "-customer",
                        "lessonbook-" + savedThenReleased + "-setup",
                        "lessonbook-" + savedThenReleased + "-setup-confirm",
                        "lessonbook-" + savedThenReleased + "-authorize-saved",
                        "lessonbook-" + savedThenReleased + "-release",
                        "lessonbook-" + savedThenCharged + "-customer",
                        "lessonbook-" + savedThenCharged + "-setup",
                        "lessonbook-" + savedThenCharged + "-setup-confirm",
                        "lessonbook-" + savedThenCharged + "-charge-saved");
    }

    private StripePaymentGateway gateway(Duration readTimeout) {
        return new StripePaymentGateway(LocalServers.STRIPE_TEST_KEY, proxy.endpoint(),
                StripePaymentGateway.DEFAULT_CONNECT_TIMEOUT, readTimeout);
    }
}
