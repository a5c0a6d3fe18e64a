package dev.lessonbook.functions.payment;

import static dev.lessonbook.fixtures.Bookings.aHold;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.DueWork;
import dev.lessonbook.booking.SchedulingPayments;
import dev.lessonbook.dynamodb.DueIndex;
import dev.lessonbook.dynamodb.DueShards;
import dev.lessonbook.dynamodb.FunctionEnvironment;
import dev.lessonbook.dynamodb.PrimingCheck;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.TestTable;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The handler as Lambda calls it, with the sample EventBridge event: wired, a run on an empty
 * table does nothing, and a run reaches the due work of every shard of the due index.
 */
@ExtendWith(LocalServersExtension.class)
class PaymentSchedulerHandlerIT {
    private static Tables tables;
    private static PaymentSchedulerHandler handler;

    private static String buildSetting;

    /** Eight shards (the default is 128), set before the table and the handler read the setting. */
    @BeforeAll
    static void handlerOnTheEmulators(LocalServers.Endpoints endpoints) {
        buildSetting = System.setProperty(DueShards.SETTING, "8");
        tables = FunctionEnvironment.prepare(endpoints);
        FunctionEnvironment.storeStripeSecret(endpoints, "/lessonbook-test/stripe-secret-scheduler");
        handler = new PaymentSchedulerHandler();
    }

    @AfterAll
    static void buildSettingAgain() {
        if (buildSetting == null) {
            System.clearProperty(DueShards.SETTING);
        } else {
            System.setProperty(DueShards.SETTING, buildSetting);
        }
    }

    @Test
    void theSampleScheduledEventRunsTheSchedulerOnce() {
        assertThat(new DynamoBookingStore(tables).findDue(DueWork.HOLD_EXPIRY, Instant.now(), 1)).as("nothing due").isEmpty();

        Map<String, Object> run = handler.handleRequest(sample(), new InvocationContext(120_000));

        assertThat(run).containsExactly(Map.entry("authorized", 0), Map.entry("paymentFailed", 0), Map.entry("deferred", 0),
                Map.entry("expired", 0), Map.entry("released", 0), Map.entry("settled", 0), Map.entry("completed", 0),
                Map.entry("renewed", 0), Map.entry("actionRequired", 0), Map.entry("authenticationLapsed", 0),
                Map.entry("bookings", 0), Map.entry("workMillis", 0L), Map.entry("workers", SchedulingPayments.Workers.DEFAULT),
                Map.entry("outOfTime", false));
    }

    @Test
    void primingBeforeTheSnapshotWritesNothing(LocalServers.Endpoints endpoints) {
        PrimingCheck.writesNothing(PaymentSchedulerHandler.PRIMING, endpoints);
    }

    /**
     * A lapsed hold (free lessons: no provider call) in every shard, and one whose booking a
     * version before sharding indexed under the unsharded key: one run expires them all.
     */
    @Test
    void aRunDrainsTheDueWorkOfEveryShardAndOfTheUnshardedKey() {
        DynamoBookingStore bookings = new DynamoBookingStore(tables);
        DueShards shards = tables.dueShards();
        Instant now = Instant.now();
        List<String> holds = new ArrayList<>();
        for (int shard = 0; shard <= shards.count(); shard++) {
            Booking hold = aHold(now.minusSeconds(60)).price(0, "usd").id(idInShard(shards, shard % shards.count(), "h" + shard))
                    .instructor("ins-shard-" + shard).student("stu-shard-" + shard).zone(ZoneOffset.UTC)
                    .startingAt(Instant.parse("2030-01-07T09:00:00Z")).createdAt(now.minus(Duration.ofMinutes(11))).build();
            bookings.reserve(hold, now.minus(Duration.ofMinutes(10)));
            holds.add(hold.id());
        }
        String unsharded = holds.get(shards.count());
        tables.client().updateItem(update -> update.tableName(tables.tableName()).key(Keys.booking(unsharded))
                .updateExpression("SET duepk = :unsharded")
                .expressionAttributeValues(Map.of(":unsharded", AttributeValue.fromS("DUE#HOLD_EXPIRY"))));
        assertThat(TestTable.scan(tables)).filteredOn(item -> item.containsKey(DueIndex.PK))
                .extracting(item -> item.get(DueIndex.PK).s())
                .containsExactlyInAnyOrderElementsOf(shards.partitions("DUE#HOLD_EXPIRY"));

        Map<String, Object> run = handler.handleRequest(sample(), new InvocationContext(120_000));

        assertThat(shards.count()).isEqualTo(8);
        assertThat(run).containsEntry("expired", holds.size()).containsEntry("outOfTime", false);
        assertThat(holds).allSatisfy(id -> assertThat(bookings.find(id).orElseThrow().status()).isEqualTo(BookingStatus.EXPIRED));
        assertThat(bookings.findDue(DueWork.HOLD_EXPIRY, Instant.now(), 100)).isEmpty();
    }

    /** A booking id whose due work lands in {@code shard}. */
    private static String idInShard(DueShards shards, int shard, String prefix) {
        for (int i = 0; ; i++) {
            String id = "bk_" + prefix + "_" + i;
            if (shards.of(id) == shard) {
                return id;
            }
        }
    }

    private static ScheduledEvent sample() {
        return EventLoader.loadScheduledEvent(
                Path.of(System.getProperty("lessonbook.root", "../.."), "events", "schedule", "payment-scheduler.json").toString());
    }
}
