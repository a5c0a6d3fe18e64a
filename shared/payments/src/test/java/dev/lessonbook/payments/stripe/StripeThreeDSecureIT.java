package dev.lessonbook.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.PaymentOutcome;
import dev.lessonbook.payment.PaymentOutcome.Authorized;
import dev.lessonbook.payment.PaymentOutcome.CardSaved;
import dev.lessonbook.payment.PaymentOutcome.Declined;
import dev.lessonbook.payment.PaymentOutcome.Released;
import dev.lessonbook.payment.PaymentOutcome.RequiresAction;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The adapter's 3-D Secure calls against localstripe: Stripe's documented test ids ask for
 * authentication, the customer's part is played with localstripe's {@code _authenticate} (our
 * wrapper's, for a SetupIntent), and the intent is read back and cancelled through stripe-java.
 */
@ExtendWith(LocalServersExtension.class)
class StripeThreeDSecureIT {
    private static final Money LESSON = new Money(6000, "usd");

    private StripePaymentGateway gateway;
    private StripeSide stripe;
    private URI apiBase;
    private String bookingId;

    @BeforeEach
    void connect(LocalServers.Endpoints endpoints) {
        apiBase = endpoints.stripe();
        gateway = new StripePaymentGateway(LocalServers.STRIPE_TEST_KEY, apiBase,
                StripePaymentGateway.DEFAULT_CONNECT_TIMEOUT, StripePaymentGateway.DEFAULT_READ_TIMEOUT);
        stripe = new StripeSide(apiBase);
        bookingId = "bk-" + UUID.randomUUID();
    }

    @Test
    void bothOfStripesAuthenticationTestIdsAskTheCustomerWithTheIntentsClientSecret() throws Exception {
        for (String card : new String[] {"pm_card_authenticationRequired", "pm_card_threeDSecure2Required"}) {
            PaymentOutcome outcome = gateway.authorize(bookingId + card, LESSON, card, "student-1");

            assertThat(outcome).isInstanceOfSatisfying(RequiresAction.class, action -> {
                assertThat(action.intentId()).startsWith("pi_");
                assertThat(action.clientSecret()).startsWith(action.intentId() + "_secret_");
                assertThat(action.toString()).doesNotContain(action.clientSecret());
            });
            assertThat(stripe.intent(((RequiresAction) outcome).intentId()).getStatus()).isEqualTo("requires_action");
        }
    }

    @Test
    void afterTheCustomerAuthenticatedTheIntentReadsHeld() throws Exception {
        RequiresAction action = (RequiresAction) gateway.authorize(bookingId, LESSON, "pm_card_authenticationRequired", "s");
        assertThat(gateway.afterAuthentication(bookingId, action.intentId(), LESSON)).isInstanceOf(RequiresAction.class);

        authenticate("payment_intents", action, true);

        // Held, with the card saved to the student's Customer (setup_future_usage) under an id of its own.
        Authorized held = (Authorized) gateway.afterAuthentication(bookingId, action.intentId(), LESSON);
        assertThat(held.paymentIntentId()).isEqualTo(action.intentId());
        assertThat(held.amount()).isEqualTo(LESSON);
        assertThat(held.customerId()).startsWith("cus_");
        assertThat(held.paymentMethodId()).startsWith("pm_").isNotEqualTo("pm_card_authenticationRequired");
        assertThat(stripe.intent(action.intentId()).getAmountCapturable()).isEqualTo(6000L);
    }

    @Test
    void aFailedAuthenticationReadsDeclinedAndTheIntentCanBeCancelled() throws Exception {
        RequiresAction action = (RequiresAction) gateway.authorize(bookingId, LESSON, "pm_card_authenticationRequired", "s");
        authenticate("payment_intents", action, false);

        assertThat(gateway.afterAuthentication(bookingId, action.intentId(), LESSON)).isInstanceOf(Declined.class);
        assertThat(gateway.release(bookingId, action.intentId())).isEqualTo(new Released(action.intentId()));
        assertThat(gateway.afterAuthentication(bookingId, action.intentId(), LESSON)).isEqualTo(new Released(action.intentId()));
    }

    @Test
    void aCardSavedForLaterIsAuthenticatedOnItsSetupIntentAndCancelledIfNeverAnswered() throws Exception {
        PaymentOutcome saving = gateway.saveCard(bookingId, "pm_card_authenticationRequired", "s");
        assertThat(saving).isInstanceOfSatisfying(RequiresAction.class, action -> {
            assertThat(action.intentId()).startsWith("seti_");
            assertThat(action.customerId()).startsWith("cus_");
        });
        RequiresAction action = (RequiresAction) saving;

        authenticate("setup_intents", action, true);

        assertThat(gateway.afterAuthentication(bookingId, action.intentId(), LESSON))
                .isInstanceOfSatisfying(CardSaved.class, saved -> assertThat(saved.customerId()).isEqualTo(action.customerId()));

        RequiresAction other = (RequiresAction) gateway.saveCard(bookingId + "-2", "pm_card_threeDSecure2Required", "s");
        assertThat(gateway.release(bookingId + "-2", other.intentId())).isEqualTo(new Released(other.intentId()));
        assertThat(gateway.afterAuthentication(bookingId + "-2", other.intentId(), LESSON)).isEqualTo(new Released(other.intentId()));
    }

    /** The customer's browser (Stripe.js) completing 3-D Secure, as localstripe offers it. */
    private void authenticate(String collection, RequiresAction action, boolean success) throws Exception {
        String form = "client_secret=" + URLEncoder.encode(action.clientSecret(), StandardCharsets.UTF_8) + "&success=" + success;
        HttpResponse<String> done = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(apiBase + "/v1/" + collection + "/" + action.intentId() + "/_authenticate"))
                .header("Authorization", "Bearer " + LocalServers.STRIPE_TEST_KEY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    }
}
