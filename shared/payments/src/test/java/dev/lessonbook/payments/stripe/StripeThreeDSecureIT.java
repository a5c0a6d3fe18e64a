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

        assertThat(gateway.afterAuthentication(bookingId, action.intentId(), LESSON)).isInstanceOfSatisfying(Authorized.class,
                held -> assertThat(new Authorized(held.paymentIntentId(), held.amount())).isEqualTo(new Authorized(action.intentId(), LESSON)));
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

    /**
     * Off-session (the scheduler's authorization 24 h before), a card that always asks for
     * authentication is refused with authentication_required, the intent left
     * requires_payment_method: that is the intent awaiting its customer, not a decline. Back on
     * session, reading it confirms it again with the same card, which asks for 3-D Secure; done,
     * it reads held.
     */
    @Test
    void anOffSessionAuthorizationThatNeedsAuthenticationAwaitsTheCustomerAndIsCompletedOnSession() throws Exception {
        CardSaved saved = savedWithAuthentication("pm_card_authenticationRequired");

        PaymentOutcome offSession = gateway.authorizeSaved(bookingId, LESSON, saved.customerId(), saved.paymentMethodId());

        assertThat(offSession).isInstanceOfSatisfying(RequiresAction.class, asked -> {
            assertThat(asked.intentId()).startsWith("pi_");
            assertThat(asked.customerId()).isEqualTo(saved.customerId());
        });
        String intentId = ((RequiresAction) offSession).intentId();
        assertThat(stripe.intent(intentId).getStatus()).isEqualTo("requires_payment_method");
        assertThat(stripe.intent(intentId).getLastPaymentError().getCode()).isEqualTo("authentication_required");
        assertThat(gateway.authorizeSaved(bookingId, LESSON, saved.customerId(), saved.paymentMethodId()))
                .as("the same key replays the same answer").isEqualTo(offSession);

        PaymentOutcome onSession = gateway.afterAuthentication(bookingId, intentId, LESSON);
        assertThat(onSession).isInstanceOfSatisfying(RequiresAction.class, asked ->
                assertThat(asked.clientSecret()).startsWith(intentId + "_secret_"));
        assertThat(stripe.intent(intentId).getStatus()).isEqualTo("requires_action");
        assertThat(gateway.afterAuthentication(bookingId, intentId, LESSON)).as("asked again: still waiting")
                .isInstanceOf(RequiresAction.class);

        authenticate("payment_intents", (RequiresAction) onSession, true);

        assertThat(gateway.afterAuthentication(bookingId, intentId, LESSON)).isInstanceOfSatisfying(Authorized.class, held -> {
            assertThat(held.paymentIntentId()).isEqualTo(intentId);
            assertThat(held.amount()).isEqualTo(LESSON);
        });
    }

    /** "Authenticate unless set up" (4000002500003155): once saved with its authentication, off-session goes through. */
    @Test
    void aCardAuthenticatedWhenSavedIsAuthorizedOffSessionWithoutAskingAgain() throws Exception {
        CardSaved saved = savedWithAuthentication("pm_card_authenticationRequiredOnSetup");

        assertThat(gateway.authorizeSaved(bookingId, LESSON, saved.customerId(), saved.paymentMethodId()))
                .isInstanceOf(Authorized.class);
    }

    private CardSaved savedWithAuthentication(String card) throws Exception {
        RequiresAction saving = (RequiresAction) gateway.saveCard(bookingId, card, "s-" + bookingId);
        authenticate("setup_intents", saving, true);
        return (CardSaved) gateway.afterAuthentication(bookingId, saving.intentId(), LESSON);
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
