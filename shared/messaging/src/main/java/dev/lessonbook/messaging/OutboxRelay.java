package dev.lessonbook.messaging;

import dev.lessonbook.dynamodb.Outbox;
import dev.lessonbook.event.DomainEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Delivers what the writing functions could not: outbox items older than a grace, by default
 * {@link #GRACE} (a younger one may still be in its own function's hands). Runs every minute; an event it cannot
 * deliver now stays for the next run, so an event is late at worst, never lost.
 */
public final class OutboxRelay {
    public static final Duration GRACE = Duration.ofMinutes(1);
    /** Per run: well inside the function's timeout even at a few SQS calls per event. */
    static final int BATCH = 200;

    private final Outbox outbox;
    private final OutboxDelivery delivery;
    private final Clock clock;
    private final Duration grace;

    public OutboxRelay(Outbox outbox, OutboxDelivery delivery, Clock clock) {
        this(outbox, delivery, clock, GRACE);
    }

    /** @param grace the minimum age of an item the relay delivers; shorter only for tests */
    public OutboxRelay(Outbox outbox, OutboxDelivery delivery, Clock clock, Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("The relay's grace cannot be negative: " + grace);
        }
        this.outbox = outbox;
        this.delivery = delivery;
        this.clock = clock;
        this.grace = grace;
    }

    public record Run(int found, int delivered) {}

    public Run relay() {
        Instant cutoff = clock.instant().minus(grace);
        List<DomainEvent> due = outbox.undeliveredBefore(cutoff, BATCH);
        int delivered = 0;
        for (DomainEvent event : due) {
            if (delivery.deliver(event)) {
                delivered++;
            }
        }
        return new Run(due.size(), delivered);
    }
}
