package dev.lessonbook.email;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lessonbook.aws.SignedAwsRequests;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.notification.Email;
import dev.lessonbook.notification.EmailNotSent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** SendEmail as one signed request, against moto's SES: what is an answer and what is not. */
@ExtendWith(LocalServersExtension.class)
class SesNotifierIT {
    private static final Email EMAIL = new Email("someone@example.test", "Subject é", "text", "<p>html</p>");

    @Test
    void aVerifiedSenderSends(LocalServers.Endpoints endpoints) {
        String sender = "lessons-" + UUID.randomUUID() + "@example.test";
        try (SesV2Client ses = SesV2Client.builder().endpointOverride(endpoints.aws())
                .region(Region.of(endpoints.region())).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            ses.createEmailIdentity(identity -> identity.emailIdentity(sender));
        }

        assertThatCode(() -> notifier(endpoints.aws(), endpoints.region(), sender).send(EMAIL)).doesNotThrowAnyException();
    }

    @Test
    void sesRefusingTheEmailIsEmailNotSentWithItsErrorCode(LocalServers.Endpoints endpoints) {
        SesNotifier unverified = notifier(endpoints.aws(), endpoints.region(), "nobody-" + UUID.randomUUID() + "@example.test");

        assertThatThrownBy(() -> unverified.send(EMAIL))
                .isInstanceOf(EmailNotSent.class)
                .hasMessage("SES refused the email: MessageRejected");
    }

    @Test
    void noAnswerIsNotEmailNotSentBecauseTheEmailMayHaveGone() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        SesNotifier unreachable = notifier(closed, "us-east-1", "lessons@example.test");

        assertThatThrownBy(() -> unreachable.send(EMAIL)).isInstanceOf(UncheckedIOException.class);
    }

    private static SesNotifier notifier(URI endpoint, String region, String sender) {
        SdkHttpClient http = UrlConnectionHttpClient.create();
        return new SesNotifier(new SignedAwsRequests(http, credentials(), Region.of(region), Optional.of(endpoint)), sender);
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalServers.ACCESS_KEY, LocalServers.SECRET_KEY));
    }
}
