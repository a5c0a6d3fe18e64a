package dev.lessonbook.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.problem.Rejection.FieldError;
import java.time.Instant;
import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireFormatsTest {

    @Test
    void existingDateIsParsed() {
        assertThat(WireFormats.parseDate("2026-12-07")).contains(LocalDate.of(2026, 12, 7));
        assertThat(WireFormats.parseDate("2028-02-29")).contains(LocalDate.of(2028, 2, 29));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30", "2026-02-29", "2026-13-01", "2026-04-31", "2026-00-10", "2026-01-00"})
    void dateThatDoesNotExistIsRefused(String text) {
        assertThat(WireFormats.parseDate(text)).isEmpty();
        assertThat(WireFormats.looksLikeDate(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-2-3", "2026-12-7", "26-12-07", "2026/12/07", "+2026-12-07", "2026-12-07T00:00", "", "２０２６-12-07"})
    void dateNotWrittenYyyyMmDdIsRefused(String text) {
        assertThat(WireFormats.parseDate(text)).isEmpty();
    }

    @Test
    void everyDateInputIsReadFrom1900To2200() {
        FieldErrors errors = new FieldErrors();
        assertThat(WireFormats.readDate("1900-01-01", "a", errors)).contains(LocalDate.of(1900, 1, 1));
        assertThat(WireFormats.readDate("2200-12-31", "b", errors)).contains(LocalDate.of(2200, 12, 31));
        assertThat(errors.isEmpty()).isTrue();

        for (String outside : new String[] {"1899-12-31", "2201-01-01", "0000-01-01", "9999-12-31"}) {
            assertThat(WireFormats.readDate(outside, "date", errors)).isEmpty();
        }
        assertThat(errors.list()).extracting(FieldError::message).containsOnly("must be a date from 1900-01-01 to 2200-12-31");
    }

    @Test
    void aDateInputNamesWhatIsWrongWithIt() {
        FieldErrors errors = new FieldErrors();
        WireFormats.readDate("2026-02-30", "date", errors);
        WireFormats.readDate("tomorrow", "from", errors);
        WireFormats.readDate(null, "weekStart", errors);

        assertThat(errors.list()).containsExactly(new FieldError("date", "2026-02-30 is not a day of the calendar"),
                new FieldError("from", WireFormats.DATE_RULE), new FieldError("weekStart", WireFormats.DATE_RULE));
    }

    @Test
    void timesAreMinutesOfTheDay() {
        assertThat(WireFormats.parseTime("00:00")).hasValue(0);
        assertThat(WireFormats.parseTime("09:30")).hasValue(570);
        assertThat(WireFormats.parseTime("24:00")).hasValue(1440);
    }

    @Test
    void hoursPastTheDayAreSyntaxTheDomainJudges() {
        assertThat(WireFormats.parseTime("24:05")).hasValue(1445);
        assertThat(WireFormats.parseTime("25:00")).hasValue(1500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9:00", "09:0", "0900", "09.00", "09:60", "09:00:00", " 09:00", "ab:cd", "", "-1:00"})
    void timeNotWrittenHhMmIsRefused(String text) {
        assertThat(WireFormats.parseTime(text)).isEmpty();
    }

    @Property
    void everyMinuteOfTheDayRoundTrips(@ForAll @IntRange(min = 0, max = 1440) int minute) {
        assertThat(WireFormats.parseTime(WireFormats.formatTime(minute))).hasValue(minute);
    }

    @Property
    void everyDateRoundTrips(@ForAll @IntRange(min = 0, max = 2_900_000) int dayOffset) {
        LocalDate date = LocalDate.of(1900, 1, 1).plusDays(dayOffset);
        assertThat(WireFormats.parseDate(WireFormats.formatDate(date))).contains(date);
    }

    @Test
    void instantsAreUtcIsoToTheMillisecond() {
        assertThat(WireFormats.formatInstant(Instant.parse("2026-12-07T08:30:00Z"))).isEqualTo("2026-12-07T08:30:00Z");
        assertThat(WireFormats.formatInstant(Instant.parse("2026-12-07T08:30:00.123456789Z")))
                .isEqualTo("2026-12-07T08:30:00.123Z");
    }
}
