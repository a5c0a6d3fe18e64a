package dev.lessonbook.payments.stripe;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;

/**
 * The Stripe secret key, read once from SSM Parameter Store (a SecureString named by
 * {@code STRIPE_SECRET_PARAMETER}) while a function initialises. The SSM client exists only for
 * that one read.
 */
public final class StripeSecret {
    public static final String PARAMETER_SETTING = "STRIPE_SECRET_PARAMETER";

    private StripeSecret() {}

    public static String fromParameterStore(Function<String, Optional<String>> setting) {
        String name = setting.apply(PARAMETER_SETTING)
                .orElseThrow(() -> new IllegalStateException("Missing configuration " + PARAMETER_SETTING));
        try (SsmClient ssm = ssmClient(setting)) {
            return ssm.getParameter(get -> get.name(name).withDecryption(true)).parameter().value();
        }
    }

    private static SsmClient ssmClient(Function<String, Optional<String>> setting) {
        Optional<URI> endpoint = setting.apply("AWS_ENDPOINT_URL").map(URI::create);
        SsmClientBuilder builder = SsmClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)))
                .region(Region.of(setting.apply("AWS_REGION")
                        .or(() -> setting.apply("AWS_DEFAULT_REGION"))
                        .orElse("us-east-1")))
                .credentialsProvider(credentials(setting, endpoint.isPresent()));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * Lambda with SnapStart serves credentials from the container endpoint (there are none in the
     * environment); plain Lambda puts them in the environment; a local emulator takes any pair.
     */
    private static AwsCredentialsProvider credentials(Function<String, Optional<String>> setting, boolean emulator) {
        if (emulator) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    setting.apply("AWS_ACCESS_KEY_ID").orElse("testing"),
                    setting.apply("AWS_SECRET_ACCESS_KEY").orElse("testing")));
        }
        if (setting.apply("AWS_CONTAINER_CREDENTIALS_FULL_URI").isPresent()) {
            return ContainerCredentialsProvider.create();
        }
        return EnvironmentVariableCredentialsProvider.create();
    }
}
