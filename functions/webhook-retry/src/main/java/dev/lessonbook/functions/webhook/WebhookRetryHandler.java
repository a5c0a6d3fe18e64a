package dev.lessonbook.functions.webhook;

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
    private static final RetryingDueDeliveries RETRYING = new RetryingDueDeliveries(
            new DynamoWebhookDeliveries(Tables.fromEnvironment()), SqsDeliveryAttempts.fromEnvironment(), Clock.systemUTC());

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        return "{\"requeued\":" + RETRYING.run() + "}";
    }
}
