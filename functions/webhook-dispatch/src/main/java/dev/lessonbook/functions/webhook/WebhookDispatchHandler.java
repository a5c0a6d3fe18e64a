package dev.lessonbook.functions.webhook;

import dev.lessonbook.aws.priming.Priming;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lessonbook.dynamodb.ProcessedEvents;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.integration.DynamoWebhookDeliveries;
import dev.lessonbook.dynamodb.integration.DynamoWebhookSubscriptions;
import dev.lessonbook.messaging.BatchConsumer;
import dev.lessonbook.messaging.SqsDeliveryAttempts;
import dev.lessonbook.messaging.SqsFunction;
import dev.lessonbook.webhook.DispatchingWebhooks;
import dev.lessonbook.webhook.CachedSubscriptionList;
import dev.lessonbook.webhook.WebhookBody;
import java.time.Clock;

/** Webhook queue → one delivery and one queued attempt per subscription that wants the event (docs/spec.md §11). */
public final class WebhookDispatchHandler implements SqsFunction {
    private static final Tables TABLES = Tables.fromEnvironment();
    private static final Clock CLOCK = Clock.systemUTC();
    private static final DispatchingWebhooks DISPATCHING = new DispatchingWebhooks(
            CachedSubscriptionList.fromEnvironment(new DynamoWebhookSubscriptions(TABLES), CLOCK),
            new DynamoWebhookDeliveries(TABLES), SqsDeliveryAttempts.fromEnvironment(), WebhookBody.standard(), CLOCK);
    private static final BatchConsumer CONSUMER =
            new BatchConsumer("webhook-dispatch", new ProcessedEvents(TABLES), DISPATCHING::dispatch, CLOCK);

    /** SnapStart priming (docs/decisions.md): the table client and the batch's way in and out. */
    static final Priming PRIMING = Priming.register(TABLES.primer(), CONSUMER.primer());

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return CONSUMER.handle(event);
    }
}
