package dev.lessonbook.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import dev.lessonbook.problem.DependencyBusyException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The table's client as functions build it ({@link Tables#fromEnvironment}), against a server
 * that throttles every call: the failure must carry a {@link DependencyBusyException} in its
 * cause chain (the route answers 503 with {@code Retry-After: 1} for that, and 503 with
 * {@code Retry-After: 5} for anything else), and the SDK must give up well within a function's
 * 10 s Timeout.
 */
class ThrottlingIsBusyTest {
    private static final List<String> SETTINGS = List.of("AWS_ENDPOINT_URL", "AWS_REGION", "TABLE_NAME");
    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();

    @AfterEach
    void stop() {
        SETTINGS.forEach(System::clearProperty);
        if (server != null) {
            server.stop(0);
        }
    }

    private Tables tableAnswering(String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            calls.incrementAndGet();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(400, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        System.setProperty("AWS_ENDPOINT_URL", "http://127.0.0.1:" + server.getAddress().getPort());
        System.setProperty("AWS_REGION", "us-east-1");
        System.setProperty("TABLE_NAME", "throttled");
        return Tables.fromEnvironment();
    }

    private static String error(String type) {
        return "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\"slow down (test)\"}";
    }

    private static String cancelledFor(String... codes) {
        StringBuilder reasons = new StringBuilder();
        for (String code : codes) {
            reasons.append(reasons.isEmpty() ? "" : ",").append("{\"Code\":\"").append(code).append("\"}");
        }
        return "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                + "\"Message\":\"Transaction cancelled\",\"CancellationReasons\":[" + reasons + "]}";
    }

    private static boolean busyInCauseChain(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DependencyBusyException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable getItem(Tables tables) {
        return catchThrowable(() -> tables.client().getItem(get -> get.tableName(tables.tableName())
                .key(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromS("s")))));
    }

    private static Throwable commit(Tables tables) {
        return catchThrowable(() -> tables.commit(List.of(TransactWriteItem.builder().put(Put.builder()
                .tableName(tables.tableName()).item(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromS("s")))
                .build()).build()), List.of()));
    }

    @Test
    void aThrottledReadIsBusyAfterAFewQuickRetries() throws IOException {
        for (String type : List.of("ThrottlingException", "ProvisionedThroughputExceededException", "RequestLimitExceeded")) {
            Tables tables = tableAnswering(error(type));
            calls.set(0);
            Instant started = Instant.now();
            Throwable failure = getItem(tables);
            assertThat(busyInCauseChain(failure)).as("%s: %s", type, failure).isTrue();
            assertThat(calls.get()).as("attempts").isEqualTo(3);
            assertThat(Duration.between(started, Instant.now())).as("gave up well within a function's Timeout")
                    .isLessThan(Duration.ofSeconds(3));
            stop();
        }
    }

    @Test
    void aTransactionCancelledForThrottlingIsBusyAndNotAConflict() throws IOException {
        Tables tables = tableAnswering(cancelledFor("ThrottlingError", "None"));
        Throwable failure = commit(tables);
        assertThat(failure).isInstanceOf(TransactionCanceledException.class);
        assertThat(Transactions.reasonCodes((TransactionCanceledException) failure)).doesNotContain("ConditionalCheckFailed");
        assertThat(busyInCauseChain(failure)).as(String.valueOf(failure)).isTrue();
    }

    @Test
    void aFailedConditionIsAnAnswerNotBusy() throws IOException {
        Tables tables = tableAnswering(cancelledFor("ConditionalCheckFailed", "ThrottlingError"));
        Throwable failure = commit(tables);
        assertThat(failure).isInstanceOf(TransactionCanceledException.class);
        assertThat(busyInCauseChain(failure)).isFalse();
    }

    @Test
    void otherErrorsAreNotBusy() throws IOException {
        Tables tables = tableAnswering(error("ResourceNotFoundException"));
        Throwable failure = getItem(tables);
        assertThat(failure).isNotNull();
        assertThat(busyInCauseChain(failure)).isFalse();
    }
}
