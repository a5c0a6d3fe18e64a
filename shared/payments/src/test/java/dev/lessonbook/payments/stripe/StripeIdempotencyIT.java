package dev.lessonbook.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lessonbook.emulators.FaultProxy;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.PaymentOutcome.Authorized;
import dev.lessonbook.payment.PaymentOutcome.Captured;
import dev.lessonbook.payment.PaymentOutcome.CardSaved;
import dev.lessonbook.payment.PaymentOutcome.Declined;
import dev.lessonbook.payment.PaymentOutcome.ProviderUnavailable;
import dev.lessonbook.payment.PaymentOutcome.Released;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payments.stripe.StripeNetwork.Seen;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retries never move money twice: the adapter sends one key per booking and operation, with
 * parameters derived from the booking, and Stripe (the local server, which replays keys as Stripe
 * documents) answers a repeated key with its first result — a repeated call, stripe-java's retry
 * after a lost answer, and the scheduler's look-up of an authorization whose answer never came.
 */
@ExtendWith(LocalServersExtension.class)
class StripeIdempotencyIT {
    private static final Money LESSON = new Money(6000, "usd");

    private LocalServers.Endpoints servers;
    private StripeNetwork network;
    private StripeSide stripe;
    private String bookingId;

    @BeforeEach
    void connect(LocalServers.Endpoints endpoints) {
        servers = endpoints;
        network = StripeNetwork.to(endpoints.stripe());
        stripe = new StripeSide(endpoints.stripe());
        bookingId = "bk-" + UUID.randomUUID();
    }

    @AfterEach
    void disconnect() {
        network.close();
    }

    @Test
    void authorizingTwiceForOneBookingYieldsTheSameIntent() throws Exception {
        StripePaymentGateway gateway = gateway(StripePaymentGateway.DEFAULT_READ_TIMEOUT);

        PaymentOutcome first = gateway.authorize(bookingId, LESSON, "pm_card_visa", "student-1");
        PaymentOutcome second = gateway.authorize(bookingId, LESSON, "pm_card_visa", "student-1");

        assertThat(first).isInstanceOf(Authorized.class).isEqualTo(second);
        assertThat(stripe.intentIdsOfBooking(bookingId)).containsExactly(((Authorized) first).paymentIntentId());
        assertThat(intentRequests()).extracting(Seen::idempotencyKey, Seen::replayed).containsExactly(
                tuple("lessonbook-" + bookingId + "-authorize", false),
                tuple("lessonbook-" + bookingId + "-authorize", true));
    }

    @Test
    void aDeclineRepeatedUnderTheSameKeyIsTheSameDecline() throws Exception {
        StripePaymentGateway gateway = gateway(StripePaymentGateway.DEFAULT_READ_TIMEOUT);

        PaymentOutcome first = gateway.authorize(bookingId, LESSON, "pm_card_visa_chargeDeclined", "student-1");
        PaymentOutcome second = gateway.authorize(bookingId, LESSON, "pm_card_visa_chargeDeclined", "student-1");

        assertThat(first).isEqualTo(new Declined("Your card was declined.", "generic_decline")).isEqualTo(second);
        assertThat(intentRequests()).extracting(Seen::status, Seen::replayed).containsExactly(
                tuple(402, false), tuple(402, true));
        assertThat(stripe.intentIdsOfBooking(bookingId)).hasSize(1);
    }

    @Test
    void answerLostToATimeoutIsRetriedWithTheSameKeyAndCreatesOneIntent() throws Exception {
        network.loseFirstAnswers();
        StripePaymentGateway gateway = gateway(Duration.ofMillis(500));

        PaymentOutcome outcome = gateway.authorize(bookingId, LESSON, "pm_card_visa", "student-1");

        assertThat(outcome).isInstanceOf(Authorized.class);
        assertThat(stripe.intentIdsOfBooking(bookingId)).containsExactly(((Authorized) outcome).paymentIntentId());
        assertThat(intentRequests()).extracting(Seen::replayed).containsExactly(false, true);
    }

    /** The requests for PaymentIntents: an authorization first finds or makes the student's customer. */
    private List<Seen> intentRequests() {
        return network.requests().stream().filter(seen -> seen.path().startsWith("/v1/payment_intents")).toList();
    }

    /**
     * The scheduler's way to an authorization whose answer never came (ReleasingAuthorizations):
     * Stripe froze, stripe-java gave up, Stripe then made the intent; the same call under the
     * booking's key finds it, and it can be released.
     */
    @Test
    void authorizingAgainUnderTheBookingsKeyFindsTheIntentStripeMadeAfterTheCallerGaveUp() throws Exception {
        try (FaultProxy frozen = FaultProxy.inFrontOf(servers.stripe())) {
            StripePaymentGateway gateway = new StripePaymentGateway(LocalServers.STRIPE_TEST_KEY, frozen.endpoint(),
                    Duration.ofMillis(500), Duration.ofMillis(300));
            try (FaultProxy.Injected stall = frozen.inject(request -> request.path().startsWith("/v1/payment_intents"),
                    new FaultProxy.Fault.Stall())) {
                assertThat(gateway.authorize(bookingId, LESSON, "pm_card_visa", "student-1"))
                        .isInstanceOf(ProviderUnavailable.class);
                assertThat(stall.hits()).as("first try and two retries, all held").isEqualTo(3);
            }
            awaitIntents(bookingId);

            PaymentOutcome found = gateway.authorize(bookingId, LESSON, "pm_card_visa", "student-1");

            assertThat(found).isInstanceOf(Authorized.class);
            String intentId = ((Authorized) found).paymentIntentId();
            assertThat(stripe.intentIdsOfBooking(bookingId)).containsExactly(intentId);
            assertThat(gateway.release(bookingId, intentId)).isEqualTo(new Released(intentId));
            assertThat(stripe.intent(intentId).getStatus()).isEqualTo("canceled");
        }
    }

    @Test
    void capturingAgainWithAnotherAmountMovesNoMoreMoney() throws Exception {
        StripePaymentGateway gateway = gateway(StripePaymentGateway.DEFAULT_READ_TIMEOUT);
        String intentId = ((Authorized) gateway.authorize(bookingId, LESSON, "pm_card_visa", "student-1")).paymentIntentId();
        assertThat(gateway.capture(bookingId, intentId, Money.of(3000, "usd"))).isEqualTo(new Captured(intentId, Money.of(3000, "usd")));

        PaymentOutcome again = gateway.capture(bookingId, intentId, Money.of(6000, "usd"));

        // Unknown, not declined: a caller must not record a settled state over what the first call did.
        assertThat(again).isEqualTo(new ProviderUnavailable(
                "Stripe refused a reused idempotency key (idempotency_error); the outcome is unknown"));
        assertThat(stripe.netCaptured(intentId)).isEqualTo(3000);
    }

    @Test
    void everyCallCarriesAKeyNamedForTheBookingAndTheOperation() {
        StripePaymentGateway gateway = gateway(StripePaymentGateway.DEFAULT_READ_TIMEOUT);
        String heldThenRefunded = bookingId + "-a";
        String savedThenReleased = bookingId + "-b";
        String savedThenCharged = bookingId + "-c";

        String intent = ((Authorized) gateway.authorize(heldThenRefunded, LESSON, "pm_card_visa", "student-1")).paymentIntentId();
        gateway.capture(heldThenRefunded, intent, Money.of(6000, "usd"));
        gateway.refund(heldThenRefunded, intent, Money.of(6000, "usd"));
        CardSaved card = (CardSaved) gateway.saveCard(savedThenReleased, "pm_card_visa", "student-1");
        String savedIntent = ((Authorized) gateway.authorizeSaved(savedThenReleased, LESSON, card.customerId(), card.paymentMethodId()))
                .paymentIntentId();
        gateway.release(savedThenReleased, savedIntent);
        CardSaved other = (CardSaved) gateway.saveCard(savedThenCharged, "pm_card_visa", "student-1");
        gateway.chargeSaved(savedThenCharged, LESSON, other.customerId(), other.paymentMethodId());

        assertThat(network.requests()).filteredOn(seen -> seen.method().equals("POST"))
                .extracting(Seen::idempotencyKey).containsExactly(
                        "lessonbook-student-student-1-customer",
                        "lessonbook-" + heldThenRefunded + "-authorize",
                        "lessonbook-" + heldThenRefunded + "-capture",
                        "lessonbook-" + heldThenRefunded + "-refund",
                        "lessonbook-student-student-1-customer",
                        "lessonbook-" + savedThenReleased + "-setup",
                        "lessonbook-" + savedThenReleased + "-setup-confirm",
                        "lessonbook-" + savedThenReleased + "-authorize-saved",
                        "lessonbook-" + savedThenReleased + "-release",
                        "lessonbook-student-student-1-customer",
                        "lessonbook-" + savedThenCharged + "-setup",
                        "lessonbook-" + savedThenCharged + "-setup-confirm",
                        "lessonbook-" + savedThenCharged + "-charge-saved");
        assertThat(network.requests()).as("nothing else, and no read").extracting(Seen::method).containsOnly("POST");
    }

    /** Stripe performs the held requests once the stall clears: the first makes the intent, the others replay it. */
    private void awaitIntents(String booking) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (stripe.intentIdsOfBooking(booking).isEmpty()) {
            assertThat(Instant.now()).as("Stripe made the held authorization").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private StripePaymentGateway gateway(Duration readTimeout) {
        return new StripePaymentGateway(LocalServers.STRIPE_TEST_KEY, network.endpoint(),
                StripePaymentGateway.DEFAULT_CONNECT_TIMEOUT, readTimeout);
    }
}
