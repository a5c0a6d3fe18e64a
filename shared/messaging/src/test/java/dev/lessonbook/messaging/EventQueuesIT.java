package dev.lessonbook.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.event.AvailabilityWeekSaved;
import dev.lessonbook.event.DomainEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A writer configured as template.yaml configures it publishes each event to all three event queues. */
@ExtendWith(LocalServersExtension.class)
class EventQueuesIT {
    private static final List<String> QUEUES = List.of("INVALIDATION_QUEUE_URL", "NOTIFICATION_QUEUE_URL",
            SqsEventPublisher.WEBHOOK_QUEUE_URL);

    @AfterEach
    void clearSettings() {
        QUEUES.forEach(System::clearProperty);
    }

    @Test
    void anEventReachesTheInvalidationNotificationAndWebhookQueues(LocalServers.Endpoints endpoints) {
        FunctionEnvironment.prepare(endpoints);
        TestQueues queues = TestQueues.create(endpoints);
        String webhooks = queues.newQueue("webhook");
        System.setProperty("INVALIDATION_QUEUE_URL", queues.invalidationUrl());
        System.setProperty("NOTIFICATION_QUEUE_URL", queues.notificationUrl());
        System.setProperty(SqsEventPublisher.WEBHOOK_QUEUE_URL, webhooks);
        DomainEvent event = AvailabilityWeekSaved.of(Instant.parse("2026-12-01T10:00:00Z"), "ins-1",
                LocalDate.parse("2026-12-07"), ZoneOffset.UTC, "v1", Map.of());

        SqsEventPublisher.fromEnvironment().publish(event);

        for (String queue : List.of(queues.invalidationUrl(), queues.notificationUrl(), webhooks)) {
            assertThat(queues.take(queue, 1).getRecords().get(0).getBody()).contains(event.eventId());
        }
    }
}
