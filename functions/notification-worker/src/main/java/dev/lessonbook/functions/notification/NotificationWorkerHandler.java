package dev.lessonbook.functions.notification;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lessonbook.aws.priming.Primer;
import dev.lessonbook.aws.priming.Priming;
import dev.lessonbook.aws.Incidents;
import dev.lessonbook.config.Env;
import dev.lessonbook.dynamodb.ProcessedEvents;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.notification.DynamoNotificationLedger;
import dev.lessonbook.dynamodb.profile.DynamoProfileStore;
import dev.lessonbook.email.SesNotifier;
import dev.lessonbook.eventjson.EventJson;
import dev.lessonbook.messaging.BatchConsumer;
import dev.lessonbook.messaging.SqsFunction;
import dev.lessonbook.notification.LessonEmails;
import dev.lessonbook.notification.Recipient;
import dev.lessonbook.notification.SendingNotifications;
import dev.lessonbook.profile.InstructorProfile;
import java.time.Clock;
import java.util.Map;

/** Notification queue → the emails of docs/spec.md §8 through SES, at most once per event and recipient. */
public final class NotificationWorkerHandler implements SqsFunction {
    private static final Tables TABLES = Tables.fromEnvironment();
    private static final Clock CLOCK = Clock.systemUTC();
    /** The off-session authentication link ({@code PAYMENT_AUTHENTICATION_URL}, template parameter PaymentAuthenticationUrl). */
    private static final LessonEmails EMAILS = new LessonEmails(
            Env.orDefault(LessonEmails.AUTHENTICATION_URL_SETTING, LessonEmails.DEFAULT_AUTHENTICATION_URL));
    private static final SesNotifier SES = SesNotifier.fromEnvironment();
    private static final DynamoProfileStore PROFILES = new DynamoProfileStore(TABLES);
    private static final SendingNotifications SENDING = new SendingNotifications(EMAILS,
            new DynamoNotificationLedger(TABLES, CLOCK), SES,
            instructorId -> PROFILES.find(instructorId).map(InstructorProfile::email),
            NotificationWorkerHandler::recipientWithoutAddress);
    private static final BatchConsumer CONSUMER =
            new BatchConsumer("notification-worker", new ProcessedEvents(TABLES), SENDING::notify, CLOCK);

    /**
     * SnapStart priming (docs/decisions.md): the table client, a batch of sample events read — not
     * handled —, the emails of each sample rendered, and an SES request signed — not sent.
     */
    static final Priming PRIMING = Priming.register(TABLES.primer(), CONSUMER.primer(), SES.primer(),
            Primer.of("lesson emails", () -> EventJson.standard().primingSamples().forEach(EMAILS::of)));

    /** One incident line and metric, {@code NotificationRecipientMissing}; no address is known, none is logged. */
    private static void recipientWithoutAddress(String eventId, String bookingId, Recipient.Party party) {
        Incidents.record("NotificationRecipientMissing", "a party of a booking has no email address: nothing was sent to them",
                Map.of("eventId", eventId, "bookingId", bookingId, "party", party.name()), null);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return CONSUMER.handle(event);
    }
}
