package dev.lessonbook.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lessonbook.dynamodb.Outbox;
import dev.lessonbook.dynamodb.ProcessedEvents;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.TestTable;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.event.DomainEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SnapStart priming of publishing and consuming (docs/decisions.md, "SnapStart priming"): a
 * SendMessage is marshalled and signed but never sent, a batch is read but never handled, and
 * nothing is written.
 */
@ExtendWith(LocalServersExtension.class)
class MessagingPrimingIT {
    private static final List<String> SETTINGS = List.of("AWS_ENDPOINT_URL", "AWS_REGION", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "INVALIDATION_QUEUE_URL", "NOTIFICATION_QUEUE_URL");

    private TestQueues queues;
    private Tables table;

    @BeforeEach
    void queuesAndTable(LocalServers.Endpoints endpoints) {
        queues = TestQueues.create(endpoints);
        table = TestTable.create(endpoints);
        Map.of("AWS_ENDPOINT_URL", endpoints.aws().toString(), "AWS_REGION", endpoints.region(),
                "AWS_ACCESS_KEY_ID", LocalServers.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", LocalServers.SECRET_KEY,
                "INVALIDATION_QUEUE_URL", queues.invalidationUrl(), "NOTIFICATION_QUEUE_URL", queues.notificationUrl())
                .forEach(System::setProperty);
    }

    @AfterEach
    void clearSettings() {
        SETTINGS.forEach(System::clearProperty);
    }

    @Test
    void primingTheWritersPublisherSendsNothing() {
        SqsEventPublisher publisher = SqsEventPublisher.fromEnvironment();

        publisher.prime();

        queues.take(queues.invalidationUrl(), 0);
        queues.take(queues.notificationUrl(), 0);
    }

    @Test
    void aPublisherWhoseClientCannotStopARequestDoesNotMakeIt() {
        SqsEventPublisher plain = new SqsEventPublisher(queues.sqs(), List.of(queues.invalidationUrl(), queues.notificationUrl()));

        assertThatThrownBy(plain::prime).isInstanceOf(IllegalStateException.class).hasMessageContaining("not attached");
        queues.take(queues.invalidationUrl(), 0);
    }

    @Test
    void primingAWritingFunctionsTableReadsAndMarshalsButWritesAndSendsNothing() throws Exception {
        Tables writing = table.onCommittedEvents(new OutboxDelivery(SqsEventPublisher.fromEnvironment(), new Outbox(table)));

        writing.primer().prime();

        assertThat(TestTable.scan(table)).isEmpty();
        queues.take(queues.invalidationUrl(), 0);
        queues.take(queues.notificationUrl(), 0);
    }

    @Test
    void primingAConsumerReadsABatchButHandlesNothing() throws Exception {
        List<DomainEvent> handled = new ArrayList<>();
        BatchConsumer consumer = new BatchConsumer("priming-test", new ProcessedEvents(table), handled::add, Clock.systemUTC());

        consumer.primer().prime();

        assertThat(handled).isEmpty();
        assertThat(TestTable.scan(table)).isEmpty();
    }
}
