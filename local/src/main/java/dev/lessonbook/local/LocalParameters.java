package dev.lessonbook.local;

import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.local.provision.Provisioner;
import dev.lessonbook.local.template.Intrinsics;
import dev.lessonbook.local.template.Template;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the local runtime knows about Lessonbook's template parameters beyond their defaults:
 * which ones it overrides (the JWT issuer and audience become the local issuer's, the webhook
 * subscription cache is off), which name
 * the SSM parameter holding the Stripe key and the SES sender to create, and the platform
 * configuration Lambda's environment would carry.
 */
final class LocalParameters {
    static final String JWT_ISSUER = "JwtIssuer";
    static final String JWT_AUDIENCE = "JwtAudience";
    static final String ROLE_CLAIM = "RoleClaim";
    static final String EMAIL_CLAIM = "EmailClaim";
    static final String STRIPE_SECRET_PARAMETER = "StripeSecretParameter";
    static final String STRIPE_WEBHOOK_SECRET_PARAMETER = "StripeWebhookSecretParameter";
    /** The webhook signing secret to use instead of a generated one, so a test can sign its own events. */
    static final String WEBHOOK_SECRET_VARIABLE = "LESSONBOOK_LOCAL_STRIPE_WEBHOOK_SECRET";
    static final String NOTIFICATION_SENDER = "NotificationSender";
    /** Overridden to 0 (docs/decisions.md, "Subscription list cache"). */
    static final String WEBHOOK_SUBSCRIPTION_CACHE_SECONDS = "WebhookSubscriptionCacheSeconds";
    /** The name ReceiverUrlPolicy.LOOPBACK_SETTING reads; local's classes do not see the webhooks module. */
    static final String WEBHOOK_LOOPBACK_RECEIVERS = "WEBHOOK_LOOPBACK_RECEIVERS";

    private LocalParameters() {}

    static Map<String, String> overrides(String issuerUrl, String audience) {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put(JWT_ISSUER, issuerUrl);
        overrides.put(JWT_AUDIENCE, audience);
        // A subscription made locally receives the very next event (deployed: within the cache's TTL).
        overrides.put(WEBHOOK_SUBSCRIPTION_CACHE_SECONDS, "0");
        return overrides;
    }

    static String roleClaim(Template template, Intrinsics intrinsics) {
        return parameter(template, intrinsics, ROLE_CLAIM).orElse("role");
    }

    static String emailClaim(Template template, Intrinsics intrinsics) {
        return parameter(template, intrinsics, EMAIL_CLAIM).orElse("email");
    }

    static Provisioner.Extras extras(Template template, Intrinsics intrinsics) {
        Map<String, String> secureParameters = new LinkedHashMap<>();
        parameter(template, intrinsics, STRIPE_SECRET_PARAMETER)
                .ifPresent(name -> secureParameters.put(name, LocalServers.STRIPE_TEST_KEY));
        parameter(template, intrinsics, STRIPE_WEBHOOK_SECRET_PARAMETER)
                .ifPresent(name -> secureParameters.put(name, webhookSecret(System::getenv)));
        List<String> identities = new ArrayList<>();
        parameter(template, intrinsics, NOTIFICATION_SENDER).filter(sender -> !sender.isBlank()).ifPresent(identities::add);
        return new Provisioner.Extras(secureParameters, identities);
    }

    /** The webhook signing secret {@code extras} gives the function, if the template has the parameter. */
    static Optional<String> webhookSecretIn(Provisioner.Extras extras, Template template, Intrinsics intrinsics) {
        return parameter(template, intrinsics, STRIPE_WEBHOOK_SECRET_PARAMETER).map(name -> extras.secureParameters().get(name));
    }

    /**
     * Endpoints, region and credentials under the names of Lambda's environment variables (read by
     * the functions through Env) and under the AWS SDK's own system properties, so a client built
     * with the SDK's defaults also reaches the emulator.
     */
    static Map<String, String> platform(Template template, Intrinsics intrinsics, LocalServers.Endpoints endpoints) {
        Map<String, String> platform = new LinkedHashMap<>();
        platform.put("AWS_ENDPOINT_URL", endpoints.aws().toString());
        platform.put("AWS_REGION", endpoints.region());
        platform.put("AWS_DEFAULT_REGION", endpoints.region());
        platform.put("AWS_ACCESS_KEY_ID", LocalServers.ACCESS_KEY);
        platform.put("AWS_SECRET_ACCESS_KEY", LocalServers.SECRET_KEY);
        platform.put("aws.endpointUrl", endpoints.aws().toString());
        platform.put("aws.region", endpoints.region());
        platform.put("aws.accessKeyId", LocalServers.ACCESS_KEY);
        platform.put("aws.secretAccessKey", LocalServers.SECRET_KEY);
        platform.put("STRIPE_API_BASE", endpoints.stripe().toString());
        parameter(template, intrinsics, STRIPE_SECRET_PARAMETER).ifPresent(name -> platform.put("STRIPE_SECRET_PARAMETER", name));
        // A developer's or a test's webhook receiver on http://127.0.0.1:<port> (ReceiverUrlPolicy);
        // template.yaml never sets it, so deployed functions send to public https URLs only.
        platform.put(WEBHOOK_LOOPBACK_RECEIVERS, "allowed");
        return platform;
    }

    /**
     * The Stripe webhook endpoint's signing secret: {@value #WEBHOOK_SECRET_VARIABLE} when set, else a
     * fresh one in Stripe's format ({@code whsec_} and random characters) for this run.
     */
    static String webhookSecret(Function<String, String> environment) {
        String given = environment.apply(WEBHOOK_SECRET_VARIABLE);
        if (given != null && !given.isBlank()) {
            return given;
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return "whsec_" + HexFormat.of().formatHex(random);
    }

    private static Optional<String> parameter(Template template, Intrinsics intrinsics, String name) {
        if (!template.parameters().containsKey(name)) {
            return Optional.empty();
        }
        return Optional.of(intrinsics.resolveText(Map.of("Ref", name)));
    }
}
