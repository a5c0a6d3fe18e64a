package dev.lessonbook.dynamodb;

import dev.lessonbook.aws.AwsSettings;
import dev.lessonbook.emulators.LocalServers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Points functions at the local servers the way the local runtime and Lambda configure them:
 * through the settings {@link dev.lessonbook.config.Env} reads (system properties here). Call it
 * before the handler class is initialised, since handlers build their clients once, in static init.
 */
public final class FunctionEnvironment {
    private FunctionEnvironment() {}

    /** A fresh table, and every function setting pointing at it and at the emulators. */
    public static Tables prepare(LocalServers.Endpoints endpoints) {
        Tables tables = TestTable.create(endpoints);
        System.setProperty("AWS_ENDPOINT_URL", endpoints.aws().toString());
        System.setProperty("AWS_REGION", endpoints.region());
        System.setProperty("AWS_ACCESS_KEY_ID", LocalServers.ACCESS_KEY);
        System.setProperty("AWS_SECRET_ACCESS_KEY", LocalServers.SECRET_KEY);
        System.setProperty("STRIPE_API_BASE", endpoints.stripe().toString());
        System.setProperty("TABLE_NAME", tables.tableName());
        return tables;
    }

    /**
     * Stores the local Stripe test key as a SecureString under {@code parameterName} on the
     * emulator's Parameter Store and points STRIPE_SECRET_PARAMETER at it, as the functions that
     * call Stripe read their key at init.
     */
    public static void storeStripeSecret(LocalServers.Endpoints endpoints, String parameterName) {
        storeSecureString(endpoints, parameterName, LocalServers.STRIPE_TEST_KEY);
        System.setProperty("STRIPE_SECRET_PARAMETER", parameterName);
    }

    /**
     * Stores a Stripe webhook endpoint's signing secret under {@code parameterName} and points
     * STRIPE_WEBHOOK_SECRET_PARAMETER at it, as the webhook function reads it at init.
     */
    public static void storeStripeWebhookSecret(LocalServers.Endpoints endpoints, String parameterName, String secret) {
        storeSecureString(endpoints, parameterName, secret);
        System.setProperty("STRIPE_WEBHOOK_SECRET_PARAMETER", parameterName);
    }

    private static void storeSecureString(LocalServers.Endpoints endpoints, String parameterName, String value) {
        try (SsmClient ssm = SsmClient.builder().endpointOverride(endpoints.aws()).region(Region.of(endpoints.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalServers.ACCESS_KEY, LocalServers.SECRET_KEY)))
                .httpClient(AwsSettings.httpClient())
                .build()) {
            ssm.putParameter(put -> put.name(parameterName).type(ParameterType.SECURE_STRING)
                    .value(value).overwrite(true));
        }
    }
}
