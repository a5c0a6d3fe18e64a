package dev.lessonbook.payments.stripe;

import dev.lessonbook.aws.AwsSettings;
import dev.lessonbook.aws.SignedAwsRequests;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The Stripe secret key, read once from SSM Parameter Store (a SecureString named by
 * {@code STRIPE_SECRET_PARAMETER}) while a function initialises: one signed GetParameter request
 * ({@link SignedAwsRequests}), not an SSM client, whose model jar alone is 5.3 MB.
 */
public final class StripeSecret {
    public static final String PARAMETER_SETTING = "STRIPE_SECRET_PARAMETER";

    private StripeSecret() {}

    /** {@code setting} looks a configuration value up by name, e.g. {@code Env::optional}. */
    public static String fromParameterStore(Function<String, Optional<String>> setting) {
        return fromParameterStore(setting, PARAMETER_SETTING);
    }

    /**
     * Another secret the same way: the SecureString named by the setting {@code parameterSetting}
     * (the webhook endpoint's signing secret: {@code STRIPE_WEBHOOK_SECRET_PARAMETER}).
     */
    public static String fromParameterStore(Function<String, Optional<String>> setting, String parameterSetting) {
        String name = setting.apply(parameterSetting)
                .orElseThrow(() -> new IllegalStateException("Missing configuration " + parameterSetting));
        try (SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5))
                .build()) {
            SignedAwsRequests ssm = new SignedAwsRequests(http, AwsSettings.credentials(setting),
                    AwsSettings.region(setting), AwsSettings.endpoint(setting));
            Map<String, Object> answer = ssm.awsJson("ssm", "AmazonSSM.GetParameter",
                    Map.of("Name", name, "WithDecryption", true));
            if (answer.get("Parameter") instanceof Map<?, ?> parameter && parameter.get("Value") instanceof String value) {
                return value;
            }
            throw new IllegalStateException("Parameter Store answered without a value for " + name);
        }
    }
}
