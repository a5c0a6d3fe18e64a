package dev.lessonbook.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CachedViewsTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private final MapCache cache = new MapCache();
    private final CachedViews views = new CachedViews(cache, clock);
    private final ViewKey.Stats key = new ViewKey.Stats("ins-1");

    @Test
    void aMissIsComputedAndTheNextReadIsAHit() {
        views.read(key, ZONE, () -> FreshView.untilChanged(stats(1)));

        assertThat(views.read(key, ZONE, () -> FreshView.untilChanged(stats(99)))).isEqualTo(stats(1));
    }

    @Test
    void aWriteCommittingWhileAReaderComputesKeepsTheReadersOldViewOutOfTheCache() {
        views.read(key, ZONE, () -> {
            cache.deleteByWrite(key); // the write transaction deletes the view (and the marker)
            return FreshView.untilChanged(stats(1));
        });

        assertThat(views.read(key, ZONE, () -> FreshView.untilChanged(stats(2)))).isEqualTo(stats(2));
    }

    @Test
    void reWarmingReplacesAStaleView() {
        cache.entries.put(key, new Entry(null, stats(1), ZONE, Instant.MAX));

        views.rewarm(key, ZONE, () -> FreshView.untilChanged(stats(2)));

        assertThat(views.read(key, ZONE, () -> FreshView.untilChanged(stats(3)))).isEqualTo(stats(2));
    }

    @Test
    void aViewPastItsValidityOrFromAnotherTimezoneIsAMiss() {
        views.read(key, ZONE, () -> new FreshView<>(stats(1), clock.instant()));

        assertThat(views.read(key, ZONE, () -> FreshView.untilChanged(stats(2)))).isEqualTo(stats(2));
        assertThat(views.read(key, ZoneId.of("Asia/Tokyo"), () -> FreshView.untilChanged(stats(3)))).isEqualTo(stats(3));
    }

    @Test
    void aFailingCacheServesFromTheSource() {
        CachedViews overBrokenCache = new CachedViews(ViewCache.NONE, clock);

        assertThat(overBrokenCache.read(key, ZONE, () -> FreshView.untilChanged(stats(7)))).isEqualTo(stats(7));
    }

    private static dev.lessonbook.stats.BookingStats stats(long total) {
        return new dev.lessonbook.stats.BookingStats("ins-1", total, 0, 0, 0,
                new dev.lessonbook.money.Money(0, "usd"), new dev.lessonbook.money.Money(0, "usd"), 0, 0);
    }

    private record Entry(String token, Object view, ZoneId zone, Instant validUntil) {}

    /** The ViewCache contract in memory: a fill completes only over its own marker. */
    private static final class MapCache implements ViewCache {
        final Map<ViewKey<?>, Entry> entries = new HashMap<>();

        void deleteByWrite(ViewKey<?> key) {
            entries.remove(key);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> Optional<V> find(ViewKey<V> key, ZoneId zone, Instant now) {
            Entry entry = entries.get(key);
            return entry == null || entry.view() == null || !entry.zone().equals(zone) || !now.isBefore(entry.validUntil())
                    ? Optional.empty() : Optional.of((V) entry.view());
        }

        @Override
        public Optional<String> beginFill(ViewKey<?> key, Instant now) {
            String token = UUID.randomUUID().toString();
            entries.put(key, new Entry(token, null, null, Instant.MIN));
            return Optional.of(token);
        }

        @Override
        public <V> boolean completeFill(ViewKey<V> key, String token, FreshView<V> view, ZoneId zone, Instant now) {
            Entry entry = entries.get(key);
            if (entry == null || !token.equals(entry.token())) {
                return false;
            }
            entries.put(key, new Entry(token, view.value(), zone, view.validUntil()));
            return true;
        }
    }
}
