package dev.lessonbook.messaging;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves, so hours pass without waiting. */
public final class MovableClock extends Clock {
    private final Holder now;
    private final ZoneId zone;

    public MovableClock(Instant start) {
        this(new Holder(start), ZoneOffset.UTC);
    }

    private MovableClock(Holder now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    public void set(Instant instant) {
        now.instant = instant;
    }

    @Override
    public Instant instant() {
        return now.instant;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same moving instant, seen in another zone. */
    @Override
    public Clock withZone(ZoneId other) {
        return new MovableClock(now, other);
    }

    private static final class Holder {
        private volatile Instant instant;

        Holder(Instant instant) {
            this.instant = instant;
        }
    }
}
