package dev.lessonbook.functions.outbox;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.lessonbook.dynamodb.Outbox;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.messaging.OutboxDelivery;
import dev.lessonbook.messaging.OutboxRelay;
import dev.lessonbook.messaging.SqsEventPublisher;
import java.time.Clock;

/** Every minute: delivers outbox events older than a minute that their writer could not publish. */
public final class OutboxRelayHandler implements RequestHandler<ScheduledEvent, String> {
    private static final Tables TABLES = Tables.fromEnvironment();
    private static final Outbox OUTBOX = new Outbox(TABLES);
    private static final OutboxRelay RELAY = new OutboxRelay(OUTBOX,
            new OutboxDelivery(SqsEventPublisher.fromEnvironment(), OUTBOX), Clock.systemUTC());

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        OutboxRelay.Run run = RELAY.relay();
        return "{\"found\":" + run.found() + ",\"delivered\":" + run.delivered() + "}";
    }
}
