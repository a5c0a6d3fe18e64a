package dev.lessonbook.local.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lessonbook.local.template.TemplateException;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {
    private static final ZonedDateTime MONDAY_0907 = ZonedDateTime.parse("2026-12-07T09:07:30Z");

    @Test
    void ratesInMinutesHoursAndDays() {
        assertThat(ScheduleExpression.parse("rate(1 minute)")).isEqualTo(new ScheduleExpression.Rate(Duration.ofMinutes(1)));
        assertThat(ScheduleExpression.parse("rate(5 minutes)")).isEqualTo(new ScheduleExpression.Rate(Duration.ofMinutes(5)));
        assertThat(ScheduleExpression.parse("rate(2 hours)")).isEqualTo(new ScheduleExpression.Rate(Duration.ofHours(2)));
        assertThat(ScheduleExpression.parse("rate(1 day)")).isEqualTo(new ScheduleExpression.Rate(Duration.ofDays(1)));
    }

    @Test
    void aRateFiresOneIntervalLater() {
        assertThat(ScheduleExpression.parse("rate(1 minute)").nextAfter(MONDAY_0907)).contains(MONDAY_0907.plusMinutes(1));
    }

    @Test
    void cronEveryFifteenMinutesFiresOnTheNextQuarter() {
        assertThat(ScheduleExpression.parse("cron(0/15 * * * ? *)").nextAfter(MONDAY_0907))
                .contains(ZonedDateTime.parse("2026-12-07T09:15:00Z"));
    }

    @Test
    void cronOnWeekdaysSkipsTheWeekend() {
        ZonedDateTime fridayEvening = ZonedDateTime.parse("2026-12-11T20:00:00Z");

        assertThat(ScheduleExpression.parse("cron(0 8 ? * MON-FRI *)").nextAfter(fridayEvening))
                .contains(ZonedDateTime.parse("2026-12-14T08:00:00Z"));
    }

    @Test
    void cronOnADayOfTheMonth() {
        assertThat(ScheduleExpression.parse("cron(30 2 1 * ? *)").nextAfter(MONDAY_0907))
                .contains(ZonedDateTime.parse("2027-01-01T02:30:00Z"));
    }

    @Test
    void unsupportedExpressionsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 8 L * ? *)")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("L, W and #");
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(0 minutes)")).isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> ScheduleExpression.parse("at(2026-12-07T09:00:00)")).isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 8 * *)")).isInstanceOf(TemplateException.class);
    }
}
