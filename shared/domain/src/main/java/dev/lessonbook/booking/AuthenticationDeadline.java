package dev.lessonbook.booking;

import dev.lessonbook.config.Env;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * How long before a lesson a student whose scheduled off-session authorization asked for 3-D
 * Secure (payment REQUIRES_ACTION on a CONFIRMED booking) has to authenticate it
 * ({@code PAYMENT_AUTHENTICATION_DEADLINE}, an ISO-8601 duration, default 2 h, 0 to 24 h — the
 * authorization itself is tried 24 h before). Past it the scheduler cancels the booking as
 * PAYMENT_FAILED. A template.yaml Global: every function that writes a booking indexes its due
 * time with it ({@link DueWork#of}).
 */
public record AuthenticationDeadline(Duration beforeStart) {
    public static final String SETTING = "PAYMENT_AUTHENTICATION_DEADLINE";
    public static final AuthenticationDeadline DEFAULT = new AuthenticationDeadline(Duration.ofHours(2));
    public static final AuthenticationDeadline CONFIGURED = fromEnvironment();

    public AuthenticationDeadline {
        if (beforeStart.isNegative() || beforeStart.compareTo(DueWork.AUTHORIZATION_LEAD) > 0) {
            throw new IllegalArgumentException(SETTING + " must be 0 to 24 hours, not " + beforeStart);
        }
    }

    /** Reads the setting; a malformed value fails the cold start. */
    public static AuthenticationDeadline fromEnvironment() {
        String value = Env.orDefault(SETTING, DEFAULT.beforeStart.toString()).trim();
        try {
            return new AuthenticationDeadline(Duration.parse(value));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(SETTING + " must be an ISO-8601 duration such as PT2H, not " + value, e);
        }
    }

    /** When a lesson starting at {@code startsAt} stops waiting for its student's authentication. */
    public Instant at(Instant startsAt) {
        return startsAt.minus(beforeStart);
    }
}
