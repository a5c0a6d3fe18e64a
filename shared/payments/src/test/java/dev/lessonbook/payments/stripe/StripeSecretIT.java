package dev.lessonbook.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lessonbook.aws.SignedAwsRequests;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.PaymentOutcome.Authorized;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** The secret key comes from a SecureString in Parameter Store (moto here), read once at init. */
@ExtendWith(LocalServersExtension.class)
class StripeSecretIT {

    @Test
    void secretKeyIsReadDecryptedFromParameterStore(LocalServers.Endpoints endpoints) {
        String parameter = storedSecret(endpoints, "sk_test_from_parameter_store");

        String secret = StripeSecret.fromParameterStore(settings(Map.of(
                "STRIPE_SECRET_PARAMETER", parameter,
                "AWS_ENDPOINT_URL", endpoints.aws().toString(),
                "AWS_REGION", endpoints.region())));

        assertThat(secret).isEqualTo("sk_test_from_parameter_store");
    }

    @Test
    void functionWithoutTheSecretParameterFailsAtInit() {
        assertThatThrownBy(() -> StripeSecret.fromParameterStore(settings(Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("STRIPE_SECRET_PARAMETER");
    }

    @Test
    void aParameterThatDoesNotExistFailsInitWithParameterStoresErrorCode(LocalServers.Endpoints endpoints) {
        assertThatThrownBy(() -> StripeSecret.fromParameterStore(settings(Map.of(
                "STRIPE_SECRET_PARAMETER", "/lessonbook/test/" + UUID.randomUUID() + "/missing",
                "AWS_ENDPOINT_URL", endpoints.aws().toString(),
                "AWS_REGION", endpoints.region()))))
                .isInstanceOf(SignedAwsRequests.ErrorAnswer.class)
                .hasMessage("ssm answered HTTP 400 ParameterNotFound");
    }

    @Test
    void gatewayFromConfigurationAuthorizesWithTheStoredKey(LocalServers.Endpoints endpoints) {
        String parameter = storedSecret(endpoints, LocalServers.STRIPE_TEST_KEY);

        StripePaymentGateway gateway = StripePaymentGateway.fromConfiguration(settings(Map.of(
                "STRIPE_SECRET_PARAMETER", parameter,
                "STRIPE_API_BASE", endpoints.stripe().toString(),
                "AWS_ENDPOINT_URL", endpoints.aws().toString(),
                "AWS_REGION", endpoints.region())));

        assertThat(gateway.authorize("bk-" + UUID.randomUUID(), new Money(6000, "usd"), "pm_card_visa", "student-1"))
                .isInstanceOf(Authorized.class);
    }

    static String storedSecret(LocalServers.Endpoints endpoints, String value) {
        return storedSecret(endpoints, "/lessonbook/test/" + UUID.randomUUID() + "/stripe-secret-key", value);
    }

    /** Stores (or replaces: a rotation) {@code value} as the SecureString {@code name}. */
    static String storedSecret(LocalServers.Endpoints endpoints, String name, String value) {
        try (SsmClient ssm = SsmClient.builder()
                .endpointOverride(endpoints.aws())
                .region(Region.of(endpoints.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalServers.ACCESS_KEY, LocalServers.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            ssm.putParameter(put -> put.name(name).value(value).type(ParameterType.SECURE_STRING).overwrite(true));
        }
        return name;
    }

    static Function<String, Optional<String>> settings(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }
}
