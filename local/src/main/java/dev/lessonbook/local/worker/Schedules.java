package dev.lessonbook.local.worker;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

/**
 * Runs the scheduled functions: each schedule fires its function with a {@link ScheduledEvent},
 * as an EventBridge rule does, on its expression or, when an interval override is given (tests,
 * demos), every that many seconds instead.
 */
public final class Schedules implements AutoCloseable {

    /** One scheduled function: its rule, expression and handler. */
    public record Entry(String functionName, String ruleArn, ScheduleExpression expression,
            Function<ScheduledEvent, Object> function) {}

    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final String accountId;
    private final String region;
    private final Optional<Duration> intervalOverride;
    private final PrintStream log;

    public Schedules(Clock clock, String accountId, String region, Optional<Duration> intervalOverride, PrintStream log) {
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "schedule-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.clock = clock;
        this.accountId = accountId;
        this.region = region;
        this.intervalOverride = intervalOverride;
        this.log = log;
    }

    public void start(List<Entry> entries) {
        entries.forEach(this::scheduleNext);
    }

    private void scheduleNext(Entry entry) {
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC);
        Optional<ZonedDateTime> next = intervalOverride.map(now::plus).or(() -> entry.expression().nextAfter(now));
        if (next.isEmpty() || executor.isShutdown()) {
            return;
        }
        long delay = Math.max(0, Duration.between(now, next.get()).toMillis());
        executor.schedule(() -> {
            fire(entry, next.get());
            scheduleNext(entry);
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void fire(Entry entry, ZonedDateTime scheduledTime) {
        long started = System.nanoTime();
        String outcome = "ok";
        try {
            entry.function().apply(event(entry, scheduledTime));
        } catch (RuntimeException | Error e) {
            outcome = "error " + e;
            e.printStackTrace(log);
        }
        log.printf("SCHEDULE %s %s %d ms%n", entry.functionName(), outcome, (System.nanoTime() - started) / 1_000_000);
    }

    ScheduledEvent event(Entry entry, ZonedDateTime scheduledTime) {
        ScheduledEvent event = new ScheduledEvent();
        event.setVersion("0");
        event.setId(UUID.randomUUID().toString());
        event.setDetailType("Scheduled Event");
        event.setSource("aws.events");
        event.setAccount(accountId);
        event.setTime(new DateTime(scheduledTime.toInstant().toEpochMilli(), DateTimeZone.UTC));
        event.setRegion(region);
        event.setResources(List.of(entry.ruleArn()));
        event.setDetail(Map.of());
        return event;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
