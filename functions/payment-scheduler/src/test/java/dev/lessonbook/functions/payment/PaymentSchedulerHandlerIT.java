package dev.lessonbook.functions.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.PrimingCheck;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The handler as Lambda calls it, with the sample EventBridge event: wired, and a run on an empty table does nothing. */
@ExtendWith(LocalServersExtension.class)
class PaymentSchedulerHandlerIT {

    @Test
    void theSampleScheduledEventRunsTheSchedulerOnce(LocalServers.Endpoints endpoints) {
        FunctionEnvironment.prepare(endpoints);
        FunctionEnvironment.storeStripeSecret(endpoints, "/lessonbook-test/stripe-secret-scheduler");
        ScheduledEvent event = EventLoader.loadScheduledEvent(
                Path.of(System.getProperty("lessonbook.root", "../.."), "events", "schedule", "payment-scheduler.json").toString());

        Map<String, Object> run = new PaymentSchedulerHandler().handleRequest(event, new InvocationContext(120_000));

        assertThat(run).containsExactly(Map.entry("authorized", 0), Map.entry("paymentFailed", 0), Map.entry("deferred", 0),
                Map.entry("expired", 0), Map.entry("released", 0), Map.entry("settled", 0), Map.entry("outOfTime", false));
    }

    @Test
    void primingBeforeTheSnapshotWritesNothing(LocalServers.Endpoints endpoints) {
        PrimingCheck.writesNothing(PaymentSchedulerHandler.PRIMING, endpoints);
    }
}
