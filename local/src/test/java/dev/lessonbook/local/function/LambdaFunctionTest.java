package dev.lessonbook.local.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lessonbook.json.JsonMappers;
import dev.lessonbook.local.template.FunctionSpec;
import dev.lessonbook.local.testfunctions.StallingHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A function's Timeout, as Lambda holds it: the invocation fails, its environment is discarded, its thread stopped. */
class LambdaFunctionTest {
    private static final ObjectMapper JSON = JsonMappers.standard();
    private static final Duration TIMEOUT = Duration.ofMillis(400);

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final LambdaFunction function = LambdaFunction.load(spec(TIMEOUT), "arn:aws:lambda:us-east-1:000000000000:function:stalling",
            getClass().getClassLoader(), Clock.systemUTC(), new PrintStream(log, true, StandardCharsets.UTF_8));

    @AfterEach
    void stop() {
        function.close();
    }

    static FunctionSpec spec(Duration timeout) {
        return new FunctionSpec("StallingFunction", "lessonbook-local-StallingFunction", StallingHandler.class.getName(),
                "handleRequest", timeout, 128, Map.of(), List.of(), List.of(), List.of());
    }

    private static APIGatewayV2HTTPEvent request(String path) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath(path);
        return event;
    }

    private JsonNode answer(String path) throws Exception {
        return JSON.readTree(((APIGatewayV2HTTPResponse) function.invoke(request(path))).getBody());
    }

    @Test
    void anInvocationStillRunningAtItsTimeoutFailsAsTimedOutAtTheTimeout() {
        Instant started = Instant.now();

        Throwable failure = catchThrowable(() -> function.invoke(request("/stall")));

        Duration took = Duration.between(started, Instant.now());
        assertThat(failure).isInstanceOf(LambdaFunction.TimedOut.class).hasMessageContaining("Task timed out after");
        assertThat(((LambdaFunction.TimedOut) failure).timeout()).isEqualTo(TIMEOUT);
        assertThat(took).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(TIMEOUT.plusSeconds(2));
    }

    @Test
    void theEnvironmentServesInvocationsUntilOneTimesOutThenANewOneIsInitialised() throws Exception {
        JsonNode first = answer("/report");
        JsonNode second = answer("/report");
        catchThrowable(() -> function.invoke(request("/stall")));
        JsonNode afterTheTimeout = answer("/report");
        JsonNode next = answer("/report");

        assertThat(second.get("environment")).isEqualTo(first.get("environment"));
        assertThat(second.get("invocation").asInt()).isEqualTo(first.get("invocation").asInt() + 1);
        assertThat(afterTheTimeout.get("environment").asText()).isEqualTo("StallingFunction-environment-2")
                .isNotEqualTo(first.get("environment").asText());
        assertThat(afterTheTimeout.get("invocation").asInt()).as("static state initialised anew").isEqualTo(1);
        assertThat(next.get("environment")).as("the new environment stays").isEqualTo(afterTheTimeout.get("environment"));
        assertThat(next.get("invocation").asInt()).isEqualTo(2);
    }

    @Test
    void theTimedOutInvocationIsInterruptedAndWhatItEndsWithLaterIsOnlyLogged() {
        catchThrowable(() -> function.invoke(request("/stall")));

        Instant giveUp = Instant.now().plusSeconds(5);
        while (!log.toString(StandardCharsets.UTF_8).contains("interrupted while stalled") && Instant.now().isBefore(giveUp)) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // polling, bounded by the deadline
        }
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("Task timed out after")
                .contains("ended after its Timeout with java.lang.IllegalStateException: interrupted while stalled");
    }

    @Test
    void anInvocationWithinItsTimeoutIsUntouched() throws Exception {
        assertThat(answer("/report").get("environment").asText()).isEqualTo("app");
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("timed out");
    }
}
