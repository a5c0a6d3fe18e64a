package dev.lessonbook.email;

import dev.lessonbook.aws.AwsSettings;
import dev.lessonbook.aws.SignedAwsRequests;
import dev.lessonbook.aws.priming.Primer;
import dev.lessonbook.config.Env;
import dev.lessonbook.notification.Email;
import dev.lessonbook.notification.EmailNotSent;
import dev.lessonbook.notification.Notifier;
import java.util.List;
import java.util.Map;

/**
 * Sends through Amazon SES v2 ({@code SendEmail}) from the verified sender
 * {@code NOTIFICATION_SENDER}, as one signed request: an SES client would add its 2.8 MB model
 * jar to the function for this one operation. An error answer from SES means the email was not
 * sent ({@link EmailNotSent}); a network failure leaves that unknown and is rethrown as it is.
 */
public final class SesNotifier implements Notifier {
    static final String SEND_EMAIL_PATH = "/v2/email/outbound-emails";

    private final SignedAwsRequests ses;
    private final String sender;

    public SesNotifier(SignedAwsRequests ses, String sender) {
        this.ses = ses;
        this.sender = sender;
    }

    public static SesNotifier fromEnvironment() {
        return new SesNotifier(SignedAwsRequests.fromEnvironment(AwsSettings.httpClient()), Env.required("NOTIFICATION_SENDER"));
    }

    /**
     * Primes sending without sending (docs/decisions.md, "SnapStart priming"): the SendEmail
     * request of a canned email written and signed exactly as {@link #send} does, and dropped.
     */
    public Primer primer() {
        return Primer.of("SES SendEmail", () -> ses.signWithoutSending("ses", SEND_EMAIL_PATH, request(
                new Email("priming@example.invalid", "Priming", "Not sent.", "<p>Not sent.</p>"))));
    }

    @Override
    public void send(Email email) {
        try {
            ses.restJson("ses", SEND_EMAIL_PATH, request(email));
        } catch (SignedAwsRequests.ErrorAnswer refused) {
            throw new EmailNotSent("SES refused the email: " + refused.code(), refused);
        }
    }

    private Map<String, Object> request(Email email) {
        return Map.of(
                "FromEmailAddress", sender,
                "Destination", Map.of("ToAddresses", List.of(email.to())),
                "Content", Map.of("Simple", Map.of(
                        "Subject", utf8(email.subject()),
                        "Body", Map.of("Text", utf8(email.text()), "Html", utf8(email.html())))));
    }

    private static Map<String, String> utf8(String data) {
        return Map.of("Data", data, "Charset", "UTF-8");
    }
}
