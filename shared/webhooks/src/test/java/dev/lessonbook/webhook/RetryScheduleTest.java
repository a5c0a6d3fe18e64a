package dev.lessonbook.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private static final Instant FIRST = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void aReceiverThatNeverAnswersIsRetriedForAtLeastADayThenTheDeliveryFails() {
        RetrySchedule schedule = new RetrySchedule(new SplittableRandom(7));
        List<Duration> delays = new ArrayList<>();
        Instant now = FIRST;
        int attempts = 1;
        Optional<Instant> next;
        while ((next = schedule.nextAttemptAfter(attempts, FIRST, now)).isPresent()) {
            delays.add(Duration.between(now, next.get()));
            now = next.get();
            attempts++;
        }

        assertThat(Duration.between(FIRST, now)).isGreaterThanOrEqualTo(Duration.ofHours(24))
                .isLessThan(Duration.ofHours(25));
        assertThat(delays.getFirst()).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
        assertThat(delays).allSatisfy(delay -> assertThat(delay).isLessThanOrEqualTo(RetrySchedule.LONGEST_DELAY));
        assertThat(delays.get(5)).isGreaterThan(delays.getFirst().multipliedBy(8));
    }

    @Test
    void delaysAreJittered() {
        RetrySchedule schedule = new RetrySchedule(new SplittableRandom(1));
        List<Instant> nexts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            nexts.add(schedule.nextAttemptAfter(6, FIRST, FIRST).orElseThrow());
        }

        assertThat(nexts.stream().distinct().count()).isGreaterThan(1);
    }
}
