package dev.lessonbook.feed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A calendar feed token: {@code cal_} and 64 hex digits (256 random bits). Only its SHA-256 is
 * stored; with that much entropy an unsalted hash cannot be reversed or guessed, and a leaked
 * table does not open any feed. Each token draws from a new {@link SecureRandom}, so nothing
 * random is held from class initialisation (a SnapStart snapshot would share it).
 */
public final class FeedToken {
    private FeedToken() {}

    public static String newToken() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return "cal_" + HexFormat.of().formatHex(random);
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is in every JDK", impossible);
        }
    }

    /** Whether {@code presented} is the token of {@code storedHash}, in time independent of where they differ. */
    public static boolean matches(String presented, byte[] storedHash) {
        return MessageDigest.isEqual(hash(presented), storedHash);
    }
}
