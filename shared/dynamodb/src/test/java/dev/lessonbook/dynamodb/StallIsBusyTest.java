package dev.lessonbook.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import dev.lessonbook.problem.DependencyBusyException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The table's client as functions build it ({@link Tables#fromEnvironment}), against a DynamoDB
 * that accepts every request and never answers: each call must give up within
 * {@link Tables#CALL_TIMEOUT} — far inside an HTTP function's 10 s Timeout — with a
 * {@link DependencyBusyException} in its cause chain, so the route answers 503 with Retry-After
 * itself instead of being stopped by Lambda.
 */
class StallIsBusyTest {
    private static final List<String> SETTINGS = List.of("AWS_ENDPOINT_URL", "AWS_REGION", "TABLE_NAME");
    /** An HTTP function's Timeout in template.yaml (Globals). */
    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(10);

    private final CountDownLatch stallEnds = new CountDownLatch(1);
    private final AtomicInteger attempts = new AtomicInteger();
    private HttpServer server;
    private Tables tables;

    @BeforeEach
    void aDynamoDbThatNeverAnswers() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            attempts.incrementAndGet();
            try {
                stallEnds.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        System.setProperty("AWS_ENDPOINT_URL", "http://127.0.0.1:" + server.getAddress().getPort());
        System.setProperty("AWS_REGION", "us-east-1");
        System.setProperty("TABLE_NAME", "stalled");
        tables = Tables.fromEnvironment();
    }

    @AfterEach
    void stop() {
        SETTINGS.forEach(System::clearProperty);
        stallEnds.countDown();
        server.stop(0);
    }

    private static Optional<DependencyBusyException> busy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DependencyBusyException found) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    private void givesUpInTimeAsBusy(Runnable call) {
        Instant started = Instant.now();
        Throwable failure = assertTimeoutPreemptively(FUNCTION_TIMEOUT, () -> catchThrowable(call::run),
                "a stalled call must end within a function's Timeout");
        Duration took = Duration.between(started, Instant.now());

        assertThat(took).isLessThan(Tables.CALL_TIMEOUT.plusSeconds(1));
        assertThat(busy(failure)).as("busy in the cause chain of %s", failure).isPresent();
        assertThat(busy(failure).get().retryAfter()).isEqualTo(Tables.CALL_TIMEOUT);
        assertThat(attempts.get()).as("a hung attempt is retried once on a new connection").isEqualTo(2);
    }

    @Test
    void aReadFromAStalledTableIsGivenUpAsBusyWithinTheCallBudget() {
        givesUpInTimeAsBusy(() -> tables.client().getItem(get -> get.tableName(tables.tableName())
                .key(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromS("s")))));
    }

    @Test
    void aTransactionOnAStalledTableIsGivenUpAsBusyWithinTheCallBudget() {
        givesUpInTimeAsBusy(() -> tables.commit(List.of(TransactWriteItem.builder().put(Put.builder()
                .tableName(tables.tableName()).item(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromS("s")))
                .build()).build()), List.of()));
    }
}
