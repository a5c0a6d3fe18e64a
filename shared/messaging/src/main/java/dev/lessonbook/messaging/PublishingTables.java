package dev.lessonbook.messaging;

import dev.lessonbook.dynamodb.Outbox;
import dev.lessonbook.dynamodb.Tables;

/** The table of a writing function: every committed transaction's events are published at once. */
public final class PublishingTables {
    private PublishingTables() {}

    public static Tables fromEnvironment() {
        Tables tables = Tables.fromEnvironment();
        return tables.onCommittedEvents(new OutboxDelivery(SqsEventPublisher.fromEnvironment(), new Outbox(tables)));
    }
}
