package dev.lessonbook.booking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Booking ids: {@code bk_} and 24 lower-case hex digits (96 bits), within the API's id rule.
 *
 * <p>With an {@code Idempotency-Key} the id is derived from (student, key): every retry of one
 * request names the same booking, so the database's "id already exists" is the idempotency check,
 * concurrent retries included, and the payment provider's idempotency keys (derived from the
 * booking id) dedupe the charge too.
 */
public final class BookingId {
    private static final String PREFIX = "bk_";
    private static final int HEX_DIGITS = 24;

    private BookingId() {}

    /** The same id for every request of {@code studentId} with {@code idempotencyKey}. */
    public static String forIdempotencyKey(String studentId, String idempotencyKey) {
        // Student ids cannot contain a newline, so the joined string is unambiguous.
        return PREFIX + sha256Hex(studentId + "\n" + idempotencyKey).substring(0, HEX_DIGITS);
    }

    /** A fresh id; called per request, never at class initialisation. */
    public static String random() {
        return PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, HEX_DIGITS);
    }

    /** The id a request books under: derived when it carries an idempotency key, random otherwise. */
    public static String of(BookingRequest request) {
        return request.idempotencyKey() == null
                ? random()
                : forIdempotencyKey(request.caller().userId(), request.idempotencyKey());
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
