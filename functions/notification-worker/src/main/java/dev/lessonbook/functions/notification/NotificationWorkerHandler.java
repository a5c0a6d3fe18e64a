package dev.lessonbook.functions.notification;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lessonbook.aws.priming.Primer;
import dev.lessonbook.aws.priming.Priming;
import dev.lessonbook.config.Env;
import dev.lessonbook.dynamodb.ProcessedEvents;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.notification.DynamoNotificationLedger;
import dev.lessonbook.email.SesNotifier;
import dev.lessonbook.eventjson.EventJson;
import dev.lessonbook.messaging.BatchConsumer;
import dev.lessonbook.messaging.SqsFunction;
import dev.lessonbook.notification.LessonEmails;
import dev.lessonbook.notification.RecipientAddresses;
import dev.lessonbook.notification.SendingNotifications;
import java.time.Clock;

/** Notification queue → the emails of docs/spec.md §8 through SES, at most once per event and recipient. */
public final class NotificationWorkerHandler implements SqsFunction {
    private static final Tables TABLES = Tables.fromEnvironment();
    private static final Clock CLOCK = Clock.systemUTC();
    private static final LessonEmails EMAILS = new LessonEmails(new RecipientAddresses(
            Env.orDefault("NOTIFICATION_RECIPIENT_DOMAIN", RecipientAddresses.DEFAULT_DOMAIN)));
    private static final SesNotifier SES = SesNotifier.fromEnvironment();
    private static final SendingNotifications SENDING =
            new SendingNotifications(EMAILS, new DynamoNotificationLedger(TABLES, CLOCK), SES);
    private static final BatchConsumer CONSUMER =
            new BatchConsumer("notification-worker", new ProcessedEvents(TABLES), SENDING::notify, CLOCK);

    /**
     * SnapStart priming (docs/decisions.md): the table client, a batch of sample events read — not
     * handled —, the emails of each sample rendered, and an SES request signed — not sent.
     */
    static final Priming PRIMING = Priming.register(TABLES.primer(), CONSUMER.primer(), SES.primer(),
            Primer.of("lesson emails", () -> EventJson.standard().primingSamples().forEach(EMAILS::of)));

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return CONSUMER.handle(event);
    }
}
