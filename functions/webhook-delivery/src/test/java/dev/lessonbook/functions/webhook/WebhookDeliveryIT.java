package dev.lessonbook.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Permissions.Administrator;
import dev.lessonbook.access.Role;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.TestTable;
import dev.lessonbook.dynamodb.integration.DynamoWebhookDeliveries;
import dev.lessonbook.dynamodb.integration.DynamoWebhookDeliveries.LogShards;
import dev.lessonbook.dynamodb.integration.DynamoWebhookSubscriptions;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.event.AvailabilityWeekSaved;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.fixtures.MovableClock;
import dev.lessonbook.integration.DeliveryAttempts;
import dev.lessonbook.integration.DeliveryStatus;
import dev.lessonbook.integration.Redelivering;
import dev.lessonbook.integration.RotatingAWebhookSecret;
import dev.lessonbook.integration.SubscribingAWebhook;
import dev.lessonbook.integration.SubscriptionStatus;
import dev.lessonbook.integration.WebhookDelivery;
import dev.lessonbook.integration.WebhookSubscription;
import dev.lessonbook.messaging.SqsDeliveryAttempts;
import dev.lessonbook.messaging.TestQueues;
import dev.lessonbook.webhook.DeliveringWebhooks;
import dev.lessonbook.webhook.DispatchingWebhooks;
import dev.lessonbook.webhook.ReceiverUrlPolicy;
import dev.lessonbook.webhook.RetrySchedule;
import dev.lessonbook.webhook.RetryingDueDeliveries;
import dev.lessonbook.webhook.SendingAWebhook;
import dev.lessonbook.webhook.WebhookBody;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Webhook deliveries end to end on the real adapters — the table and the delivery queue on moto,
 * receivers on loopback — with the clock moved instead of waited for. SQS would hold a retry's
 * message back in real time, so a delayed attempt is recorded with its delay instead of queued,
 * and the test hands it over as the net does once it is overdue ({@link RetryingDueDeliveries});
 * {@code SqsDeliveryAttemptsIT} checks that the queue holds a delayed message back.
 */
@ExtendWith(LocalServersExtension.class)
class WebhookDeliveryIT {
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Administrator ADMIN = Permissions.toManageWebhooks(new Caller("root", Role.ADMIN)).orElseThrow();

    private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final List<Receiver> receivers = new ArrayList<>();
    private final List<Scheduled> scheduled = new CopyOnWriteArrayList<>();
    private Tables tables;
    private TestQueues queues;
    private String deliveryQueue;
    private DynamoWebhookSubscriptions subscriptions;
    private DynamoWebhookDeliveries deliveries;
    private DispatchingWebhooks dispatching;
    private DeliveryWorker worker;
    private RetryingDueDeliveries retrying;
    private Redelivering redelivering;

    private record Scheduled(DeliveryAttempts.Attempt attempt, Duration delay) {}

    @BeforeEach
    void systemOnTheEmulator(LocalServers.Endpoints endpoints) {
        // A table per test: every subscription of the table gets every dispatched event.
        tables = TestTable.create(endpoints);
        queues = TestQueues.create(endpoints);
        deliveryQueue = queues.newQueue("webhook-delivery");
        SqsDeliveryAttempts sqs = new SqsDeliveryAttempts(queues.sqs(), deliveryQueue);
        DeliveryAttempts attempts = new DeliveryAttempts() {
            /** An attempt due now goes on the queue; a later one waits "in SQS" until the test moves the clock. */
            @Override
            public void schedule(Attempt attempt, Duration delay) {
                scheduled.add(new Scheduled(attempt, delay));
                if (delay.isZero()) {
                    sqs.schedule(attempt, delay);
                }
            }

            @Override
            public Duration longestDelay() {
                return sqs.longestDelay();
            }
        };
        subscriptions = new DynamoWebhookSubscriptions(tables);
        deliveries = new DynamoWebhookDeliveries(tables);
        dispatching = new DispatchingWebhooks(subscriptions, deliveries, attempts, WebhookBody.standard(), clock);
        SendingAWebhook sending = new SendingAWebhook(ReceiverUrlPolicy.local(), clock, ANSWER_WITHIN);
        worker = new DeliveryWorker(new DeliveringWebhooks(subscriptions, deliveries, attempts, sending,
                new RetrySchedule(new Random(18)), clock), sqs);
        retrying = new RetryingDueDeliveries(deliveries, attempts, clock);
        redelivering = new Redelivering(deliveries, attempts, clock);
    }

    @AfterEach
    void stopReceivers() {
        receivers.forEach(Receiver::close);
    }

    private Receiver receiver(Receiver receiver) {
        receivers.add(receiver);
        return receiver;
    }

    private WebhookSubscription subscribe(Receiver receiver, String... events) {
        return new SubscribingAWebhook(subscriptions, ReceiverUrlPolicy.local(), clock)
                .subscribe(new SubscribingAWebhook.Subscribe(ADMIN, receiver.url(), List.of(events), null)).orElseThrow();
    }

    private DomainEvent weekSaved() {
        return AvailabilityWeekSaved.of(clock.instant(), "ins-1", LocalDate.parse("2026-12-07"), ZoneOffset.UTC, "v1", Map.of());
    }

    private WebhookDelivery onlyDeliveryOf(WebhookSubscription subscription) {
        List<WebhookDelivery> all = deliveries.ofSubscription(subscription.id(), Optional.empty(), 10);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /** The next {@code count} attempts on the queue, handed to the worker as Lambda would. */
    private SQSBatchResponse work(int count) {
        SQSEvent batch = queues.take(deliveryQueue, count);
        SQSBatchResponse response = worker.handle(batch);
        assertThat(response.getBatchItemFailures()).isEmpty();
        return response;
    }

    /** Moves the clock past the delivery's next attempt and the net's grace; the net queues the attempt. */
    private void whenOverdue(WebhookDelivery pending) {
        clock.set(pending.nextAttemptAt().plus(RetryingDueDeliveries.GRACE).plusSeconds(1));
        assertThat(retrying.run()).isEqualTo(1);
    }

    @Test
    void aReceiverFailingThreeTimesGetsTheFourthAttemptEachSignedWithTheSameEventId() throws Exception {
        Receiver receiver = receiver(Receiver.answering(500, 503, 429));
        WebhookSubscription subscription = subscribe(receiver, "*");
        DomainEvent event = weekSaved();

        assertThat(dispatching.dispatch(event)).isEqualTo(1);
        work(1);
        for (int attempt = 2; attempt <= 4; attempt++) {
            WebhookDelivery pending = onlyDeliveryOf(subscription);
            assertThat(pending.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(pending.attempts()).isEqualTo(attempt - 1);
            Scheduled retry = scheduled.get(scheduled.size() - 1);
            assertThat(retry.attempt().attempt()).isEqualTo(attempt);
            Duration backoff = RetrySchedule.FIRST_DELAY.multipliedBy(1L << (attempt - 2));
            assertThat(retry.delay()).as("backoff with jitter").isBetween(backoff.dividedBy(2), backoff);
            whenOverdue(pending);
            work(1);
        }

        WebhookDelivery delivered = onlyDeliveryOf(subscription);
        assertThat(delivered.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(delivered.attempts()).isEqualTo(4);
        assertThat(delivered.lastStatusCode()).isEqualTo(200);
        assertThat(receiver.received()).hasSize(4).allSatisfy(request -> {
            assertThat(request.eventId()).isEqualTo(event.eventId());
            assertThat(request.signedWith(subscription.secret())).isTrue();
            assertThat(request.body()).contains("\"id\":\"" + event.eventId() + "\"", "\"type\":\"AvailabilityWeekSaved\"");
        });
    }

    @Test
    void aReceiverThatHangsDelaysNoOtherSubscription() throws Exception {
        Receiver hanging = receiver(Receiver.hanging());
        Receiver quick = receiver(Receiver.answering());
        WebhookSubscription slow = subscribe(hanging, "*");
        WebhookSubscription fast = subscribe(quick, "*");
        assertThat(dispatching.dispatch(weekSaved())).isEqualTo(2);
        SQSEvent batch = queues.take(deliveryQueue, 2);
        // The hanging receiver's attempt first: handled one after the other, the quick one would wait for it.
        batch.setRecords(batch.getRecords().stream()
                .sorted(Comparator.comparing(record -> record.getBody().contains(slow.id()) ? 0 : 1)).toList());
        Instant started = Instant.now();

        assertThat(worker.handle(batch).getBatchItemFailures()).isEmpty();

        assertThat(quick.received()).hasSize(1);
        assertThat(quick.received().get(0).at()).isBefore(started.plus(ANSWER_WITHIN));
        assertThat(onlyDeliveryOf(fast).status()).isEqualTo(DeliveryStatus.DELIVERED);
        WebhookDelivery timedOut = onlyDeliveryOf(slow);
        assertThat(timedOut.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(timedOut.lastStatusCode()).isNull();
        assertThat(timedOut.lastError()).contains("did not answer");
    }

    @Test
    void aRedeliverySendsTheSameEventIdAndBodyAgain() throws Exception {
        Receiver receiver = receiver(Receiver.answering());
        WebhookSubscription subscription = subscribe(receiver, "*");
        dispatching.dispatch(weekSaved());
        work(1);
        WebhookDelivery delivered = onlyDeliveryOf(subscription);
        assertThat(delivered.status()).isEqualTo(DeliveryStatus.DELIVERED);

        WebhookDelivery again = redelivering.redeliver(ADMIN, subscription.id(), delivered.id()).orElseThrow();
        assertThat(again.status()).isEqualTo(DeliveryStatus.PENDING);
        work(1);

        assertThat(receiver.received()).hasSize(2);
        assertThat(receiver.received().get(1).eventId()).isEqualTo(receiver.received().get(0).eventId());
        assertThat(receiver.received().get(1).body()).isEqualTo(receiver.received().get(0).body());
        assertThat(onlyDeliveryOf(subscription).status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void duringARotationBothSecretsSignAndAfterADayOnlyTheNewOne() throws Exception {
        Receiver receiver = receiver(Receiver.answering());
        WebhookSubscription made = subscribe(receiver, "*");
        WebhookSubscription rotated = new RotatingAWebhookSecret(subscriptions, clock).rotate(ADMIN, made.id()).orElseThrow();

        dispatching.dispatch(weekSaved());
        work(1);
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        dispatching.dispatch(weekSaved());
        work(1);

        Receiver.Received duringOverlap = receiver.received().get(0);
        assertThat(duringOverlap.signedWith(made.secret())).as("the old secret during the overlap").isTrue();
        assertThat(duringOverlap.signedWith(rotated.secret())).as("the new secret").isTrue();
        Receiver.Received after = receiver.received().get(1);
        assertThat(after.signedWith(rotated.secret())).isTrue();
        assertThat(after.signedWith(made.secret())).as("the old secret after 24 h").isFalse();
    }

    @Test
    void aDeliveryFailingFor24HoursIsFailedAndItsSubscriptionFailingUntilOneGetsThrough() throws Exception {
        Integer[] alwaysDown = new Integer[200];
        java.util.Arrays.fill(alwaysDown, 500);
        Receiver receiver = receiver(Receiver.answering(alwaysDown));
        WebhookSubscription subscription = subscribe(receiver, "*");
        dispatching.dispatch(weekSaved());
        work(1);
        WebhookDelivery delivery = onlyDeliveryOf(subscription);
        while (delivery.status() == DeliveryStatus.PENDING) {
            assertThat(delivery.attempts()).as("attempts before giving up").isLessThan(60);
            whenOverdue(delivery);
            work(1);
            delivery = onlyDeliveryOf(subscription);
        }

        assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(delivery.lastStatusCode()).isEqualTo(500);
        assertThat(Duration.between(delivery.firstAttemptAt(), delivery.lastAttemptAt())).isGreaterThanOrEqualTo(Duration.ofHours(24));
        assertThat(subscriptions.find(subscription.id()).orElseThrow().status()).isEqualTo(SubscriptionStatus.FAILING);
        assertThat(deliveries.ofSubscription(subscription.id(), Optional.of(DeliveryStatus.FAILED), 10)).hasSize(1);
        assertThat(receiver.received()).hasSize(delivery.attempts());

        Receiver back = receiver(Receiver.answering());
        subscriptions.replaceIfSecretIs(new WebhookSubscription(subscription.id(), back.url(), subscription.events(),
                null, SubscriptionStatus.FAILING, subscription.createdAt(), subscription.secret(), null, null),
                subscription.secret());
        dispatching.dispatch(weekSaved());
        work(1);
        assertThat(subscriptions.find(subscription.id()).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);
    }

    @Test
    void anEventDispatchedTwiceIsDeliveredOnceAndOnlyToTheTypesSubscribed() throws Exception {
        Receiver all = receiver(Receiver.answering());
        Receiver confirmations = receiver(Receiver.answering());
        WebhookSubscription everything = subscribe(all, "*");
        WebhookSubscription onlyConfirmed = subscribe(confirmations, "BookingConfirmed");
        DomainEvent event = weekSaved();

        assertThat(dispatching.dispatch(event)).isEqualTo(1);
        assertThat(dispatching.dispatch(event)).isEqualTo(1);
        // The repeat finds the delivery unattempted and queues it again (its first put may have been all
        // that a crashed dispatch did): two messages, one claim, one request.
        work(2);

        assertThat(all.received()).hasSize(1);
        assertThat(confirmations.received()).isEmpty();
        assertThat(deliveries.ofSubscription(onlyConfirmed.id(), Optional.empty(), 10)).isEmpty();
        assertThat(onlyDeliveryOf(everything).status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void aRedirectIsAFailedAttemptAndIsNotFollowed() throws Exception {
        Receiver redirecting = receiver(Receiver.answering(302));
        WebhookSubscription subscription = subscribe(redirecting, "*");
        dispatching.dispatch(weekSaved());
        work(1);

        WebhookDelivery delivery = onlyDeliveryOf(subscription);
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery.lastStatusCode()).isEqualTo(302);
        assertThat(redirecting.received()).hasSize(1);
    }

    @Test
    void anAttemptHandedOverBeforeItIsDueWaitsOnInTheQueue() throws Exception {
        Receiver receiver = receiver(Receiver.answering(500));
        WebhookSubscription subscription = subscribe(receiver, "*");
        dispatching.dispatch(weekSaved());
        work(1);
        WebhookDelivery pending = onlyDeliveryOf(subscription);
        Scheduled retry = scheduled.get(scheduled.size() - 1);
        clock.advance(Duration.ofSeconds(5));

        new SqsDeliveryAttempts(queues.sqs(), deliveryQueue).schedule(retry.attempt(), Duration.ZERO);
        work(1);

        assertThat(receiver.received()).as("not sent early").hasSize(1);
        Scheduled waiting = scheduled.get(scheduled.size() - 1);
        assertThat(waiting.attempt()).isEqualTo(retry.attempt());
        assertThat(waiting.delay()).isEqualTo(Duration.between(clock.instant(), pending.nextAttemptAt()));
        assertThat(onlyDeliveryOf(subscription)).isEqualTo(pending);
    }

    @Test
    void aDeletedSubscriptionGetsNoMoreAttempts() throws Exception {
        Receiver receiver = receiver(Receiver.answering(500));
        WebhookSubscription subscription = subscribe(receiver, "*");
        dispatching.dispatch(weekSaved());
        work(1);
        WebhookDelivery pending = onlyDeliveryOf(subscription);

        subscriptions.delete(subscription.id());
        whenOverdue(pending);
        work(1);

        assertThat(receiver.received()).hasSize(1);
        assertThat(onlyDeliveryOf(subscription).status()).as("nothing retries it any more").isEqualTo(DeliveryStatus.FAILED);
        clock.advance(Duration.ofHours(1));
        assertThat(retrying.run()).isZero();
    }

    /** Deliveries of distinct events, {@code count} of them, a second apart, through the real store. */
    private List<WebhookDelivery> madeDeliveries(WebhookSubscription subscription, int count) {
        List<WebhookDelivery> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            WebhookDelivery delivery = WebhookDelivery.first(subscription.id(), "evt-" + i,
                    clock.instant().plusSeconds(i), "AvailabilityWeekSaved", "{}", clock.instant());
            assertThat(deliveries.createIfAbsent(delivery)).isTrue();
            made.add(delivery);
        }
        return made;
    }

    /** As a delivery written before the log was sharded is stored: the same item under WEBHOOK#<subscriptionId>. */
    private void moveToTheUnshardedShape(WebhookDelivery delivery) {
        Map<String, AttributeValue> sharded = Keys.webhookDelivery(
                delivery.subscriptionId(), LogShards.fromEnvironment().of(delivery.id()), delivery.id());
        Map<String, AttributeValue> item = new HashMap<>(tables.client().getItem(get -> get.tableName(tables.tableName())
                .key(sharded).consistentRead(true)).item());
        item.putAll(Keys.unshardedWebhookDelivery(delivery.subscriptionId(), delivery.id()));
        tables.client().putItem(put -> put.tableName(tables.tableName()).item(item));
        tables.client().deleteItem(delete -> delete.tableName(tables.tableName()).key(sharded));
    }

    private List<String> partitionsOf(String prefix, String sk) {
        return TestTable.scan(tables).stream()
                .filter(item -> item.get(Keys.PK).s().startsWith(prefix) && item.get(Keys.SK).s().startsWith(sk))
                .map(item -> item.get(Keys.PK).s()).toList();
    }

    @Test
    void theDeliveryLogListsEveryShardAndTheUnshardedKeyNewestFirst() throws Exception {
        WebhookSubscription subscription = subscribe(receiver(Receiver.answering()), "*");
        LogShards shards = LogShards.fromEnvironment();
        // Ids are random: 20 a shard leave one empty with a chance of about 4 × (3/4)^79 ≈ 5e-10 (with 6 a shard, about 0.5 %, it failed a fresh-clone verify).
        List<WebhookDelivery> made = new ArrayList<>(madeDeliveries(subscription, 20 * shards.count()));
        WebhookDelivery old = made.get(7);
        moveToTheUnshardedShape(old);
        // Some delivered, so that a status filter must pick them out of every shard.
        List<WebhookDelivery> delivered = new ArrayList<>();
        for (int i = 0; i < made.size(); i += 3) {
            WebhookDelivery pending = made.get(i);
            WebhookDelivery claimed = pending.claimed(clock.instant(), clock.instant().plusSeconds(120));
            WebhookDelivery done = claimed.delivered(200);
            assertThat(deliveries.replace(pending, claimed)).isTrue();
            assertThat(deliveries.replace(claimed, done)).isTrue();
            made.set(i, done);
            delivered.add(done);
        }
        Set<String> expectedPartitions = new HashSet<>();
        for (int shard = 0; shard < shards.count(); shard++) {
            expectedPartitions.add(Keys.webhookDeliveryPartition(subscription.id(), shard));
        }
        expectedPartitions.add(Keys.unshardedWebhookDeliveryPartition(subscription.id()));
        assertThat(new HashSet<>(partitionsOf("WEBHOOK#" + subscription.id(), "DELIVERY#")))
                .as("every shard and the old key hold deliveries").isEqualTo(expectedPartitions);

        List<WebhookDelivery> newestFirst = made.stream().sorted(Comparator.comparing(WebhookDelivery::id).reversed()).toList();
        assertThat(deliveries.ofSubscription(subscription.id(), Optional.empty(), 1000)).containsExactlyElementsOf(newestFirst);
        assertThat(deliveries.ofSubscription(subscription.id(), Optional.empty(), 5))
                .containsExactlyElementsOf(newestFirst.subList(0, 5));
        assertThat(deliveries.ofSubscription(subscription.id(), Optional.of(DeliveryStatus.DELIVERED), 1000))
                .containsExactlyElementsOf(delivered.stream().sorted(Comparator.comparing(WebhookDelivery::id).reversed()).toList());
        assertThat(deliveries.ofSubscription(subscription.id(), Optional.empty(), 1000)).as("the old one, once")
                .filteredOn(delivery -> delivery.id().equals(old.id())).hasSize(1);
    }

    @Test
    void aDeliveryWrittenBeforeShardingIsAttemptedAndRecordedWhereItIs() throws Exception {
        Receiver receiver = receiver(Receiver.answering());
        WebhookSubscription subscription = subscribe(receiver, "*");
        assertThat(dispatching.dispatch(weekSaved())).isEqualTo(1);
        WebhookDelivery pending = onlyDeliveryOf(subscription);
        moveToTheUnshardedShape(pending);
        assertThat(deliveries.find(subscription.id(), pending.id())).contains(pending);

        work(1);

        assertThat(receiver.received()).hasSize(1);
        assertThat(onlyDeliveryOf(subscription).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(partitionsOf("WEBHOOK#" + subscription.id(), "DELIVERY#"))
                .as("recorded in place, never copied into a shard")
                .containsExactly(Keys.unshardedWebhookDeliveryPartition(subscription.id()));
    }

    @Test
    void everyChangeOfASubscriptionReachesItsCopyInEveryShardAndADeleteRemovesThemAll() throws Exception {
        WebhookSubscription made = subscribe(receiver(Receiver.answering()), "*");
        LogShards shards = LogShards.fromEnvironment();
        Set<String> everyShard = new HashSet<>();
        for (int shard = 0; shard < shards.count(); shard++) {
            everyShard.add(Keys.webhookDeliveryPartition(made.id(), shard));
        }
        assertThat(new HashSet<>(partitionsOf("WEBHOOK#" + made.id() + "#", "SUBSCRIPTION"))).isEqualTo(everyShard);

        WebhookSubscription rotated = new RotatingAWebhookSecret(subscriptions, clock).rotate(ADMIN, made.id()).orElseThrow();
        subscriptions.markStatus(made.id(), SubscriptionStatus.FAILING);
        for (int shard = 0; shard < shards.count(); shard++) {
            // A delivery id of this shard reads this copy.
            String deliveryId = idInShard(shards, shard);
            assertThat(subscriptions.findToSend(made.id(), deliveryId)).hasValueSatisfying(copy -> {
                assertThat(copy.secret()).isEqualTo(rotated.secret());
                assertThat(copy.previousSecret()).isEqualTo(made.secret());
                assertThat(copy.status()).isEqualTo(SubscriptionStatus.FAILING);
            });
        }

        assertThat(subscriptions.delete(made.id())).isTrue();
        assertThat(partitionsOf("WEBHOOK#" + made.id(), "SUBSCRIPTION")).isEmpty();
        assertThat(subscriptions.findToSend(made.id(), idInShard(shards, 0))).isEmpty();
        assertThat(subscriptions.delete(made.id())).isFalse();
    }

    private static String idInShard(LogShards shards, int shard) {
        for (int i = 0; ; i++) {
            String id = "0000000000000-evt-" + i;
            if (shards.of(id) == shard) {
                return id;
            }
        }
    }

    @Test
    void anAttemptReadsTheSubscriptionFromTheCopyInItsShardAndFromTheItemWhenThereIsNone() throws Exception {
        Receiver copies = receiver(Receiver.answering());
        Receiver item = receiver(Receiver.answering());
        WebhookSubscription subscription = subscribe(copies, "*");
        // The item alone now names another receiver: an attempt that read the item would send there.
        tables.client().updateItem(update -> update.tableName(tables.tableName())
                .key(Keys.webhookSubscription(subscription.id()))
                .updateExpression("SET #url = :url")
                .expressionAttributeNames(Map.of("#url", "url"))
                .expressionAttributeValues(Map.of(":url", AttributeValue.fromS(item.url()))));
        dispatching.dispatch(weekSaved());
        work(1);
        assertThat(copies.received()).hasSize(1);
        assertThat(item.received()).isEmpty();

        // A subscription made before the copies existed has only the item.
        for (int shard = 0; shard < LogShards.fromEnvironment().count(); shard++) {
            Map<String, AttributeValue> copy = Keys.webhookSubscriptionCopy(subscription.id(), shard);
            tables.client().deleteItem(delete -> delete.tableName(tables.tableName()).key(copy));
        }
        dispatching.dispatch(weekSaved());
        work(1);
        assertThat(item.received()).hasSize(1);
        assertThat(copies.received()).hasSize(1);
    }
}
