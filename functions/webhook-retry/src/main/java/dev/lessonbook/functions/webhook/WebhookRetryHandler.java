package dev.lessonbook.functions.webhook;

import dev.lessonbook.aws.priming.Priming;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.integration.DynamoWebhookDeliveries;
import dev.lessonbook.messaging.SqsDeliveryAttempts;
import dev.lessonbook.webhook.RetryingDueDeliveries;
import java.time.Clock;

/** Every minute: queues again the webhook attempts that are overdue, their queued attempt lost. */
public final class WebhookRetryHandler implements RequestHandler<ScheduledEvent, String> {
    private static final Tables TABLES = Tables.fromEnvironment();
    private static final RetryingDueDeliveries RETRYING = new RetryingDueDeliveries(
            new DynamoWebhookDeliveries(TABLES), SqsDeliveryAttempts.fromEnvironment(), Clock.systemUTC());
    /** SnapStart priming (docs/decisions.md): the table client. */
    static final Priming PRIMING = Priming.register(TABLES.primer());

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        return "{\"requeued\":" + RETRYING.run() + "}";
    }
}
