package dev.lessonbook.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ICalendarWriterTest {
    private static final Instant STAMP = Instant.parse("2026-12-06T03:30:00Z");

    @Test
    void aLongLineIsFoldedAtSeventyFiveOctetsWithCrlfAndASpace() {
        String folded = ICalendarText.line("SUMMARY:" + "x".repeat(150));

        String[] lines = folded.split("\r\n", -1);
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).hasSize(75);
        assertThat(lines[1]).startsWith(" ").hasSize(75);
        assertThat(lines[2]).startsWith(" ");
        assertThat(lines[3]).isEmpty();
        assertThat(folded.replace("\r\n ", "")).isEqualTo("SUMMARY:" + "x".repeat(150) + "\r\n");
    }

    @Test
    void foldingCountsOctetsAndNeverSplitsACharacter() {
        // "é" is two octets and "🎸" four: 75 octets are reached long before 75 characters.
        String value = "SUMMARY:" + "é🎸".repeat(30);

        String folded = ICalendarText.line(value);

        for (String line : folded.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
            assertThat(line.codePoints().allMatch(Character::isValidCodePoint)).isTrue();
            assertThat(Character.isLowSurrogate(line.isEmpty() ? 'a' : line.charAt(line.startsWith(" ") ? 1 : 0))).isFalse();
        }
        assertThat(folded.replace("\r\n ", "")).isEqualTo(value + "\r\n");
    }

    @Test
    void aShortLineIsNotFolded() {
        assertThat(ICalendarText.line("VERSION:2.0")).isEqualTo("VERSION:2.0\r\n");
    }

    @Test
    void textEscapesBackslashSemicolonCommaAndLineBreaks() {
        assertThat(ICalendarText.escape("a\\b;c,d\ne\r\nf")).isEqualTo("a\\\\b\\;c\\,d\\ne\\nf");
    }

    @Test
    void timesAreWrittenInUtcWhateverTheirOffset() {
        Instant fromBerlin = OffsetDateTime.parse("2026-12-09T10:00:00.750+01:00").toInstant();

        assertThat(ICalendarText.utc(fromBerlin)).isEqualTo("20261209T090000Z");
    }

    @Test
    void everyLineOfACalendarEndsWithCrlfAndCancelledEventsSaySo() {
        String calendar = ICalendarWriter.write("Lessonbook inst_42", List.of(
                new FeedEvent("bk_1@lessonbook", 0, Instant.parse("2026-12-09T10:00:00Z"), Instant.parse("2026-12-09T11:00:00Z"),
                        false, "Guitar with student stud_7"),
                new FeedEvent("bk_2@lessonbook", 1, Instant.parse("2026-12-10T10:00:00Z"), Instant.parse("2026-12-10T11:00:00Z"),
                        true, "Piano; beginners with student stud_8")), STAMP);

        assertThat(calendar).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(calendar.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(calendar).contains(
                "BEGIN:VEVENT\r\nUID:bk_1@lessonbook\r\nDTSTAMP:20261206T033000Z\r\nDTSTART:20261209T100000Z\r\n"
                        + "DTEND:20261209T110000Z\r\nSEQUENCE:0\r\nSTATUS:CONFIRMED\r\nSUMMARY:Guitar with student stud_7\r\nEND:VEVENT\r\n",
                "SEQUENCE:1\r\nSTATUS:CANCELLED\r\nSUMMARY:Piano\\; beginners with student stud_8\r\n");
    }
}
