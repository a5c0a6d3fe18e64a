package dev.lessonbook.messaging;

import dev.lessonbook.aws.Incidents;
import dev.lessonbook.config.Env;
import dev.lessonbook.dynamodb.Outbox;
import dev.lessonbook.dynamodb.Tables;
import java.util.Map;

/** The table of a writing function: every committed transaction's events are published at once. */
public final class PublishingTables {
    private PublishingTables() {}

    /**
     * Without queue URLs (a test or tool environment without queues) writes still work and their
     * events wait in the outbox for the relay: delivery is late, never lost, and the gap is logged.
     */
    public static Tables fromEnvironment() {
        Tables tables = Tables.fromEnvironment();
        if (Env.optional("INVALIDATION_QUEUE_URL").isEmpty() || Env.optional("NOTIFICATION_QUEUE_URL").isEmpty()) {
            Incidents.record("EventPublisherUnconfigured", "no queue URLs: events stay in the outbox for the relay",
                    Map.of(), null);
            return tables;
        }
        return tables.onCommittedEvents(new OutboxDelivery(SqsEventPublisher.fromEnvironment(), new Outbox(tables)));
    }
}
