package dev.lessonbook.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AutoCompletionTest {
    private static final Instant END = Instant.parse("2026-12-07T15:00:00Z");
    private static final AutoCompletion DEFAULTS = AutoCompletion.DEFAULTS;

    @Test
    void aLessonIsCompletedADayAfterItsEndWhenTheHoldLastsLonger() {
        assertThat(DEFAULTS.dueAt(END, END.plus(Duration.ofDays(5)))).isEqualTo(END.plus(Duration.ofHours(24)));
    }

    @Test
    void aHoldLapsingFirstIsCapturedTheSafetyMarginBeforeItsDeadline() {
        Instant captureBefore = END.plus(Duration.ofHours(20));

        assertThat(DEFAULTS.dueAt(END, captureBefore)).isEqualTo(captureBefore.minus(Duration.ofHours(6)));
    }

    @Test
    void aHoldLapsingWithinTheMarginOfTheEndIsCapturedAtTheEndNeverBefore() {
        assertThat(DEFAULTS.dueAt(END, END.plus(Duration.ofHours(2)))).isEqualTo(END);
        assertThat(DEFAULTS.dueAt(END, END.minus(Duration.ofHours(2)))).isEqualTo(END);
    }

    @Test
    void aDeadlineNotReadYetMakesTheLessonDueAtItsEndToReadIt() {
        assertThat(DEFAULTS.dueAt(END, null)).isEqualTo(END);
    }

    @Test
    void bothAreSettings() {
        AutoCompletion configured = new AutoCompletion(Duration.ofHours(48), Duration.ofHours(1));

        assertThat(configured.dueAt(END, END.plus(Duration.ofDays(7)))).isEqualTo(END.plus(Duration.ofHours(48)));
        assertThat(configured.dueAt(END, END.plus(Duration.ofHours(30)))).isEqualTo(END.plus(Duration.ofHours(29)));
    }

    @Test
    void settingsBeyondAnyHoldsLifeAreRefusedAtStart() {
        assertThatThrownBy(() -> new AutoCompletion(Duration.ofDays(5), Duration.ofHours(6)))
                .hasMessageContaining("AUTO_COMPLETE_AFTER");
        assertThatThrownBy(() -> new AutoCompletion(Duration.ofHours(24), Duration.ofHours(-1)))
                .hasMessageContaining("CAPTURE_SAFETY_MARGIN");
    }
}
