package dev.lessonbook.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.lessonbook.booking.Money;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentOutcome.Authorized;
import dev.lessonbook.payment.PaymentOutcome.Captured;
import dev.lessonbook.payment.PaymentOutcome.CardSaved;
import dev.lessonbook.payment.PaymentOutcome.Declined;
import dev.lessonbook.payment.PaymentOutcome.Refunded;
import dev.lessonbook.payment.PaymentOutcome.Released;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The adapter against localstripe, each outcome checked on the Stripe side too. */
@ExtendWith(LocalServersExtension.class)
class StripePaymentGatewayIT {
    private static final Money LESSON = new Money(6000, "usd");
    private static final String STUDENT = "student-1";

    private StripePaymentGateway gateway;
    private StripeSide stripe;
    private String bookingId;

    @BeforeEach
    void connect(LocalServers.Endpoints endpoints) {
        gateway = new StripePaymentGateway(LocalServers.STRIPE_TEST_KEY, endpoints.stripe(),
                StripePaymentGateway.DEFAULT_CONNECT_TIMEOUT, StripePaymentGateway.DEFAULT_READ_TIMEOUT);
        stripe = new StripeSide(endpoints.stripe());
        bookingId = "bk-" + UUID.randomUUID();
    }

    @Test
    void authorizingPutsTheLessonPriceOnHoldWithoutCapturing() throws Exception {
        PaymentOutcome outcome = gateway.authorize(bookingId, LESSON, "pm_card_visa", STUDENT);

        assertThat(outcome).isInstanceOfSatisfying(Authorized.class, authorized -> assertThat(authorized.amount()).isEqualTo(6000));
        Map<String, Object> onStripe = stripe.intent(((Authorized) outcome).paymentIntentId());
        assertThat(onStripe).containsEntry("status", "requires_capture").containsEntry("capture_method", "manual");
        assertThat(onStripe).extractingByKey("metadata").asInstanceOf(MAP)
                .containsEntry("bookingId", bookingId).containsEntry("studentId", STUDENT);
        assertThat(stripe.netCaptured((String) onStripe.get("id"))).isZero();
    }

    @Test
    void cardDeclinedWhenChargedIsADeclineNotAnError() {
        // pm_card_chargeCustomerFail is declined on charge by Stripe and localstripe alike.
        PaymentOutcome outcome = gateway.authorize(bookingId, LESSON, "pm_card_chargeCustomerFail", STUDENT);

        assertThat(outcome).isInstanceOfSatisfying(Declined.class,
                declined -> assertThat(declined.message()).isEqualTo("Your card was declined."));
    }

    @Test
    void unknownPaymentMethodIsDeclinedWithoutEchoingTheKey() {
        PaymentOutcome outcome = gateway.authorize(bookingId, LESSON, "pm_does_not_exist", STUDENT);

        assertThat(outcome).isInstanceOfSatisfying(Declined.class,
                declined -> assertThat(declined.message()).doesNotContain(LocalServers.STRIPE_TEST_KEY, "sk_"));
    }

    @Test
    void releasingCancelsTheAuthorization() throws Exception {
        String intentId = authorized();

        PaymentOutcome outcome = gateway.release(bookingId, intentId);

        assertThat(outcome).isEqualTo(new Released(intentId));
        assertThat(stripe.intent(intentId)).containsEntry("status", "canceled");
    }

    @Test
    void releasingAnAlreadyCancelledAuthorizationStillReportsItReleased() {
        String intentId = authorized();
        gateway.release(bookingId, intentId);

        assertThat(gateway.release(bookingId, intentId)).isEqualTo(new Released(intentId));
    }

    @Test
    void studentCancellingBetweenTwelveAndTwentyFourHoursAheadKeepsHalf() throws Exception {
        String intentId = authorized();

        PaymentOutcome outcome = gateway.capture(bookingId, intentId, 3000);

        assertThat(outcome).isEqualTo(new Captured(intentId, 3000));
        assertThat(stripe.intent(intentId)).containsEntry("status", "succeeded");
        assertThat(stripe.netCaptured(intentId)).isEqualTo(3000);
    }

    @Test
    void completingTheLessonCapturesTheFullAmount() throws Exception {
        String intentId = authorized();

        PaymentOutcome outcome = gateway.capture(bookingId, intentId, 6000);

        assertThat(outcome).isEqualTo(new Captured(intentId, 6000));
        assertThat(stripe.netCaptured(intentId)).isEqualTo(6000);
    }

    @Test
    void refundingACapturedPaymentReturnsTheMoney() throws Exception {
        String intentId = authorized();
        gateway.capture(bookingId, intentId, 6000);

        PaymentOutcome outcome = gateway.refund(bookingId, intentId, 6000);

        assertThat(outcome).isEqualTo(new Refunded(intentId, 6000));
        assertThat(stripe.netCaptured(intentId)).isZero();
    }

    @Test
    void savedCardIsAuthorizedOffSessionLater() throws Exception {
        PaymentOutcome saved = gateway.saveCard(bookingId, "pm_card_visa", STUDENT);
        assertThat(saved).isInstanceOfSatisfying(CardSaved.class, card -> {
            assertThat(card.customerId()).startsWith("cus_");
            assertThat(card.paymentMethodId()).startsWith("pm_");
        });
        CardSaved card = (CardSaved) saved;

        PaymentOutcome outcome = gateway.authorizeSaved(bookingId, LESSON, card.customerId(), card.paymentMethodId());

        assertThat(outcome).isInstanceOf(Authorized.class);
        assertThat(stripe.intent(((Authorized) outcome).paymentIntentId()))
                .containsEntry("status", "requires_capture")
                .containsEntry("customer", card.customerId())
                .containsEntry("payment_method", card.paymentMethodId());
    }

    @Test
    void savedCardIsChargedAtOnceForALateCancellationNeverAuthorized() throws Exception {
        CardSaved card = (CardSaved) gateway.saveCard(bookingId, "pm_card_visa", STUDENT);

        PaymentOutcome outcome = gateway.chargeSaved(bookingId, new Money(3000, "usd"), card.customerId(), card.paymentMethodId());

        assertThat(outcome).isInstanceOfSatisfying(Captured.class, captured -> assertThat(captured.amount()).isEqualTo(3000));
        String intentId = ((Captured) outcome).paymentIntentId();
        assertThat(stripe.intent(intentId)).containsEntry("status", "succeeded");
        assertThat(stripe.netCaptured(intentId)).isEqualTo(3000);
    }

    @Test
    void cardThatCannotBeSavedIsDeclined() {
        // Stripe's generic-decline test card fails the SetupIntent; localstripe declines its attachment.
        PaymentOutcome outcome = gateway.saveCard(bookingId, "pm_card_visa_chargeDeclined", STUDENT);

        assertThat(outcome).isInstanceOf(Declined.class);
    }

    @Test
    void savedCardDeclinedOffSessionIsADecline() {
        // Attaches fine, fails every charge: the case the 24-hours-ahead authorization must survive.
        CardSaved card = (CardSaved) gateway.saveCard(bookingId, "pm_card_chargeCustomerFail", STUDENT);

        PaymentOutcome outcome = gateway.authorizeSaved(bookingId, LESSON, card.customerId(), card.paymentMethodId());

        assertThat(outcome).isInstanceOf(Declined.class);
    }

    private String authorized() {
        PaymentOutcome outcome = gateway.authorize(bookingId, LESSON, "pm_card_visa", STUDENT);
        assertThat(outcome).isInstanceOf(Authorized.class);
        return ((Authorized) outcome).paymentIntentId();
    }
}
