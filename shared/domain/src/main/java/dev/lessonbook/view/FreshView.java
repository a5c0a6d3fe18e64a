package dev.lessonbook.view;

import java.time.Instant;

/**
 * A view computed from the source of truth, and the instant it stops being true by the mere
 * passing of time (a hold lapses, a lesson starts, a month ends) even without a write.
 */
public record FreshView<V>(V value, Instant validUntil) {

    /** A view that only a write can change. */
    public static <V> FreshView<V> untilChanged(V value) {
        return new FreshView<>(value, Instant.MAX);
    }
}
