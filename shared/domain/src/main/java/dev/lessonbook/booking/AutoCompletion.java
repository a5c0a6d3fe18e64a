package dev.lessonbook.booking;

import dev.lessonbook.config.Env;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * When the payment scheduler completes a lesson nobody completed (docs/spec.md §6, docs/decisions.md
 * "Holds never lapse"): {@code afterEnd} after its end ({@code AUTO_COMPLETE_AFTER}, default 24 h),
 * but always {@code safetyMargin} before the authorization's {@code capture_before}
 * ({@code CAPTURE_SAFETY_MARGIN}, default 6 h) — and never before the lesson's end.
 *
 * <p>Both are template.yaml Globals: every function that writes a booking computes its due time
 * for the index ({@link DueWork#of}), so all of them must read the same values.
 */
public record AutoCompletion(Duration afterEnd, Duration safetyMargin) {
    public static final String AFTER_END_SETTING = "AUTO_COMPLETE_AFTER";
    public static final String SAFETY_MARGIN_SETTING = "CAPTURE_SAFETY_MARGIN";
    /** Stripe's shortest documented card hold (a merchant-initiated Visa authorization) is about 4 days 18 h. */
    private static final Duration LONGEST = Duration.ofDays(4);
    public static final AutoCompletion DEFAULTS = new AutoCompletion(Duration.ofHours(24), Duration.ofHours(6));

    /** The values this function was configured with, read once. */
    public static final AutoCompletion CONFIGURED = fromEnvironment();

    public AutoCompletion {
        Objects.requireNonNull(afterEnd, "afterEnd");
        Objects.requireNonNull(safetyMargin, "safetyMargin");
        if (afterEnd.isNegative() || afterEnd.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(AFTER_END_SETTING + " must be 0 to 4 days, not " + afterEnd);
        }
        if (safetyMargin.isNegative() || safetyMargin.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(SAFETY_MARGIN_SETTING + " must be 0 to 4 days, not " + safetyMargin);
        }
    }

    /** Reads both settings (ISO-8601 durations such as {@code PT24H}); a malformed value fails the cold start. */
    public static AutoCompletion fromEnvironment() {
        return new AutoCompletion(duration(AFTER_END_SETTING, DEFAULTS.afterEnd),
                duration(SAFETY_MARGIN_SETTING, DEFAULTS.safetyMargin));
    }

    private static Duration duration(String setting, Duration fallback) {
        String value = Env.orDefault(setting, fallback.toString()).trim();
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(setting + " must be an ISO-8601 duration such as PT24H, not " + value, e);
        }
    }

    /**
     * When {@code booking}, a confirmed lesson with a live authorization, is completed: {@code afterEnd}
     * after its end, or {@code safetyMargin} before {@code captureBefore} if that comes first, but
     * never before the end. With the deadline not read yet (null) it is the end itself: the
     * scheduler then reads it, records it, and the booking is indexed anew at its real time.
     */
    public Instant dueAt(Instant endsAt, Instant captureBefore) {
        if (captureBefore == null) {
            return endsAt;
        }
        Instant beforeLapse = captureBefore.minus(safetyMargin);
        Instant afterGrace = endsAt.plus(afterEnd);
        Instant due = beforeLapse.isBefore(afterGrace) ? beforeLapse : afterGrace;
        return due.isBefore(endsAt) ? endsAt : due;
    }
}
