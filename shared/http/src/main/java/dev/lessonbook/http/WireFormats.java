package dev.lessonbook.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Dates, times and instants as the API writes them: {@code YYYY-MM-DD}, {@code HH:MM} (24:00 is
 * the end of the day) and ISO-8601 UTC instants.
 */
public final class WireFormats {
    public static final String DATE_RULE = "must be a date YYYY-MM-DD, e.g. 2026-12-07";
    public static final String TIME_RULE = "must be a time HH:MM with two-digit hours and minutes, e.g. 09:30";
    /**
     * The calendar the API serves. No lesson, week or listing lies outside it, and the bound keeps
     * every date four digits long and far from the ends of {@link LocalDate} and {@link Instant}
     * for whatever is computed from it (instants, week arithmetic, keys that sort as text).
     */
    public static final LocalDate FIRST_DATE = LocalDate.of(1900, 1, 1);
    public static final LocalDate LAST_DATE = LocalDate.of(2200, 12, 31);
    public static final String DATE_RANGE_RULE = "must be a date from " + FIRST_DATE + " to " + LAST_DATE;

    private WireFormats() {}

    /**
     * Every date the API reads — in a body, in the path ({@code weekStart}), in the query
     * ({@code from}, {@code to}) — is read here: a {@code YYYY-MM-DD} day of the calendar from
     * {@link #FIRST_DATE} to {@link #LAST_DATE}, or empty with what is wrong with it added to
     * {@code errors} under {@code field}.
     */
    public static Optional<LocalDate> readDate(String text, String field, FieldErrors errors) {
        Optional<LocalDate> date = parseDate(text);
        if (date.isEmpty()) {
            errors.add(field, looksLikeDate(text) ? text + " is not a day of the calendar" : DATE_RULE);
            return date;
        }
        if (date.get().isBefore(FIRST_DATE) || date.get().isAfter(LAST_DATE)) {
            errors.add(field, DATE_RANGE_RULE);
            return Optional.empty();
        }
        return date;
    }

    /** An optional date of the query ({@code from}, {@code to}): absent or empty is empty, else as {@link #readDate}. */
    public static Optional<LocalDate> readDateQuery(ApiRequest request, String name, FieldErrors errors) {
        Optional<String> text = request.query(name).filter(value -> !value.isEmpty());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return readDate(text.get(), name, errors);
    }

    /** A date in exactly {@code YYYY-MM-DD} form that exists on the calendar. */
    static Optional<LocalDate> parseDate(String text) {
        if (text == null || text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-'
                || !digits(text, 0, 4) || !digits(text, 5, 7) || !digits(text, 8, 10)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(
                    Integer.parseInt(text, 0, 4, 10),
                    Integer.parseInt(text, 5, 7, 10),
                    Integer.parseInt(text, 8, 10, 10)));
        } catch (DateTimeException nonexistent) {
            return Optional.empty();
        }
    }

    /** True when the text has the date shape but names no calendar day (2026-02-30). */
    static boolean looksLikeDate(String text) {
        return text != null && text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-'
                && digits(text, 0, 4) && digits(text, 5, 7) && digits(text, 8, 10);
    }

    /**
     * Minute of the day of an {@code HH:MM} text: exactly two digits each, minutes 00–59. Hours
     * are not range-checked here ("25:00" is 1500): whether a time lies within the day is a rule
     * of the domain (INVALID_TIME), not a matter of syntax.
     */
    public static OptionalInt parseTime(String text) {
        if (text == null || text.length() != 5 || text.charAt(2) != ':' || !digits(text, 0, 2) || !digits(text, 3, 5)) {
            return OptionalInt.empty();
        }
        int hours = Integer.parseInt(text, 0, 2, 10);
        int minutes = Integer.parseInt(text, 3, 5, 10);
        return minutes < 60 ? OptionalInt.of(hours * 60 + minutes) : OptionalInt.empty();
    }

    public static String formatTime(int minuteOfDay) {
        return String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    }

    public static String formatDate(LocalDate date) {
        return date.toString();
    }

    /** ISO-8601 in UTC, to the millisecond: {@code 2026-12-07T08:30:00Z}. */
    public static String formatInstant(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
