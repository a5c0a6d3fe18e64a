package dev.lessonbook.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.model.PaymentIntent;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.PaymentOutcome.Authorized;
import dev.lessonbook.payment.PaymentOutcome.Captured;
import dev.lessonbook.payment.PaymentOutcome.CardSaved;
import dev.lessonbook.payment.PaymentOutcome.Declined;
import dev.lessonbook.payment.PaymentOutcome.Refunded;
import dev.lessonbook.payment.PaymentOutcome.Released;
import dev.lessonbook.payment.PaymentOutcome;
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

        assertThat(outcome).isInstanceOfSatisfying(Authorized.class, authorized -> assertThat(authorized.amount()).isEqualTo(Money.of(6000, "usd")));
        PaymentIntent onStripe = stripe.intent(((Authorized) outcome).paymentIntentId());
        assertThat(onStripe.getStatus()).isEqualTo("requires_capture");
        assertThat(onStripe.getCaptureMethod()).isEqualTo("manual");
        assertThat(onStripe.getMetadata()).containsEntry("bookingId", bookingId).containsEntry("studentId", STUDENT);
        assertThat(stripe.netCaptured(onStripe.getId())).isZero();
    }

    @Test
    void cardDeclinedWhenChargedIsADeclineNotAnError() {
        // pm_card_chargeCustomerFail is declined on charge by Stripe and the local server alike.
        PaymentOutcome outcome = gateway.authorize(bookingId, LESSON, "pm_card_chargeCustomerFail", STUDENT);

        assertThat(outcome).isEqualTo(new Declined("Your card was declined.", "generic_decline"));
    }

    @Test
    void aDeclineCarriesTheIssuersReasonAsStripeReportsIt() {
        PaymentOutcome outcome = gateway.authorize(bookingId, LESSON, "pm_card_visa_chargeDeclinedInsufficientFunds", STUDENT);

        assertThat(outcome).isEqualTo(new Declined("Your card has insufficient funds.", "insufficient_funds"));
    }

    @Test
    void aDeclinedAuthorizationLeavesNoHold() throws Exception {
        gateway.authorize(bookingId, LESSON, "pm_card_visa_chargeDeclined", STUDENT);

        assertThat(stripe.intentIdsOfBooking(bookingId)).singleElement()
                .satisfies(id -> assertThat(stripe.intent(id).getStatus()).isEqualTo("requires_payment_method"));
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
        assertThat(stripe.intent(intentId).getStatus()).isEqualTo("canceled");
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

        PaymentOutcome outcome = gateway.capture(bookingId, intentId, Money.of(3000, "usd"));

        assertThat(outcome).isEqualTo(new Captured(intentId, Money.of(3000, "usd")));
        assertThat(stripe.intent(intentId).getStatus()).isEqualTo("succeeded");
        assertThat(stripe.netCaptured(intentId)).isEqualTo(3000);
    }

    @Test
    void completingTheLessonCapturesTheFullAmount() throws Exception {
        String intentId = authorized();

        PaymentOutcome outcome = gateway.capture(bookingId, intentId, Money.of(6000, "usd"));

        assertThat(outcome).isEqualTo(new Captured(intentId, Money.of(6000, "usd")));
        assertThat(stripe.netCaptured(intentId)).isEqualTo(6000);
    }

    @Test
    void refundingACapturedPaymentReturnsTheMoney() throws Exception {
        String intentId = authorized();
        gateway.capture(bookingId, intentId, Money.of(6000, "usd"));

        PaymentOutcome outcome = gateway.refund(bookingId, intentId, Money.of(6000, "usd"));

        assertThat(outcome).isEqualTo(new Refunded(intentId, Money.of(6000, "usd")));
        assertThat(stripe.netCaptured(intentId)).isZero();
    }

    @Test
    void authorizingSavesTheCardToTheStudentsCustomer() throws Exception {
        Authorized held = (Authorized) gateway.authorize(bookingId, LESSON, "pm_card_visa", STUDENT);

        PaymentIntent onStripe = stripe.intent(held.paymentIntentId());
        assertThat(onStripe.getSetupFutureUsage()).isEqualTo("off_session");
        assertThat(held.customerId()).startsWith("cus_").isEqualTo(onStripe.getCustomer());
        assertThat(held.paymentMethodId()).as("the saved method's own id").startsWith("pm_").isNotEqualTo("pm_card_visa")
                .isEqualTo(onStripe.getPaymentMethod());
        Authorized another = (Authorized) gateway.authorize("bk-" + UUID.randomUUID(), LESSON, "pm_card_visa", STUDENT);
        assertThat(another.customerId()).as("one customer per student").isEqualTo(held.customerId());
        CardSaved saved = (CardSaved) gateway.saveCard("bk-" + UUID.randomUUID(), "pm_card_visa", STUDENT);
        assertThat(saved.customerId()).as("the deferred path's too").isEqualTo(held.customerId());
    }

    @Test
    void aMoveAuthorizesAnotherAmountOnTheCardSavedAtBookingAndReleasesTheOld() throws Exception {
        Authorized held = (Authorized) gateway.authorize(bookingId, LESSON, "pm_card_visa", STUDENT);

        PaymentOutcome outcome = gateway.authorizeSavedForMove(bookingId, 1, Money.of(9000, "usd"), held.customerId(),
                held.paymentMethodId());

        assertThat(outcome).isInstanceOf(Authorized.class);
        Authorized moved = (Authorized) outcome;
        assertThat(moved.paymentIntentId()).isNotEqualTo(held.paymentIntentId());
        assertThat(moved.amount()).isEqualTo(Money.of(9000, "usd"));
        assertThat(stripe.intent(moved.paymentIntentId()).getStatus()).isEqualTo("requires_capture");
        assertThat(gateway.authorizeSavedForMove(bookingId, 1, Money.of(9000, "usd"), held.customerId(),
                held.paymentMethodId())).as("the same move again finds it").isEqualTo(moved);
        assertThat(gateway.releaseReplaced(bookingId, held.paymentIntentId())).isEqualTo(new Released(held.paymentIntentId()));
        assertThat(stripe.intent(held.paymentIntentId()).getStatus()).isEqualTo("canceled");
        assertThat(gateway.release(bookingId, moved.paymentIntentId())).as("the booking's own release is apart")
                .isEqualTo(new Released(moved.paymentIntentId()));
        assertThat(stripe.intent(moved.paymentIntentId()).getStatus()).isEqualTo("canceled");
    }

    @Test
    void aMoveAskedAgainAfterItsAuthorizationWasReleasedIsAuthorizedAnew() throws Exception {
        Authorized held = (Authorized) gateway.authorize(bookingId, LESSON, "pm_card_visa", STUDENT);
        Authorized first = (Authorized) gateway.authorizeSavedForMove(bookingId, 1, Money.of(3000, "usd"),
                held.customerId(), held.paymentMethodId());
        gateway.releaseReplaced(bookingId, first.paymentIntentId()); // the move did not commit

        PaymentOutcome again = gateway.authorizeSavedForMove(bookingId, 1, Money.of(3000, "usd"), held.customerId(),
                held.paymentMethodId());

        assertThat(again).isInstanceOf(Authorized.class);
        String second = ((Authorized) again).paymentIntentId();
        assertThat(second).as("not the cancelled one Stripe replays under the first key").isNotEqualTo(first.paymentIntentId());
        assertThat(stripe.intent(second).getStatus()).isEqualTo("requires_capture");
        assertThat(gateway.authorizeSavedForMove(bookingId, 1, Money.of(3000, "usd"), held.customerId(),
                held.paymentMethodId())).as("and asked again, it finds that one").isEqualTo(again);
    }

    @Test
    void aCardUsedOnceWithoutACustomerCannotBeUsedAgainAsStripeSays() {
        Authorized held = (Authorized) gateway.authorizeSavedForMove(bookingId, 1, LESSON,
                ((Authorized) gateway.authorize(bookingId, LESSON, "pm_card_visa", STUDENT)).customerId(), "pm_card_visa");
        // The local server refuses a method used without a customer, as Stripe does: this one was not saved.
        assertThat(gateway.authorizeSavedForMove(bookingId, 2, LESSON, held.customerId(), held.paymentMethodId()))
                .isInstanceOf(Declined.class);
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
        PaymentIntent onStripe = stripe.intent(((Authorized) outcome).paymentIntentId());
        assertThat(onStripe.getStatus()).isEqualTo("requires_capture");
        assertThat(onStripe.getCustomer()).isEqualTo(card.customerId());
        assertThat(onStripe.getPaymentMethod()).isEqualTo(card.paymentMethodId());
    }

    @Test
    void savedCardIsChargedAtOnceForALateCancellationNeverAuthorized() throws Exception {
        CardSaved card = (CardSaved) gateway.saveCard(bookingId, "pm_card_visa", STUDENT);

        PaymentOutcome outcome = gateway.chargeSaved(bookingId, new Money(3000, "usd"), card.customerId(), card.paymentMethodId());

        assertThat(outcome).isInstanceOfSatisfying(Captured.class, captured -> assertThat(captured.amount()).isEqualTo(Money.of(3000, "usd")));
        String intentId = ((Captured) outcome).paymentIntentId();
        assertThat(stripe.intent(intentId).getStatus()).isEqualTo("succeeded");
        assertThat(stripe.netCaptured(intentId)).isEqualTo(3000);
    }

    @Test
    void cardThatCannotBeSavedIsDeclined() {
        // Stripe's generic-decline test card fails the SetupIntent; localstripe declines its attachment.
        PaymentOutcome outcome = gateway.saveCard(bookingId, "pm_card_visa_chargeDeclined", STUDENT);

        assertThat(outcome).isEqualTo(new Declined("Your card was declined.", "generic_decline"));
    }

    @Test
    void savedCardDeclinedOffSessionIsADecline() {
        // Attaches fine, fails every charge: the case the 24-hours-ahead authorization must survive.
        CardSaved card = (CardSaved) gateway.saveCard(bookingId, "pm_card_chargeCustomerFail", STUDENT);

        PaymentOutcome outcome = gateway.authorizeSaved(bookingId, LESSON, card.customerId(), card.paymentMethodId());

        assertThat(outcome).isEqualTo(new Declined("Your card was declined.", "generic_decline"));
    }

    @Test
    void aCapturedPaymentIsNotReportedReleased() throws Exception {
        String intentId = authorized();
        gateway.capture(bookingId, intentId, Money.of(6000, "usd"));

        PaymentOutcome outcome = gateway.release(bookingId, intentId);

        assertThat(outcome).isInstanceOf(Declined.class);
        assertThat(stripe.netCaptured(intentId)).isEqualTo(6000);
    }

    @Test
    void capturingAnIntentStripeDoesNotKnowIsRefused() {
        PaymentOutcome outcome = gateway.capture(bookingId, "pi_unknown", Money.of(6000, "usd"));

        assertThat(outcome).isEqualTo(new Declined("Stripe rejected the request (HTTP 404)"));
    }

    @Test
    void refundingPartOfAPartialCaptureReturnsThatPart() throws Exception {
        String intentId = authorized();
        gateway.capture(bookingId, intentId, Money.of(3000, "usd"));

        PaymentOutcome outcome = gateway.refund(bookingId, intentId, Money.of(1000, "usd"));

        assertThat(outcome).isEqualTo(new Refunded(intentId, Money.of(1000, "usd")));
        assertThat(stripe.netCaptured(intentId)).isEqualTo(2000);
    }

    private String authorized() {
        PaymentOutcome outcome = gateway.authorize(bookingId, LESSON, "pm_card_visa", STUDENT);
        assertThat(outcome).isInstanceOf(Authorized.class);
        return ((Authorized) outcome).paymentIntentId();
    }
}
