package dev.lessonbook.aws;

import dev.lessonbook.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * How every AWS client of Lessonbook is built: one HTTP client implementation
 * (url-connection), explicit region and credentials provider (no default-chain probing at cold
 * start), and an endpoint override for local emulators ({@code AWS_ENDPOINT_URL}).
 */
public final class AwsSettings {
    private AwsSettings() {}

    public static <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.region(region()).credentialsProvider(credentials());
        endpoint().ifPresent(builder::endpointOverride);
        return builder;
    }

    public static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(25))
                .build();
    }

    public static Region region() {
        return region(Env::optional);
    }

    /** {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION}, else us-east-1. */
    public static Region region(Function<String, Optional<String>> setting) {
        return Region.of(setting.apply("AWS_REGION")
                .or(() -> setting.apply("AWS_DEFAULT_REGION"))
                .orElse("us-east-1"));
    }

    public static Optional<URI> endpoint() {
        return endpoint(Env::optional);
    }

    public static Optional<URI> endpoint(Function<String, Optional<String>> setting) {
        return setting.apply("AWS_ENDPOINT_URL").map(URI::create);
    }

    public static AwsCredentialsProvider credentials() {
        return credentials(Env::optional);
    }

    /**
     * Lambda with SnapStart serves credentials from the container endpoint (environment
     * credentials would be stale after a restore); plain Lambda puts them in the environment;
     * a local emulator accepts any static pair. {@code setting} looks a configuration value up by
     * name, e.g. {@code Env::optional}.
     */
    public static AwsCredentialsProvider credentials(Function<String, Optional<String>> setting) {
        if (endpoint(setting).isPresent()) {
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
