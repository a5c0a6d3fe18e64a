package dev.lessonbook.functions.view;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lessonbook.aws.priming.Priming;
import dev.lessonbook.dynamodb.ProcessedEvents;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.availability.DynamoAvailabilityStore;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.dynamodb.view.DynamoViewCache;
import dev.lessonbook.messaging.BatchConsumer;
import dev.lessonbook.messaging.SqsFunction;
import dev.lessonbook.view.CachedViews;
import dev.lessonbook.view.ViewSources;
import dev.lessonbook.view.WarmingViews;
import java.time.Clock;

/** Invalidation queue → re-warms the views each event invalidated. */
public final class CacheWorkerHandler implements SqsFunction {
    private static final Tables TABLES = Tables.fromEnvironment();
    private static final Clock CLOCK = Clock.systemUTC();
    private static final WarmingViews WARMING = new WarmingViews(new DynamoProfileStore(TABLES),
            new ViewSources(new DynamoAvailabilityStore(TABLES), new DynamoBookingStore(TABLES), CLOCK),
            new CachedViews(new DynamoViewCache(TABLES), CLOCK));
    private static final BatchConsumer CONSUMER =
            new BatchConsumer("cache-worker", new ProcessedEvents(TABLES), WARMING::warm, CLOCK);

    /** SnapStart priming (docs/decisions.md): the table client, and a batch of sample events read — not handled. */
    static final Priming PRIMING = Priming.register(TABLES.primer(), TABLES.queryPrimer(Keys.GSI1), CONSUMER.primer());

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return CONSUMER.handle(event);
    }
}
