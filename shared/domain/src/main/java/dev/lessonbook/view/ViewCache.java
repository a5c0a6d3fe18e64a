package dev.lessonbook.view;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Port: the shared cache of views (docs/spec.md §8). Writes that change a view delete it in their own
 * transaction; readers fill it on a miss.
 *
 * <p>A fill is two steps so that a reader racing a write never stores what it read before the
 * write: {@link #beginFill} replaces the entry by a marker <em>before</em> the source is read,
 * and {@link #completeFill} stores the view only if that marker is still there. A write that
 * commits in between deletes the marker, so the late fill is dropped instead of hiding the write.
 *
 * <p>No method throws: a cache that fails reads as a miss and fills as not done, so a cache
 * failure never fails a request. Adapters log and count the failure.
 */
public interface ViewCache {

    /** The stored view, if one is there, was computed in {@code zone} and is valid at {@code now}. */
    <V> Optional<V> find(ViewKey<V> key, ZoneId zone, Instant now);

    /** Replaces the entry by a fill marker; its token, or empty when the cache failed. */
    Optional<String> beginFill(ViewKey<?> key, Instant now);

    /** Stores {@code view} if the marker {@code token} is still in place; whether it was stored. */
    <V> boolean completeFill(ViewKey<V> key, String token, FreshView<V> view, ZoneId zone, Instant now);

    /** No cache at all: every read goes to the source. */
    ViewCache NONE = new ViewCache() {
        @Override
        public <V> Optional<V> find(ViewKey<V> key, ZoneId zone, Instant now) {
            return Optional.empty();
        }

        @Override
        public Optional<String> beginFill(ViewKey<?> key, Instant now) {
            return Optional.empty();
        }

        @Override
        public <V> boolean completeFill(ViewKey<V> key, String token, FreshView<V> view, ZoneId zone, Instant now) {
            return false;
        }
    };
}
