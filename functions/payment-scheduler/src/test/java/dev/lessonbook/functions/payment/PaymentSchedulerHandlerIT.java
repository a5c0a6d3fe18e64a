package dev.lessonbook.functions.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** The handler as Lambda calls it, with the sample EventBridge event: wired, and a run on an empty table does nothing. */
@ExtendWith(LocalServersExtension.class)
class PaymentSchedulerHandlerIT {

    @Test
    void theSampleScheduledEventRunsTheSchedulerOnce(LocalServers.Endpoints endpoints) {
        FunctionEnvironment.prepare(endpoints);
        String parameter = "/lessonbook-test/stripe-secret-scheduler";
        try (SsmClient ssm = SsmClient.builder().endpointOverride(endpoints.aws()).region(Region.of(endpoints.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalServers.ACCESS_KEY, LocalServers.SECRET_KEY)))
                .build()) {
            ssm.putParameter(put -> put.name(parameter).type(ParameterType.SECURE_STRING)
                    .value(LocalServers.STRIPE_TEST_KEY).overwrite(true));
        }
        System.setProperty("STRIPE_SECRET_PARAMETER", parameter);
        ScheduledEvent event = EventLoader.loadScheduledEvent(
                Path.of(System.getProperty("lessonbook.root", "../.."), "events", "schedule", "payment-scheduler.json").toString());

        Map<String, Object> run = new PaymentSchedulerHandler().handleRequest(event, new InvocationContext(120_000));

        assertThat(run).containsExactly(Map.entry("authorized", 0), Map.entry("paymentFailed", 0), Map.entry("deferred", 0),
                Map.entry("expired", 0), Map.entry("settled", 0), Map.entry("outOfTime", false));
    }
}
