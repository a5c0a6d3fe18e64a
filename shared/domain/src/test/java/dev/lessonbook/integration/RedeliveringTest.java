package dev.lessonbook.integration;

import static dev.lessonbook.fixtures.Results.rejectionOf;
import static dev.lessonbook.fixtures.Results.valueOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Permissions.Administrator;
import dev.lessonbook.access.Role;
import dev.lessonbook.fixtures.InMemoryWebhookDeliveries;
import dev.lessonbook.fixtures.MovableClock;
import dev.lessonbook.integration.DeliveryAttempts.Attempt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 18: an operator's replay sends the same delivery again, as if new. */
class RedeliveringTest {
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");
    private static final Administrator ADMIN = valueOf(Permissions.toManageWebhooks(new Caller("root", Role.ADMIN)));

    private final MovableClock clock = new MovableClock(AT);
    private final InMemoryWebhookDeliveries deliveries = new InMemoryWebhookDeliveries();
    private final List<Attempt> queued = new ArrayList<>();
    private final DeliveryAttempts attempts = new DeliveryAttempts() {
        @Override
        public void schedule(Attempt attempt, Duration delay) {
            queued.add(attempt);
        }

        @Override
        public Duration longestDelay() {
            return Duration.ofMinutes(15);
        }
    };
    private final Redelivering redelivering = new Redelivering(deliveries, attempts, clock);

    private WebhookDelivery failed() {
        WebhookDelivery failed = WebhookDelivery.first("wh_1", "ev-1", AT, "BookingConfirmed", "{\"id\":\"ev-1\"}", AT)
                .claimed(AT, AT.plusSeconds(120)).failed(500, "The receiver answered 500.");
        deliveries.createIfAbsent(failed);
        return failed;
    }

    @Test
    void aFailedDeliveryStartsOverWithItsBodyAndEventIdAndItsFirstAttemptIsQueued() {
        WebhookDelivery failed = failed();
        clock.advance(Duration.ofDays(2));

        WebhookDelivery again = valueOf(redelivering.redeliver(ADMIN, "wh_1", failed.id()));

        assertThat(again.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(again.attempts()).isZero();
        assertThat(again.firstAttemptAt()).as("a new 24 h of retries").isNull();
        assertThat(again.body()).isEqualTo(failed.body());
        assertThat(again.eventId()).isEqualTo("ev-1");
        assertThat(again.nextAttemptAt()).isEqualTo(clock.instant());
        assertThat(queued).containsExactly(new Attempt("wh_1", failed.id(), 1));
    }

    @Test
    void aPendingDeliveryIsOnItsWayAndIsAnsweredAsItIs() {
        WebhookDelivery pending = WebhookDelivery.first("wh_1", "ev-2", AT, "BookingConfirmed", "{}", AT);
        deliveries.createIfAbsent(pending);

        assertThat(valueOf(redelivering.redeliver(ADMIN, "wh_1", pending.id()))).isEqualTo(pending);
        assertThat(queued).isEmpty();
    }

    @Test
    void anUnknownDeliveryIsNotFound() {
        assertThat(rejectionOf(redelivering.redeliver(ADMIN, "wh_1", "nope")).detail()).isEqualTo("Webhook delivery not found");
    }

    @Test
    void aDeliveryIdIsTheEventsTimeThenItsIdSoTheySortByTime() {
        assertThat(WebhookDelivery.idFor(Instant.parse("2026-12-07T09:00:00.123Z"), "0d4b7f21-8c3e"))
                .isEqualTo("1796634000123-0d4b7f21-8c3e");
        assertThat(WebhookDelivery.idFor(Instant.ofEpochMilli(5), "e")).isEqualTo("0000000000005-e");
    }
}
