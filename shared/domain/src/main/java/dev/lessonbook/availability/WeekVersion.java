package dev.lessonbook.availability;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;

/**
 * The version of a week: a content hash of its seven days, so saving the same content twice
 * yields the same version, and a week never saved has the version of seven closed days.
 */
public final class WeekVersion {
    /** The version of a week with no open slot (also of one never stored). */
    public static final String EMPTY = of(WeekAvailability.empty("", LocalDate.of(2000, 1, 3)));

    private WeekVersion() {}

    public static String of(WeekAvailability week) {
        MessageDigest sha256 = sha256();
        for (int day = 0; day < 7; day++) {
            sha256.update(week.day(week.weekStart().plusDays(day)).toBytes());
        }
        byte[] digest = Arrays.copyOf(sha256.digest(), 12);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** The {@code ETag} header value: the version, quoted. */
    public static String quoted(String version) {
        return '"' + version + '"';
    }

    /** An {@code If-Match} value as the version it names: quoted or bare, a weak {@code W/} prefix ignored. */
    public static String fromIfMatch(String headerValue) {
        String value = headerValue.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

}
