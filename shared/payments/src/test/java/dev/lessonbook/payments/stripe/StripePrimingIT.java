package dev.lessonbook.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.aws.priming.Primer;
import dev.lessonbook.emulators.FaultProxy;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's SnapStart hooks: priming runs every operation without one request to Stripe, and
 * the init Lambda snapshots holds no key — the key is read from Parameter Store after each restore.
 */
@ExtendWith(LocalServersExtension.class)
class StripePrimingIT {

    @Test
    void primingRunsEveryOperationWithoutCallingStripe(LocalServers.Endpoints endpoints) throws Exception {
        try (FaultProxy stripe = FaultProxy.inFrontOf(endpoints.stripe());
             FaultProxy.Injected everyCall = stripe.inject(request -> true, new FaultProxy.Fault.Drop())) {
            StripePaymentGateway gateway = new StripePaymentGateway(LocalServers.STRIPE_TEST_KEY, stripe.endpoint(),
                    StripePaymentGateway.DEFAULT_CONNECT_TIMEOUT, StripePaymentGateway.DEFAULT_READ_TIMEOUT);

            gateway.primer().prime();

            assertThat(everyCall.hits()).as("requests that reached Stripe's side").isZero();
        }
    }

    @Test
    void theCannedAnswersArePrimedThroughTheSamePathsAsStripesOwn() {
        StripePaymentGateway gateway = new StripePaymentGateway(LocalServers.STRIPE_TEST_KEY, StripePaymentGateway.DEFAULT_API_BASE,
                StripePaymentGateway.DEFAULT_CONNECT_TIMEOUT, StripePaymentGateway.DEFAULT_READ_TIMEOUT);

        List<PaymentOutcome> outcomes = gateway.primeOperations();

        Money lesson = Money.of(6000, "usd");
        assertThat(outcomes).containsExactly(
                new Authorized("pi_priming", lesson, null, "pm_priming"),
                new Declined("Your card was declined.", "generic_decline"),
                new CardSaved("cus_priming", "pm_priming"),
                new Authorized("pi_priming", lesson, null, "pm_priming"),
                new Authorized("pi_priming", lesson, null, "pm_priming"),
                new Declined("The payment was not completed (status requires_capture)."),
                new Captured("pi_priming", lesson),
                new Released("pi_priming"),
                new Released("pi_priming"),
                new Refunded("pi_priming", lesson),
                new Released("pi_priming"),
                new CardSaved("cus_priming", "pm_priming"),
                new Released("seti_priming"));
    }

    @Test
    void theInitLambdaSnapshotsReadsNoKeyAndEachRestoreReadsTheCurrentOne(LocalServers.Endpoints endpoints) throws Exception {
        String parameter = StripeSecretIT.storedSecret(endpoints, "sk_test_rotated_away_before_the_restore");
        StripePaymentGateway gateway = StripePaymentGateway.fromConfiguration(StripeSecretIT.settings(Map.of(
                "AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start",
                "STRIPE_SECRET_PARAMETER", parameter,
                "STRIPE_API_BASE", endpoints.stripe().toString(),
                "AWS_ENDPOINT_URL", endpoints.aws().toString(),
                "AWS_REGION", endpoints.region())));
        Primer hooks = gateway.primer();
        hooks.prime();
        assertThat(gateway.secretKeyInUse()).isEqualTo(StripePaymentGateway.NOT_READ_BEFORE_SNAPSHOT);

        StripeSecretIT.storedSecret(endpoints, parameter, LocalServers.STRIPE_TEST_KEY); // rotated after the snapshot
        hooks.afterRestore();

        assertThat(gateway.secretKeyInUse()).isEqualTo(LocalServers.STRIPE_TEST_KEY);
        assertThat(gateway.authorize("bk-" + UUID.randomUUID(), Money.of(6000, "usd"), "pm_card_visa", "student-1"))
                .isInstanceOf(Authorized.class);
    }

    @Test
    void anInitLambdaDoesNotSnapshotReadsTheKeyAtOnce(LocalServers.Endpoints endpoints) {
        String parameter = StripeSecretIT.storedSecret(endpoints, LocalServers.STRIPE_TEST_KEY);

        StripePaymentGateway gateway = StripePaymentGateway.fromConfiguration(StripeSecretIT.settings(Map.of(
                "STRIPE_SECRET_PARAMETER", parameter,
                "STRIPE_API_BASE", endpoints.stripe().toString(),
                "AWS_ENDPOINT_URL", endpoints.aws().toString(),
                "AWS_REGION", endpoints.region())));

        assertThat(gateway.secretKeyInUse()).isEqualTo(LocalServers.STRIPE_TEST_KEY);
    }
}
