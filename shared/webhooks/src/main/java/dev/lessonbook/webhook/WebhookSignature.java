package dev.lessonbook.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Lessonbook-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}.
 * While a rotated secret still signs (its 24 h overlap), the header carries one {@code v1} per
 * secret, so a receiver that knows either one verifies; the timestamp lets it refuse replays.
 */
public final class WebhookSignature {
    public static final String HEADER = "Lessonbook-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {}

    /** The header value for {@code body} sent at {@code at}, signed with every secret that still signs. */
    public static String header(Instant at, String body, List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("A delivery is signed with at least one secret");
        }
        long t = at.getEpochSecond();
        StringBuilder header = new StringBuilder("t=").append(t);
        for (String secret : secrets) {
            header.append(",v1=").append(v1(t, body, secret));
        }
        return header.toString();
    }

    /**
     * What a receiver does: true when one {@code v1} of the header is the HMAC of its timestamp
     * and the body under {@code secret}. Compared in constant time.
     */
    public static boolean verifies(String header, String body, String secret) {
        Long t = null;
        List<String> signatures = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                return false;
            }
            String key = part.substring(0, equals).trim();
            String value = part.substring(equals + 1).trim();
            if (key.equals("t")) {
                try {
                    t = Long.parseLong(value);
                } catch (NumberFormatException notANumber) {
                    return false;
                }
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (t == null) {
            return false;
        }
        byte[] expected = v1(t, body, secret).getBytes(StandardCharsets.US_ASCII);
        return signatures.stream().anyMatch(given ->
                MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String v1(long t, String body, String secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
