package dev.lessonbook.view;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Read-through over the {@link ViewCache}: a hit is served as stored; a miss is computed from the
 * source and stored for the next reader, unless a write changed the source meanwhile.
 */
public final class CachedViews {
    private final ViewCache cache;
    private final Clock clock;

    public CachedViews(ViewCache cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    /** The view, from the cache when it holds a valid one, else from {@code source}. */
    public <V> V read(ViewKey<V> key, ZoneId zone, Supplier<FreshView<V>> source) {
        Instant now = clock.instant();
        Optional<V> hit = cache.find(key, zone, now);
        if (hit.isPresent()) {
            return hit.get();
        }
        return fill(key, zone, source, now).value();
    }

    /**
     * Recomputes the view and stores it, replacing whatever is stored — also a view a racing
     * reader stored from data older than the last write.
     *
     * @throws IllegalStateException when the cache could not even be cleared, so the caller (the
     *         cache worker) retries rather than leave a possibly stale entry in place
     */
    public <V> void rewarm(ViewKey<V> key, ZoneId zone, Supplier<FreshView<V>> source) {
        Instant now = clock.instant();
        Optional<String> token = cache.beginFill(key, now);
        if (token.isEmpty()) {
            throw new IllegalStateException("View cache unavailable; " + key + " not re-warmed");
        }
        cache.completeFill(key, token.get(), source.get(), zone, now);
    }

    private <V> FreshView<V> fill(ViewKey<V> key, ZoneId zone, Supplier<FreshView<V>> source, Instant now) {
        // The marker must be in place before the source is read: see ViewCache.
        Optional<String> token = cache.beginFill(key, now);
        FreshView<V> fresh = source.get();
        token.ifPresent(mine -> cache.completeFill(key, mine, fresh, zone, now));
        return fresh;
    }
}
