package dev.lessonbook.functions.outbox;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.lessonbook.aws.priming.Priming;
import dev.lessonbook.config.Env;
import dev.lessonbook.dynamodb.Outbox;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.messaging.OutboxDelivery;
import dev.lessonbook.messaging.OutboxRelay;
import dev.lessonbook.messaging.SqsEventPublisher;
import java.time.Clock;
import java.time.Duration;

/**
 * Every minute: delivers outbox events older than a minute that their writer could not publish.
 * {@code OUTBOX_RELAY_MIN_AGE_SECONDS} (default 60, not set in template.yaml) lets a test suite
 * on the local runtime wait seconds instead of a minute.
 */
public final class OutboxRelayHandler implements RequestHandler<ScheduledEvent, String> {
    static final String MIN_AGE_SECONDS = "OUTBOX_RELAY_MIN_AGE_SECONDS";
    private static final Tables TABLES = Tables.fromEnvironment();
    private static final Outbox OUTBOX = new Outbox(TABLES);
    private static final SqsEventPublisher PUBLISHER = SqsEventPublisher.fromEnvironment();
    private static final OutboxRelay RELAY = new OutboxRelay(OUTBOX, new OutboxDelivery(PUBLISHER, OUTBOX), Clock.systemUTC(),
            Duration.ofSeconds(Long.parseLong(Env.orDefault(MIN_AGE_SECONDS, Long.toString(OutboxRelay.GRACE.toSeconds())))));

    /** SnapStart priming (docs/decisions.md): the table client, and the event publisher (marshalled, not sent). */
    static final Priming PRIMING = Priming.register(TABLES.primer(), TABLES.queryPrimer(Keys.DUE_INDEX), PUBLISHER);

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        OutboxRelay.Run run = RELAY.relay();
        return "{\"found\":" + run.found() + ",\"delivered\":" + run.delivered() + "}";
    }
}
