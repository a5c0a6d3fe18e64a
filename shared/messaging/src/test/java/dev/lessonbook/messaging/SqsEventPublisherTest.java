package dev.lessonbook.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import dev.lessonbook.event.AvailabilityWeekSaved;
import dev.lessonbook.event.DomainEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The publisher as writers build it ({@link SqsEventPublisher#fromEnvironment}), against an SQS
 * that never answers: the publish fails within its budget, far inside an HTTP function's 10 s
 * Timeout, so the request that committed the change still answers (the event waits in the outbox).
 */
class SqsEventPublisherTest {
    private static final List<String> SETTINGS = List.of("AWS_ENDPOINT_URL", "AWS_REGION",
            "INVALIDATION_QUEUE_URL", "NOTIFICATION_QUEUE_URL");

    private final CountDownLatch stallEnds = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stop() {
        SETTINGS.forEach(System::clearProperty);
        stallEnds.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aPublishToAStalledQueueFailsWithinItsBudget() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try {
                stallEnds.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        System.setProperty("AWS_ENDPOINT_URL", endpoint);
        System.setProperty("AWS_REGION", "us-east-1");
        System.setProperty("INVALIDATION_QUEUE_URL", endpoint + "/000000000000/invalidation");
        System.setProperty("NOTIFICATION_QUEUE_URL", endpoint + "/000000000000/notification");
        SqsEventPublisher publisher = SqsEventPublisher.fromEnvironment();
        DomainEvent event = AvailabilityWeekSaved.of(Instant.parse("2026-12-01T10:00:00Z"), "ins-1",
                LocalDate.parse("2026-12-07"), ZoneOffset.UTC, "v1", Map.of());
        // The first publish also loads the SDK's classes, which on a loaded build machine takes
        // seconds of its own; the budget is about the call, so the second publish is the one timed.
        Throwable first = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catchThrowable(() -> publisher.publish(event)));
        Instant started = Instant.now();

        Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catchThrowable(() -> publisher.publish(event)));

        assertThat(first).isNotNull();
        assertThat(failure).isNotNull();
        assertThat(failure).hasStackTraceContaining("ApiCallTimeoutException");
        assertThat(Duration.between(started, Instant.now())).isLessThan(SqsEventPublisher.CALL_TIMEOUT.plusSeconds(2));
    }
}
