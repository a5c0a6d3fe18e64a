package dev.lessonbook.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lessonbook.fixtures.InMemoryWebhookSubscriptions;
import dev.lessonbook.fixtures.MovableClock;
import dev.lessonbook.integration.SubscriptionStatus;
import dev.lessonbook.integration.WebhookSubscription;
import dev.lessonbook.integration.WebhookSubscriptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The subscription list cache's rule: read at most once per TTL, and read again once it is over. */
class CachedSubscriptionListTest {
    private static final Instant START = Instant.parse("2026-12-06T22:00:00Z");

    private final MovableClock clock = new MovableClock(START);
    private final AtomicInteger reads = new AtomicInteger();
    private final InMemoryWebhookSubscriptions stored = new InMemoryWebhookSubscriptions();
    /** The store, counting the reads of the list. */
    private final WebhookSubscriptions store = new WebhookSubscriptions() {
        @Override
        public List<WebhookSubscription> all() {
            reads.incrementAndGet();
            return stored.all();
        }

        @Override
        public void create(WebhookSubscription subscription) {
            stored.create(subscription);
        }

        @Override
        public Optional<WebhookSubscription> find(String id) {
            return stored.find(id);
        }

        @Override
        public boolean delete(String id) {
            return stored.delete(id);
        }

        @Override
        public boolean replaceIfSecretIs(WebhookSubscription updated, String expectedSecret) {
            return stored.replaceIfSecretIs(updated, expectedSecret);
        }

        @Override
        public void markStatus(String id, SubscriptionStatus status) {
            stored.markStatus(id, status);
        }
    };

    private static WebhookSubscription subscription(String id, Instant at) {
        return new WebhookSubscription(id, "https://crm.example.com/" + id, List.of("*"), null, SubscriptionStatus.ACTIVE,
                at, "whsec_" + id, null, null);
    }

    @Test
    void theListIsReadOncePerTtlAndANewSubscriptionIsSeenWhenTheTtlIsOver() {
        CachedSubscriptionList list = new CachedSubscriptionList(store, Duration.ofSeconds(60), clock);
        store.create(subscription("wh_a", START));

        assertThat(list.all()).extracting(WebhookSubscription::id).containsExactly("wh_a");
        store.create(subscription("wh_b", START.plusSeconds(1)));
        clock.advance(Duration.ofSeconds(59));
        for (int event = 0; event < 100; event++) {
            assertThat(list.all()).as("still the list read at the start").extracting(WebhookSubscription::id)
                    .containsExactly("wh_a");
        }
        assertThat(reads).as("one read for 101 events within the TTL").hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(list.all()).as("read again once the TTL is over").extracting(WebhookSubscription::id)
                .containsExactly("wh_a", "wh_b");
        assertThat(reads).hasValue(2);
    }

    @Test
    void aTtlOfZeroReadsEveryTime() {
        CachedSubscriptionList list = new CachedSubscriptionList(store, Duration.ZERO, clock);
        list.all();
        store.create(subscription("wh_a", START));

        assertThat(list.all()).extracting(WebhookSubscription::id).containsExactly("wh_a");
        assertThat(reads).hasValue(2);
    }

    @Test
    void lookupsAndChangesGoToTheStoreAtOnce() {
        CachedSubscriptionList list = new CachedSubscriptionList(store, Duration.ofSeconds(60), clock);
        list.create(subscription("wh_a", START));
        list.all();

        assertThat(list.delete("wh_a")).isTrue();
        assertThat(list.find("wh_a")).as("a deleted subscription is gone for delivery at once").isEmpty();
        assertThat(stored.all()).isEmpty();
    }

    @Test
    void theSettingIsWholeSecondsWithADefaultAndABound() {
        assertThat(CachedSubscriptionList.ttl(Optional.empty())).isEqualTo(Duration.ofSeconds(60));
        assertThat(CachedSubscriptionList.ttl(Optional.of(" 0 "))).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> CachedSubscriptionList.ttl(Optional.of("1m"))).hasMessageContaining(CachedSubscriptionList.SETTING);
        assertThatThrownBy(() -> new CachedSubscriptionList(store, Duration.ofSeconds(-1), clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CachedSubscriptionList(store, Duration.ofHours(2), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
