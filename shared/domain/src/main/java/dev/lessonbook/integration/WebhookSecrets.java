package dev.lessonbook.integration;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Fresh subscription ids and signing secrets. Each call draws from a new {@link SecureRandom}, so
 * nothing random is held from class initialisation (a SnapStart snapshot would share it).
 */
public final class WebhookSecrets {
    private WebhookSecrets() {}

    /** {@code wh_} and 24 hex digits: an id (docs/spec.md §9). */
    public static String newSubscriptionId() {
        return "wh_" + hex(12);
    }

    /** {@code whsec_} and 64 hex digits: 256 bits, the HMAC-SHA256 key length. */
    public static String newSecret() {
        return "whsec_" + hex(32);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
