package dev.lessonbook.functions.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.Outbox;
import dev.lessonbook.dynamodb.PrimingCheck;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.event.AvailabilityWeekSaved;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.eventjson.EventJson;
import dev.lessonbook.messaging.TestQueues;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The scheduled relay through the real handler, fed the sample EventBridge event, on moto. */
@ExtendWith(LocalServersExtension.class)
class OutboxRelayHandlerIT {
    private static Tables tables;
    private static TestQueues queues;
    private static OutboxRelayHandler handler;

    @BeforeAll
    static void handlerOnTheEmulators(LocalServers.Endpoints endpoints) {
        tables = FunctionEnvironment.prepare(endpoints);
        queues = TestQueues.create(endpoints);
        System.setProperty("INVALIDATION_QUEUE_URL", queues.invalidationUrl());
        System.setProperty("NOTIFICATION_QUEUE_URL", queues.notificationUrl());
        handler = new OutboxRelayHandler();
    }

    @Test
    void anEventOlderThanAMinuteIsDeliveredToBothQueuesAndLeavesTheOutbox() {
        // Committed without a publisher: as if the writer's publish had failed.
        DomainEvent old = weekSaved(Instant.now().minus(Duration.ofMinutes(2)));
        DomainEvent young = weekSaved(Instant.now());
        tables.commit(List.of(), List.of(old, young));

        String answer = handler.handleRequest(EventLoader.loadScheduledEvent(sample()), null);

        assertThat(answer).isEqualTo("{\"found\":1,\"delivered\":1}");
        assertThat(bodies(queues.takeInvalidations(1))).containsExactly(old);
        assertThat(bodies(queues.takeNotifications(1))).containsExactly(old);
        assertThat(new Outbox(tables).undeliveredBefore(Instant.now().plusSeconds(1), 10))
                .as("the young event is left to its writer").extracting(DomainEvent::eventId)
                .containsExactly(young.eventId());
    }

    private static List<DomainEvent> bodies(SQSEvent batch) {
        return batch.getRecords().stream().map(message -> EventJson.standard().read(message.getBody())).toList();
    }

    private static DomainEvent weekSaved(Instant at) {
        return AvailabilityWeekSaved.of(at, "inst_42", LocalDate.parse("2026-12-07"), ZoneId.of("Europe/Berlin"), "v1",
                Map.of());
    }

    private static String sample() {
        return Path.of(System.getProperty("lessonbook.root", "../.."), "events", "schedule", "outbox-relay.json").toString();
    }

    @Test
    void primingBeforeTheSnapshotWritesNothing(LocalServers.Endpoints endpoints) {
        PrimingCheck.writesNothing(OutboxRelayHandler.PRIMING, endpoints);
    }
}
