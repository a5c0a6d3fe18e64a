package dev.lessonbook.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.aws.SignedAwsRequests;
import dev.lessonbook.emulators.FaultProxy;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** Priming the notifier signs a SendEmail and sends nothing (docs/decisions.md, "SnapStart priming"). */
@ExtendWith(LocalServersExtension.class)
class SesPrimingIT {

    @Test
    void primingSignsAnEmailWithoutSendingIt(LocalServers.Endpoints endpoints) throws Exception {
        try (FaultProxy ses = FaultProxy.inFrontOf(endpoints.aws());
             FaultProxy.Injected everyRequest = ses.inject(request -> true, new FaultProxy.Fault.Drop());
             SdkHttpClient http = UrlConnectionHttpClient.create()) {
            SesNotifier notifier = new SesNotifier(new SignedAwsRequests(http, StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(LocalServers.ACCESS_KEY, LocalServers.SECRET_KEY)),
                    Region.of(endpoints.region()), Optional.of(ses.endpoint())), "lessons@example.test");

            notifier.primer().prime();

            assertThat(everyRequest.hits()).as("requests that reached SES").isZero();
        }
    }
}
