package dev.lessonbook.dynamodb.booking;

import static dev.lessonbook.fixtures.Bookings.aHold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lessonbook.access.Role;
import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingChangedConcurrently;
import dev.lessonbook.booking.BookingEvents;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.BookingStore.RescheduleOutcome;
import dev.lessonbook.booking.BookingStore.ReserveOutcome;
import dev.lessonbook.booking.Cancellation;
import dev.lessonbook.booking.ConflictScope;
import dev.lessonbook.booking.RescheduledFrom;
import dev.lessonbook.calendar.CalendarDay;
import dev.lessonbook.dynamodb.calendar.DynamoCalendarDays;
import dev.lessonbook.booking.DuePages;
import dev.lessonbook.booking.DueWork;
import dev.lessonbook.dynamodb.DueIndex;
import dev.lessonbook.dynamodb.DueShards;
import dev.lessonbook.calendar.Occupancy;
import dev.lessonbook.calendar.TimeOff;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.TestTable;
import dev.lessonbook.dynamodb.calendar.DynamoCalendarDays;
import dev.lessonbook.dynamodb.view.DynamoViewCache;
import dev.lessonbook.emulators.Concurrently;
import dev.lessonbook.emulators.FaultProxy;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.fixtures.Bookings;
import dev.lessonbook.money.Money;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.payment.PaymentStatus;
import dev.lessonbook.stats.BookingStats;
import dev.lessonbook.view.FreshView;
import dev.lessonbook.view.ViewKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(LocalServersExtension.class)
class DynamoBookingStoreIT {
    private Tables tables;
    private DynamoBookingStore store;
    private String instructor;

    @BeforeEach
    void freshTable(LocalServers.Endpoints endpoints) {
        tables = TestTable.create(endpoints);
        store = new DynamoBookingStore(tables);
        instructor = "ins-" + UUID.randomUUID();
    }

    @Test
    void aReservedBookingReadsBackAsStoredAndHoldsOneLockPerQuarterHour() {
        Booking booking = pending().instructor(instructor).minutes(60).buffer(0, 15).build();

        assertThat(store.reserve(booking, Instant.now())).isEqualTo(new ReserveOutcome.Reserved(booking));

        assertThat(store.find(booking.id())).contains(booking);
        assertThat(locksOf(booking.id())).hasSize(5 + 4);
    }

    @Test
    void aDayAtItsLimitRefusesTheNextBookingWholeAndAReleaseMakesRoom() {
        java.time.LocalDate day = java.time.LocalDate.parse("2030-01-07");
        DynamoCalendarDays calendar = new DynamoCalendarDays(tables);
        Booking nine = pending().instructor(instructor).student("stu-a").startingAt(Instant.parse("2030-01-07T09:00:00Z")).build();
        Booking eleven = pending().instructor(instructor).student("stu-b").startingAt(Instant.parse("2030-01-07T11:00:00Z")).build();
        Booking two = pending().instructor(instructor).student("stu-c").startingAt(Instant.parse("2030-01-07T14:00:00Z")).build();

        assertThat(store.reserve(nine, Instant.now(), OptionalInt.of(2))).isEqualTo(new ReserveOutcome.Reserved(nine));
        assertThat(store.reserve(eleven, Instant.now(), OptionalInt.of(2))).isEqualTo(new ReserveOutcome.Reserved(eleven));
        assertThat(store.reserve(two, Instant.now(), OptionalInt.of(2))).isEqualTo(new ReserveOutcome.DailyLimitReached());

        assertThat(store.find(two.id())).isEmpty();
        assertThat(locksOf(two.id())).isEmpty();
        assertThat(calendar.find(instructor, day, day)).containsExactly(Map.entry(day, new CalendarDay(day, 2)));

        assertThat(store.releaseTo(nine.withStatus(BookingStatus.EXPIRED), BookingStatus.PENDING, List.of())).isTrue();
        assertThat(store.releaseTo(nine.withStatus(BookingStatus.EXPIRED), BookingStatus.PENDING, List.of())).isFalse();

        assertThat(calendar.find(instructor, day, day)).containsExactly(Map.entry(day, new CalendarDay(day, 1)));
        assertThat(store.reserve(two, Instant.now(), OptionalInt.of(2))).isEqualTo(new ReserveOutcome.Reserved(two));
        assertThat(calendar.find(instructor, day.minusDays(1), day.plusDays(1))).containsOnlyKeys(day);
    }

    @Test
    void withoutALimitEveryBookingIsStillCountedOnItsDay() {
        java.time.LocalDate day = java.time.LocalDate.parse("2030-01-07");
        for (int hour = 8; hour < 16; hour += 2) {
            Booking booking = pending().instructor(instructor).student("stu-" + hour)
                    .startingAt(Instant.parse("2030-01-07T%02d:00:00Z".formatted(hour))).build();
            assertThat(store.reserve(booking, Instant.now())).isInstanceOf(ReserveOutcome.Reserved.class);
        }

        assertThat(new DynamoCalendarDays(tables).find(instructor, day, day).get(day).lessons()).isEqualTo(4);
    }

    @Test
    void fiftyConcurrentOverlappingReservationsLeaveExactlyOneBooking() throws Exception {
        int contenders = 50;
        List<Callable<ReserveOutcome>> reservations = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            // Every request overlaps every other: starts 09:00 or 09:15, 60 minutes.
            Booking booking = pending().instructor(instructor).student("stu-" + i)
                    .startingAt(Instant.parse(i % 2 == 0 ? "2030-01-07T09:00:00Z" : "2030-01-07T09:15:00Z")).build();
            reservations.add(() -> store.reserve(booking, Instant.now()));
        }

        List<ReserveOutcome> outcomes = Concurrently.run(reservations, contenders);

        assertThat(outcomes).filteredOn(ReserveOutcome.Reserved.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> outcome.equals(new ReserveOutcome.Conflict(ConflictScope.INSTRUCTOR)))
                .hasSize(contenders - 1);
        Booking winner = ((ReserveOutcome.Reserved) outcomes.stream()
                .filter(ReserveOutcome.Reserved.class::isInstance).findFirst().orElseThrow()).booking();
        List<Map<String, AttributeValue>> items = TestTable.scan(tables);
        assertThat(items).filteredOn(item -> item.get("pk").s().startsWith("BOOKING#")).hasSize(1);
        assertThat(items).filteredOn(item -> item.get("sk").s().startsWith("LOCK#"))
                .allMatch(lock -> lock.get("bookingId").s().equals(winner.id()))
                .hasSize(winner.occupancy().instructorLockUnits().size() + winner.occupancy().studentLockUnits().size());
    }

    @Test
    void theInstructorAnswersWhenBothPeopleAreBusy() {
        store.reserve(pending().instructor(instructor).student("stu-a").build(), Instant.now());

        ReserveOutcome outcome = store.reserve(pending().instructor(instructor).student("stu-a").build(), Instant.now());

        assertThat(outcome).isEqualTo(new ReserveOutcome.Conflict(ConflictScope.INSTRUCTOR));
    }

    @Test
    void aStudentCannotTakeOverlappingLessonsWithTwoInstructors() {
        store.reserve(pending().instructor(instructor).student("stu-a").startingAt(Instant.parse("2030-01-07T09:00:00Z")).build(), Instant.now());

        ReserveOutcome outcome = store.reserve(pending().instructor("other-" + instructor).student("stu-a")
                .startingAt(Instant.parse("2030-01-07T09:30:00Z")).build(), Instant.now());

        assertThat(outcome).isEqualTo(new ReserveOutcome.Conflict(ConflictScope.STUDENT));
    }

    @Test
    void touchingLessonsAreFineForTheStudentButNotWithinTheInstructorsBuffer() {
        store.reserve(pending().instructor(instructor).student("stu-a").startingAt(Instant.parse("2030-01-07T09:00:00Z")).buffer(0, 15).build(),
                Instant.now());

        ReserveOutcome otherInstructor = store.reserve(pending().instructor("other-" + instructor).student("stu-a")
                .startingAt(Instant.parse("2030-01-07T10:00:00Z")).build(), Instant.now());
        ReserveOutcome sameInstructorInBuffer = store.reserve(pending().instructor(instructor).student("stu-b")
                .startingAt(Instant.parse("2030-01-07T10:00:00Z")).build(), Instant.now());
        ReserveOutcome sameInstructorAfterBuffer = store.reserve(pending().instructor(instructor).student("stu-c")
                .startingAt(Instant.parse("2030-01-07T10:15:00Z")).build(), Instant.now());

        assertThat(otherInstructor).isInstanceOf(ReserveOutcome.Reserved.class);
        assertThat(sameInstructorInBuffer).isEqualTo(new ReserveOutcome.Conflict(ConflictScope.INSTRUCTOR));
        assertThat(sameInstructorAfterBuffer).isInstanceOf(ReserveOutcome.Reserved.class);
    }

    @Test
    void aHoldWhoseExpiryPassedNoLongerBlocksTheSlot() {
        Instant now = Instant.now();
        Booking lapsed = pending().instructor(instructor).student("stu-a").pendingUntil(now.minusSeconds(1)).build();
        store.reserve(lapsed, now.minus(Duration.ofMinutes(10)));

        Booking next = pending().instructor(instructor).student("stu-b").build();

        assertThat(store.reserve(next, now)).isEqualTo(new ReserveOutcome.Reserved(next));
        assertThat(locksOf(lapsed.id())).as("the lapsed hold's instructor units were taken over")
                .noneMatch(lock -> lock.get("pk").s().equals(Keys.instructor(instructor)));
    }

    @Test
    void aLiveHoldBlocksTheSlot() {
        store.reserve(pending().instructor(instructor).student("stu-a").build(), Instant.now());

        assertThat(store.reserve(pending().instructor(instructor).student("stu-b").build(), Instant.now()))
                .isEqualTo(new ReserveOutcome.Conflict(ConflictScope.INSTRUCTOR));
    }

    @Test
    void aConfirmedBookingsLocksNeverExpire() {
        Instant now = Instant.now();
        Booking booking = pending().instructor(instructor).student("stu-a").pendingUntil(now.plusSeconds(60)).build();
        store.reserve(booking, now);
        store.confirm(booking.confirmed(now, Payment.notRequired("usd")), List.of());

        ReserveOutcome muchLater = store.reserve(pending().instructor(instructor).student("stu-b").build(),
                now.plus(Duration.ofDays(1)));

        assertThat(muchLater).isEqualTo(new ReserveOutcome.Conflict(ConflictScope.INSTRUCTOR));
        assertThat(locksOf(booking.id())).allMatch(lock -> !lock.containsKey(Keys.EXPIRES_AT));
        assertThat(store.find(booking.id()).orElseThrow().status()).isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void paymentFailedAndCancelledBookingsNeverBlock() {
        Instant now = Instant.now();
        Booking failed = pending().instructor(instructor).student("stu-a").build();
        store.reserve(failed, now);
        assertThat(store.releaseTo(failed.withStatus(BookingStatus.PAYMENT_FAILED), BookingStatus.PENDING, List.of())).isTrue();
        Booking cancelled = pending().instructor(instructor).student("stu-b").build();
        store.reserve(cancelled, now);
        store.confirm(cancelled.confirmed(now, Payment.notRequired("usd")), List.of());
        assertThat(store.releaseTo(cancelled.withStatus(BookingStatus.CANCELLED), BookingStatus.CONFIRMED, List.of())).isTrue();

        Booking next = pending().instructor(instructor).student("stu-c").build();

        assertThat(store.reserve(next, now)).isEqualTo(new ReserveOutcome.Reserved(next));
        assertThat(locksOf(failed.id())).isEmpty();
        assertThat(locksOf(cancelled.id())).isEmpty();
    }

    @Test
    void releasingALapsedHoldNeverDeletesTheLocksOfTheBookingThatTookItsTime() {
        Instant now = Instant.now();
        Booking lapsed = pending().instructor(instructor).student("stu-a").pendingUntil(now.minusSeconds(1)).build();
        store.reserve(lapsed, now.minus(Duration.ofMinutes(10)));
        Booking taker = pending().instructor(instructor).student("stu-b").build();
        store.reserve(taker, now);

        assertThat(store.releaseTo(lapsed.withStatus(BookingStatus.EXPIRED), BookingStatus.PENDING, List.of())).isTrue();

        assertThat(locksOf(taker.id())).hasSize(taker.occupancy().instructorLockUnits().size()
                + taker.occupancy().studentLockUnits().size());
        assertThat(locksOf(lapsed.id())).isEmpty();
        assertThat(store.find(lapsed.id()).orElseThrow().status()).isEqualTo(BookingStatus.EXPIRED);
    }

    @Test
    void confirmingAHoldTakenOverByAnotherBookingWritesNothing() {
        Instant now = Instant.now();
        Booking lapsed = pending().instructor(instructor).student("stu-a").pendingUntil(now.minusSeconds(1)).build();
        store.reserve(lapsed, now.minus(Duration.ofMinutes(10)));
        store.reserve(pending().instructor(instructor).student("stu-b").build(), now);

        assertThatThrownBy(() -> store.confirm(lapsed.confirmed(now, Payment.notRequired("usd")), List.of()))
                .isInstanceOfSatisfying(BookingChangedConcurrently.class,
                        lost -> assertThat(lost.takenBy()).contains(ConflictScope.INSTRUCTOR));
        assertThat(store.find(lapsed.id()).orElseThrow().status()).isEqualTo(BookingStatus.PENDING);
    }

    // --- the due index, write-sharded ---------------------------------------------------------

    /**
     * A lapsed hold in every shard of the due index, and one indexed under the unsharded key by a
     * version before sharding: every one is found, earliest due first, and a limit keeps the earliest.
     */
    @Test
    void dueWorkIsFoundInEveryShardAndUnderTheUnshardedKeyEarliestFirst() {
        Instant now = Instant.now();
        DueShards shards = tables.dueShards();
        Booking unsharded = pending().id(idInShard(shards, 0, "old")).instructor(instructor + "-old")
                .pendingUntil(now.minusSeconds(1000)).build();
        Map<String, AttributeValue> item = new HashMap<>(BookingItems.toItem(unsharded, shards));
        item.put(DueIndex.PK, AttributeValue.fromS("DUE#HOLD_EXPIRY"));
        tables.client().putItem(put -> put.tableName(tables.tableName()).item(item));
        List<String> earliestFirst = new ArrayList<>(List.of(unsharded.id()));
        for (int shard = 0; shard < shards.count(); shard++) {
            Booking hold = pending().id(idInShard(shards, shard, "new")).instructor(instructor + "-" + shard)
                    .student("stu-" + shard).pendingUntil(now.minusSeconds(500 - shard)).build();
            store.reserve(hold, now.minus(Duration.ofMinutes(10)));
            earliestFirst.add(hold.id());
        }
        assertThat(TestTable.scan(tables)).filteredOn(stored -> stored.containsKey(DueIndex.PK))
                .extracting(stored -> stored.get(DueIndex.PK).s())
                .containsExactlyInAnyOrderElementsOf(shards.partitions("DUE#HOLD_EXPIRY"));

        assertThat(store.findDue(DueWork.HOLD_EXPIRY, now, 100)).extracting(Booking::id).containsExactlyElementsOf(earliestFirst);
        assertThat(store.findDue(DueWork.HOLD_EXPIRY, now, 3)).extracting(Booking::id)
                .containsExactlyElementsOf(earliestFirst.subList(0, 3));
        assertThat(store.findDue(DueWork.HOLD_EXPIRY, now.minusSeconds(2000), 100)).as("none due yet").isEmpty();
        assertThat(store.findDue(DueWork.SCHEDULED_AUTHORIZATION, now, 100)).as("another kind of work").isEmpty();
    }

    /**
     * Paging (the payment scheduler takes all of its due work): several holds in some shards, read
     * a key per shard a round — every one comes, once, over several rounds; the store's pages list
     * them all too.
     */
    @Test
    void dueWorkIsPagedThroughEveryShardToItsEnd() {
        Instant now = Instant.now();
        DueShards shards = tables.dueShards();
        List<String> holds = new ArrayList<>();
        for (int shard = 0; shard < 3; shard++) {
            for (int n = 0; n < 3 - shard; n++) {
                Booking hold = pending().id(idInShard(shards, shard, "page" + n)).instructor(instructor + "-" + shard + "-" + n)
                        .student("stu-" + shard + "-" + n).pendingUntil(now.minusSeconds(100 + holds.size())).build();
                store.reserve(hold, now.minus(Duration.ofMinutes(10)));
                holds.add(hold.id());
            }
        }

        DueIndex.Pages pages = new DueIndex(tables).pages(shards.partitions("DUE#HOLD_EXPIRY"), BookingItems.dueBound(now), 1);
        List<String> paged = new ArrayList<>();
        int rounds = 0;
        for (List<Map<String, AttributeValue>> round = pages.next(); !round.isEmpty(); round = pages.next()) {
            rounds++;
            round.forEach(key -> paged.add(key.get(Keys.PK).s().substring("BOOKING#".length())));
        }
        assertThat(rounds).as("a shard of three holds takes three rounds").isEqualTo(3);
        assertThat(paged).containsExactlyInAnyOrderElementsOf(holds);

        DuePages due = store.due(DueWork.HOLD_EXPIRY, now);
        List<String> listed = new ArrayList<>();
        for (List<String> page = due.next(); !page.isEmpty(); page = due.next()) {
            listed.addAll(page);
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(holds);
        assertThat(store.due(DueWork.HOLD_EXPIRY, now.minusSeconds(1000)).next()).as("none due yet").isEmpty();
    }

    /** A booking id whose due work lands in {@code shard}. */
    private static String idInShard(DueShards shards, int shard, String prefix) {
        for (int i = 0; ; i++) {
            String id = "bk_" + prefix + "_" + shard + "_" + i;
            if (shards.of(id) == shard) {
                return id;
            }
        }
    }

    // --- writes whose answer is lost: the SDK's retry of a transaction that committed late ---------

    /**
     * The store on a client that gives up on an answer after {@code socketTimeout} and retries, as
     * the functions' client does after 25 s, through {@code proxy}.
     */
    private DynamoBookingStore throughProxy(FaultProxy proxy, LocalServers.Endpoints endpoints) {
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(proxy.endpoint())
                .region(Region.of(endpoints.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalServers.ACCESS_KEY, LocalServers.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(1)).build())
                .overrideConfiguration(settings -> settings.retryStrategy(retry -> retry.maxAttempts(3)))
                .build();
        return new DynamoBookingStore(new Tables(client, tables.tableName()));
    }

    /**
     * Runs {@code write} while DynamoDB stalls every transaction, until the SDK has sent it twice
     * (its first attempt timed out); then DynamoDB catches up, applying the first attempt before
     * the retry, as a stalled server does.
     */
    private <T> T answerLostThenRetried(FaultProxy proxy, java.util.concurrent.Callable<T> write) throws Exception {
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (FaultProxy.Injected stall = proxy.inject(
                request -> request.target().equals("DynamoDB_20120810.TransactWriteItems"), new FaultProxy.Fault.Stall())) {
            Future<T> answer = caller.submit(write);
            Instant giveUp = Instant.now().plusSeconds(20);
            while (stall.hits() < 2) {
                assertThat(Instant.now()).as("the SDK retried the transaction").isBefore(giveUp);
                Thread.sleep(10);
            }
            stall.close();
            return answer.get(20, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void aConfirmationCommittedLateIsNotReportedLostByTheRetryOfItsTransaction(LocalServers.Endpoints endpoints)
            throws Exception {
        Booking booking = pending().instructor(instructor).build();
        store.reserve(booking, Instant.now());
        Booking confirmed = booking.confirmed(Instant.now(), Payment.authorized(Money.of(6000, "usd"), "pi_late", "pm_card_visa"));

        try (FaultProxy proxy = FaultProxy.inFrontOf(endpoints.aws())) {
            DynamoBookingStore slow = throughProxy(proxy, endpoints);
            assertThat(answerLostThenRetried(proxy, () -> slow.confirm(confirmed, List.of()))).isEqualTo(confirmed);
        }

        assertThat(store.find(booking.id())).contains(confirmed);
    }

    @Test
    void aReleaseCommittedLateIsReportedAsWritten(LocalServers.Endpoints endpoints) throws Exception {
        Booking booking = pending().instructor(instructor).build();
        store.reserve(booking, Instant.now());
        Booking expired = booking.withStatus(BookingStatus.EXPIRED);

        try (FaultProxy proxy = FaultProxy.inFrontOf(endpoints.aws())) {
            DynamoBookingStore slow = throughProxy(proxy, endpoints);
            assertThat(answerLostThenRetried(proxy, () -> slow.releaseTo(expired, BookingStatus.PENDING, List.of())))
                    .as("the write that committed is reported as written").isTrue();
        }

        assertThat(store.find(booking.id())).contains(expired);
        assertThat(locksOf(booking.id())).isEmpty();
    }

    @Test
    void aSecondReservationWithTheSameIdReturnsTheExistingBooking() {
        Booking first = pending().instructor(instructor).student("stu-a").build();
        store.reserve(first, Instant.now());
        Booking twin = first.toBuilder().createdAt(first.createdAt().plusMillis(5)).build();

        assertThat(store.reserve(twin, Instant.now())).isEqualTo(new ReserveOutcome.AlreadyExists(first));
    }

    @Test
    void instructorBookingsAreListedByStartWithinTheRange() {
        Instant now = Instant.now();
        Booking nine = pending().instructor(instructor).student("a").startingAt(Instant.parse("2030-01-07T09:00:00Z")).build();
        Booking eleven = pending().instructor(instructor).student("b").startingAt(Instant.parse("2030-01-07T11:00:00Z")).build();
        Booking nextDay = pending().instructor(instructor).student("c").startingAt(Instant.parse("2030-01-08T09:00:00Z")).build();
        List.of(eleven, nextDay, nine).forEach(booking -> store.reserve(booking, now));

        assertThat(store.findByInstructor(instructor, Instant.parse("2030-01-07T00:00:00Z"), Instant.parse("2030-01-08T09:00:00Z")))
                .extracting(Booking::id).containsExactly(nine.id(), eleven.id());
    }

    @Test
    void recordingACancellationsSettlementDeletesItsInstructorsStatsView() {
        Instant now = Instant.now();
        Booking cancelled = cancelledWithAuthorization(now);
        ViewKey.Stats stats = new ViewKey.Stats(instructor);
        DynamoViewCache views = cachedStats(stats, now);

        Booking settled = cancelled.withPayment(Payment.authorized(Money.of(6000, "usd"), "pi_1", "pm_card_visa").withCapture(Money.of(3000, "usd"), "pi_1"));
        assertThat(store.update(settled, BookingStatus.CANCELLED, List.of())).isTrue();

        assertThat(views.find(stats, ZoneOffset.UTC, now)).as("no event announces a settlement").isEmpty();
        assertThat(store.find(cancelled.id()).orElseThrow().payment().amountCaptured()).isEqualTo(Money.of(3000, "usd"));
    }

    @Test
    void aCompletionWhoseEventAlsoInvalidatesTheStatsDeletesTheViewOnce() {
        Instant now = Instant.now();
        Booking booking = pending().instructor(instructor).student("stu-a").build();
        store.reserve(booking, now);
        Booking confirmed = booking.confirmed(now, Payment.authorized(Money.of(6000, "usd"), "pi_1", "pm_card_visa"));
        store.confirm(confirmed, List.of());
        ViewKey.Stats stats = new ViewKey.Stats(instructor);
        DynamoViewCache views = cachedStats(stats, now);
        Booking completed = confirmed.withStatus(BookingStatus.COMPLETED)
                .withPayment(Payment.authorized(Money.of(6000, "usd"), "pi_1", "pm_card_visa").withCapture(Money.of(6000, "usd"), "pi_1"));

        // One transaction may not touch an item twice: the event's delete and the payment's are one.
        assertThat(store.update(completed, BookingStatus.CONFIRMED,
                List.of(BookingEvents.completed(completed, now)))).isTrue();

        assertThat(views.find(stats, ZoneOffset.UTC, now)).isEmpty();
        assertThat(store.find(completed.id()).orElseThrow().status()).isEqualTo(BookingStatus.COMPLETED);
    }

    @Test
    void aPaymentChangeIsWrittenOverThePaymentItWasComputedFromAndDeletesTheStatsView() {
        Instant now = Instant.now();
        Booking completed = completedAndCaptured(now);
        ViewKey.Stats stats = new ViewKey.Stats(instructor);
        DynamoViewCache views = cachedStats(stats, now);
        Booking refunded = completed.withPayment(completed.payment().withRefundedTotal(Money.of(2000, "usd")));

        assertThat(store.updatePayment(refunded, completed, List.of())).isTrue();

        assertThat(store.find(completed.id())).contains(refunded);
        assertThat(views.find(stats, ZoneOffset.UTC, now)).isEmpty();
    }

    @Test
    void aPaymentChangeComputedFromAnOlderPaymentIsNotWritten() {
        Booking completed = completedAndCaptured(Instant.now());
        Booking disputed = completed.withPayment(completed.payment().withDisputeOpened("dp_1", Money.of(6000, "usd")));
        assertThat(store.updatePayment(disputed, completed, List.of())).isTrue();
        Booking closed = disputed.withPayment(disputed.payment().withDisputeClosed("dp_1", Money.of(6000, "usd"), true));
        assertThat(store.updatePayment(closed, disputed, List.of())).isTrue();

        // Computed from the read before the dispute: a refund, a second opening, each refused.
        Booking staleRefund = completed.withPayment(completed.payment().withRefundedTotal(Money.of(1000, "usd")));
        assertThat(store.updatePayment(staleRefund, completed, List.of())).isFalse();
        assertThat(store.updatePayment(disputed, completed, List.of())).isFalse();
        assertThat(store.updatePayment(closed.withPayment(closed.payment().withStatus(PaymentStatus.DISPUTED)), disputed,
                List.of())).isFalse();

        assertThat(store.find(completed.id())).contains(closed);
    }

    private Booking completedAndCaptured(Instant now) {
        Booking booking = pending().instructor(instructor).student("stu-a").build();
        store.reserve(booking, now);
        Booking confirmed = booking.confirmed(now, Payment.authorized(Money.of(6000, "usd"), "pi_1", "pm_card_visa"));
        store.confirm(confirmed, List.of());
        Booking completed = confirmed.withStatus(BookingStatus.COMPLETED)
                .withPayment(confirmed.payment().withCapture(Money.of(6000, "usd"), "pi_1"));
        assertThat(store.update(completed, BookingStatus.CONFIRMED, List.of())).isTrue();
        return completed;
    }

    private Booking cancelledWithAuthorization(Instant now) {
        Booking booking = pending().instructor(instructor).student("stu-a").build();
        store.reserve(booking, now);
        Booking confirmed = booking.confirmed(now, Payment.authorized(Money.of(6000, "usd"), "pi_1", "pm_card_visa"));
        store.confirm(confirmed, List.of());
        Booking cancelled = confirmed.cancelled(new Cancellation(Role.STUDENT, now, null, 50, Money.of(3000, "usd")), confirmed.payment());
        assertThat(store.releaseTo(cancelled, BookingStatus.CONFIRMED, List.of())).isTrue();
        return cancelled;
    }

    /** The instructor's stats view, filled as a reader fills it. */
    private DynamoViewCache cachedStats(ViewKey.Stats stats, Instant now) {
        DynamoViewCache views = new DynamoViewCache(tables);
        String token = views.beginFill(stats, now).orElseThrow();
        Money nothing = new Money(0, "usd");
        assertThat(views.completeFill(stats, token, FreshView.untilChanged(
                new BookingStats(instructor, 1, 1, 0, 0, nothing, nothing, 0, 0)), ZoneOffset.UTC, now)).isTrue();
        assertThat(views.find(stats, ZoneOffset.UTC, now)).isPresent();
        return views;
    }

    // Rescheduling (issue 16)

    @Test
    void aMoveReleasesTheOldUnitsTakesTheNewOnesAndKeepsThoseBothShare() {
        Booking booking = confirmed(pending().instructor(instructor).student("stu-a").buffer(0, 15));
        Booking moved = movedTo(booking, "2030-01-07T09:30:00Z");

        assertThat(store.reschedule(booking, moved, Instant.now(), OptionalInt.empty(), List.of(BookingEvents.rescheduled(booking, moved,
                Role.STUDENT, Instant.now())))).isEqualTo(new RescheduleOutcome.Moved(moved));

        assertThat(store.find(booking.id())).contains(moved);
        assertThat(locksOf(booking.id())).as("exactly the new time's units, none lapsing")
                .hasSize(moved.occupancy().instructorLockUnits().size() + moved.occupancy().studentLockUnits().size())
                .allMatch(lock -> !lock.containsKey(Keys.EXPIRES_AT));
        assertThat(TestTable.scan(tables)).filteredOn(item -> item.get("sk").s().startsWith("LOCK#"))
                .extracting(item -> item.get("pk").s() + " " + item.get("sk").s())
                .containsExactlyInAnyOrderElementsOf(lockKeysOf(moved));
        assertThat(store.reserve(pending().instructor(instructor).student("stu-b").startingAt(Instant.parse("2030-01-07T08:45:00Z"))
                .minutes(45).buffer(0, 0).build(), Instant.now())).as("the old time is free for others at once")
                .isInstanceOf(ReserveOutcome.Reserved.class);
    }

    @Test
    void aMovedBookingIsListedOnceAtItsNewStartAndItsStatsViewIsDeletedWithTheMove() {
        Instant now = Instant.now();
        Booking booking = confirmed(pending().instructor(instructor).student("stu-a"));
        Booking moved = movedTo(booking, "2030-01-08T15:00:00Z");
        ViewKey.Stats stats = new ViewKey.Stats(instructor);
        DynamoViewCache views = cachedStats(stats, now);

        store.reschedule(booking, moved, now, OptionalInt.empty(), List.of(BookingEvents.rescheduled(booking, moved, Role.INSTRUCTOR, now)));

        assertThat(store.findByInstructor(instructor, Instant.parse("2030-01-07T00:00:00Z"), Instant.parse("2030-01-09T00:00:00Z")))
                .as("the stats count what this lists: the moved lesson once").containsExactly(moved);
        assertThat(views.find(stats, ZoneOffset.UTC, now)).isEmpty();
    }

    @Test
    void aLessonMovesFifteenMinutesWithinItsOwnBuffer() {
        Booking booking = confirmed(pending().instructor(instructor).student("stu-a").buffer(15, 15));

        assertThat(store.reschedule(booking, movedTo(booking, "2030-01-07T09:15:00Z"), Instant.now(), OptionalInt.empty(), List.of()))
                .isInstanceOf(RescheduleOutcome.Moved.class);
    }

    @Test
    void aMoveOntoADayOffIsRefusedAndChangesNothing() {
        Booking booking = confirmed(pending().instructor(instructor).student("stu-a"));
        new DynamoCalendarDays(tables).takeOff(instructor, new TimeOff(LocalDate.parse("2030-01-08"), Optional.empty()));
        List<Map<String, AttributeValue>> before = TestTable.scan(tables);

        assertThat(store.reschedule(booking, movedTo(booking, "2030-01-08T09:00:00Z"), Instant.now(), OptionalInt.empty(), List.of()))
                .isEqualTo(new RescheduleOutcome.DayOff());

        assertThat(TestTable.scan(tables)).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void aMoveOntoAFullDayIsRefusedAndChangesNothing() {
        Booking booking = confirmed(pending().instructor(instructor).student("stu-a"));
        confirmed(pending().instructor(instructor).student("stu-b").startingAt(Instant.parse("2030-01-08T10:00:00Z")));
        List<Map<String, AttributeValue>> before = TestTable.scan(tables);

        assertThat(store.reschedule(booking, movedTo(booking, "2030-01-08T14:00:00Z"), Instant.now(), OptionalInt.of(1), List.of()))
                .isEqualTo(new RescheduleOutcome.DailyLimitReached());

        assertThat(TestTable.scan(tables)).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void aMoveWithinItsDayKeepsTheCountAndAMoveToAnotherDayMovesIt() {
        LocalDate monday = LocalDate.parse("2030-01-07");
        LocalDate tuesday = monday.plusDays(1);
        DynamoCalendarDays calendar = new DynamoCalendarDays(tables);
        Booking booking = confirmed(pending().instructor(instructor).student("stu-a"));
        Booking later = movedTo(booking, "2030-01-07T13:00:00Z");

        assertThat(store.reschedule(booking, later, Instant.now(), OptionalInt.of(1), List.of()))
                .as("its own day, full with itself, still takes it").isEqualTo(new RescheduleOutcome.Moved(later));
        assertThat(calendar.find(instructor, monday, tuesday)).containsExactly(Map.entry(monday, new CalendarDay(monday, 1)));

        Booking nextDay = movedTo(later, "2030-01-08T09:00:00Z");
        assertThat(store.reschedule(later, nextDay, Instant.now(), OptionalInt.of(1), List.of()))
                .isEqualTo(new RescheduleOutcome.Moved(nextDay));
        Map<LocalDate, CalendarDay> days = calendar.find(instructor, monday, tuesday);
        assertThat(Optional.ofNullable(days.get(monday)).map(CalendarDay::lessons).orElse(0)).isZero();
        assertThat(days.get(tuesday)).isEqualTo(new CalendarDay(tuesday, 1));
        assertThat(store.reserve(pending().instructor(instructor).student("stu-b").build(), Instant.now(), OptionalInt.of(1)))
                .as("the old day has room again").isInstanceOf(ReserveOutcome.Reserved.class);
    }

    @Test
    void thirtyBookingsMovedConcurrentlyIntoOneFreeTimeLeaveExactlyOneThere() throws Exception {
        int contenders = 30;
        List<Callable<RescheduleOutcome>> moves = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            Booking booking = confirmed(pending().instructor(instructor).student("stu-" + i)
                    .startingAt(Instant.parse("2030-01-08T09:00:00Z").plus(Duration.ofHours(2L * i))).buffer(0, 15));
            Booking moved = movedTo(booking, "2030-01-07T09:00:00Z");
            moves.add(() -> store.reschedule(booking, moved, Instant.now(), OptionalInt.empty(), List.of()));
        }

        List<RescheduleOutcome> outcomes = Concurrently.run(moves, contenders);

        assertThat(outcomes).filteredOn(RescheduleOutcome.Moved.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(new RescheduleOutcome.Conflict(ConflictScope.INSTRUCTOR)::equals).hasSize(contenders - 1);
        Booking winner = ((RescheduleOutcome.Moved) outcomes.stream().filter(RescheduleOutcome.Moved.class::isInstance)
                .findFirst().orElseThrow()).booking();
        List<String> target = lockKeysOf(winner);
        assertThat(TestTable.scan(tables)).filteredOn(item -> target.contains(item.get("pk").s() + " " + item.get("sk").s()))
                .hasSize(target.size())
                .allMatch(lock -> lock.get("bookingId").s().equals(winner.id()));
        assertThat(locksOf(winner.id())).hasSize(target.size());
    }

    @Test
    void ofTwoConcurrentMovesOfOneBookingOneWinsAndTheOtherFindsItChanged() throws Exception {
        Booking booking = confirmed(pending().instructor(instructor).student("stu-a"));
        Booking early = movedTo(booking, "2030-01-07T11:00:00Z");
        Booking late = movedTo(booking, "2030-01-07T15:00:00Z");

        List<RescheduleOutcome> outcomes = Concurrently.run(List.<Callable<RescheduleOutcome>>of(
                () -> store.reschedule(booking, early, Instant.now(), OptionalInt.empty(), List.of()),
                () -> store.reschedule(booking, late, Instant.now(), OptionalInt.empty(), List.of())), 2);

        assertThat(outcomes).filteredOn(RescheduleOutcome.Moved.class::isInstance).hasSize(1);
        assertThat(outcomes).contains(new RescheduleOutcome.Changed());
        Booking stored = store.find(booking.id()).orElseThrow();
        assertThat(TestTable.scan(tables)).filteredOn(item -> item.get("sk").s().startsWith("LOCK#"))
                .extracting(item -> item.get("pk").s() + " " + item.get("sk").s())
                .containsExactlyInAnyOrderElementsOf(lockKeysOf(stored));
    }

    @Test
    void aMoveRacingACancellationEndsInOneConsistentState() throws Exception {
        for (int round = 0; round < 5; round++) {
            Booking booking = confirmed(pending().instructor(instructor).student("stu-" + round)
                    .startingAt(Instant.parse("2030-01-07T09:00:00Z").plus(Duration.ofDays(round))));
            Booking moved = movedTo(booking, booking.startsAt().plus(Duration.ofHours(3)).toString());
            Booking cancelled = booking.cancelled(new Cancellation(Role.INSTRUCTOR, Instant.now(), null, 0,
                    Money.of(0, "usd")), booking.payment());

            List<Object> outcomes = Concurrently.run(List.<Callable<Object>>of(
                    () -> store.reschedule(booking, moved, Instant.now(), OptionalInt.empty(), List.of()),
                    () -> store.releaseTo(cancelled, BookingStatus.CONFIRMED, List.of())), 2);

            Booking stored = store.find(booking.id()).orElseThrow();
            if (outcomes.get(0) instanceof RescheduleOutcome.Moved) {
                assertThat(outcomes.get(1)).as("the cancellation read the booking before the move").isEqualTo(false);
                assertThat(stored).isEqualTo(moved);
                assertThat(locksOf(booking.id())).hasSize(lockKeysOf(moved).size());
            } else {
                assertThat(outcomes).containsExactly(new RescheduleOutcome.Changed(), true);
                assertThat(stored.status()).isEqualTo(BookingStatus.CANCELLED);
                assertThat(locksOf(booking.id())).isEmpty();
            }
        }
    }

    @Test
    void aWriteComputedBeforeAMoveCannotWriteTheOldTimeBack() {
        Booking booking = confirmed(pending().instructor(instructor).student("stu-a"));
        Booking moved = movedTo(booking, "2030-01-07T12:00:00Z");
        store.reschedule(booking, moved, Instant.now(), OptionalInt.empty(), List.of());

        assertThat(store.update(booking.withPayment(Payment.notRequired("usd")), BookingStatus.CONFIRMED, List.of())).isFalse();
        assertThat(store.find(booking.id())).contains(moved);
    }

    /** Reserved and confirmed: locks that never lapse. */
    private Booking confirmed(Bookings hold) {
        Booking pending = hold.build();
        assertThat(store.reserve(pending, Instant.now())).isInstanceOf(ReserveOutcome.Reserved.class);
        return store.confirm(pending.confirmed(Instant.now(), Payment.notRequired("usd")), List.of());
    }

    /** {@code booking} (in UTC) moved by the instructor to start at {@code isoStart}, its length and buffers kept. */
    private static Booking movedTo(Booking booking, String isoStart) {
        Instant startsAt = Instant.parse(isoStart);
        Instant endsAt = startsAt.plus(Duration.ofMinutes(booking.durationMinutes()));
        Occupancy before = booking.occupancy();
        int startMinute = startsAt.atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay() / 60;
        return booking.toBuilder()
                .date(startsAt.atZone(ZoneOffset.UTC).toLocalDate())
                .startMinute(startMinute)
                .endMinute(startMinute + booking.durationMinutes())
                .startsAt(startsAt)
                .endsAt(endsAt)
                .occupancy(new Occupancy(startsAt.minus(Duration.between(before.instructorFrom(), booking.startsAt())),
                        endsAt.plus(Duration.between(booking.endsAt(), before.instructorUntil())), startsAt, endsAt))
                .rescheduled(booking.rescheduled().next(RescheduledFrom.of(booking), false, null, null))
                .build();
    }

    private static List<String> lockKeysOf(Booking booking) {
        List<String> keys = new ArrayList<>();
        booking.occupancy().instructorLockUnits().forEach(unit -> keys.add(key(Keys.slotLock(Keys.instructor(booking.instructorId()), unit))));
        booking.occupancy().studentLockUnits().forEach(unit -> keys.add(key(Keys.slotLock(Keys.student(booking.studentId()), unit))));
        return keys;
    }

    private static String key(Map<String, AttributeValue> key) {
        return key.get("pk").s() + " " + key.get("sk").s();
    }

    private List<Map<String, AttributeValue>> locksOf(String bookingId) {
        return TestTable.scan(tables).stream()
                .filter(item -> item.get("sk").s().startsWith("LOCK#"))
                .filter(item -> item.get("bookingId").s().equals(bookingId))
                .toList();
    }

    /** A hold of ins-1's (the test's instructor set by the caller), 60 minutes online from 2030-01-07 09:00 UTC. */
    private static Bookings pending() {
        return aHold(Instant.now().plus(Duration.ofMinutes(10))).zone(ZoneOffset.UTC)
                .startingAt(Instant.parse("2030-01-07T09:00:00Z")).createdAt(Instant.now());
    }
}
