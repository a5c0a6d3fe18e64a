package dev.lessonbook.functions.webhook;

import dev.lessonbook.aws.priming.Priming;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.integration.DynamoWebhookDeliveries;
import dev.lessonbook.dynamodb.integration.DynamoWebhookSubscriptions;
import dev.lessonbook.messaging.SqsDeliveryAttempts;
import dev.lessonbook.messaging.SqsFunction;
import dev.lessonbook.webhook.DeliveringWebhooks;
import dev.lessonbook.webhook.ReceiverUrlPolicy;
import dev.lessonbook.webhook.RetrySchedule;
import dev.lessonbook.webhook.SendingAWebhook;
import java.security.SecureRandom;
import java.time.Clock;

/** Webhook delivery queue → one signed attempt per message, the batch in parallel (docs/spec.md §11). */
public final class WebhookDeliveryHandler implements SqsFunction {
    private static final Tables TABLES = Tables.fromEnvironment();
    private static final Clock CLOCK = Clock.systemUTC();
    private static final SqsDeliveryAttempts ATTEMPTS = SqsDeliveryAttempts.fromEnvironment();
    private static final DeliveryWorker WORKER = new DeliveryWorker(new DeliveringWebhooks(
            new DynamoWebhookSubscriptions(TABLES), new DynamoWebhookDeliveries(TABLES), ATTEMPTS,
            new SendingAWebhook(ReceiverUrlPolicy.fromEnvironment(), CLOCK, SendingAWebhook.ANSWER_WITHIN),
            // A fresh source per draw: nothing random is held from init, which a SnapStart snapshot would share.
            new RetrySchedule(() -> new SecureRandom().nextLong()), CLOCK), ATTEMPTS);

    /** SnapStart priming (docs/decisions.md): the table client; nothing is sent to a receiver. */
    static final Priming PRIMING = Priming.register(TABLES.primer());

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return WORKER.handle(event);
    }
}
