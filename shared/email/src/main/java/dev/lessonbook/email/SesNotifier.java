package dev.lessonbook.email;

import dev.lessonbook.config.Env;
import dev.lessonbook.dynamodb.AwsSettings;
import dev.lessonbook.notification.Email;
import dev.lessonbook.notification.EmailNotSent;
import dev.lessonbook.notification.Notifier;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * Sends through Amazon SES v2 from the verified sender {@code NOTIFICATION_SENDER}. An error
 * answer from SES means the email was not sent ({@link EmailNotSent}); a network failure leaves
 * that unknown and is rethrown as it is.
 */
public final class SesNotifier implements Notifier {
    private final SesV2Client ses;
    private final String sender;

    public SesNotifier(SesV2Client ses, String sender) {
        this.ses = ses;
        this.sender = sender;
    }

    public static SesNotifier fromEnvironment() {
        SesV2Client ses = AwsSettings.configure(SesV2Client.builder()).httpClient(AwsSettings.httpClient()).build();
        return new SesNotifier(ses, Env.required("NOTIFICATION_SENDER"));
    }

    @Override
    public void send(Email email) {
        try {
            ses.sendEmail(send -> send
                    .fromEmailAddress(sender)
                    .destination(to -> to.toAddresses(email.to()))
                    .content(content -> content.simple(message -> message
                            .subject(subject -> subject.data(email.subject()).charset("UTF-8"))
                            .body(body -> body
                                    .text(text -> text.data(email.text()).charset("UTF-8"))
                                    .html(html -> html.data(email.html()).charset("UTF-8"))))));
        } catch (SesV2Exception refused) {
            throw new EmailNotSent("SES refused the email: " + refused.awsErrorDetails().errorCode(), refused);
        }
    }
}
