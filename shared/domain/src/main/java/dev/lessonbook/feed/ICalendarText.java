package dev.lessonbook.feed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The three pieces of RFC 5545 text syntax a feed needs: UTC date-times (§3.3.5, form #2),
 * escaped TEXT values (§3.3.11) and content lines folded at 75 octets with CRLF (§3.1).
 */
public final class ICalendarText {
    /** RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
    static final int MAX_LINE_OCTETS = 75;
    static final String CRLF = "\r\n";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ICalendarText() {}

    /** {@code 20261209T100000Z}: a date-time in UTC, whole seconds. */
    public static String utc(Instant instant) {
        return UTC.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** A TEXT value: backslash, semicolon, comma and line breaks escaped. */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case ';' -> escaped.append("\\;");
                case ',' -> escaped.append("\\,");
                case '\n' -> escaped.append("\\n");
                case '\r' -> {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    escaped.append("\\n");
                }
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * One content line ended by CRLF, folded so no physical line exceeds 75 octets of UTF-8: each
     * continuation starts with a space, which counts towards its 75. A character is never split
     * between lines (a multi-octet UTF-8 sequence stays whole, as does a surrogate pair).
     */
    public static String line(String contentLine) {
        StringBuilder folded = new StringBuilder(contentLine.length() + 8);
        int octets = 0;
        for (int i = 0; i < contentLine.length(); ) {
            int codePoint = contentLine.codePointAt(i);
            int chars = Character.charCount(codePoint);
            int width = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + width > MAX_LINE_OCTETS) {
                folded.append(CRLF).append(' ');
                octets = 1;
            }
            folded.append(contentLine, i, i + chars);
            octets += width;
            i += chars;
        }
        return folded.append(CRLF).toString();
    }
}
