package dev.lessonbook.dynamodb.booking;

import static dev.lessonbook.dynamodb.AttributeValues.n;
import static dev.lessonbook.dynamodb.AttributeValues.s;

import dev.lessonbook.booking.Booking;
import dev.lessonbook.booking.BookingChangedConcurrently;
import dev.lessonbook.booking.BookingStatus;
import dev.lessonbook.booking.BookingStore;
import dev.lessonbook.booking.ConflictScope;
import dev.lessonbook.booking.DuePages;
import dev.lessonbook.booking.DueWork;
import dev.lessonbook.dynamodb.DueIndex;
import dev.lessonbook.calendar.LockMove;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.Transactions;
import dev.lessonbook.dynamodb.calendar.DynamoCalendarDays;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.payment.Payment;
import dev.lessonbook.view.InvalidatedViews;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Bookings and their slot locks. A booking owns one lock item per 15-minute unit of the time it
 * occupies: its instructor's (buffers included) and its student's. The locks are written in the
 * same transaction as the booking, each on condition that nobody holds that unit.
 */
public final class DynamoBookingStore implements BookingStore {
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private final Tables tables;

    public DynamoBookingStore(Tables tables) {
        this.tables = tables;
    }

    @Override
    public ReserveOutcome reserve(Booking pending, Instant now, OptionalInt maxLessonsPerDay) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder()
                .tableName(tables.tableName())
                .item(BookingItems.toItem(pending, tables.dueShards()))
                .conditionExpression("attribute_not_exists(pk)")
                .build()).build());
        List<Map<String, AttributeValue>> instructorLocks = instructorLocks(pending);
        List<Map<String, AttributeValue>> studentLocks = studentLocks(pending);
        // Instructor locks come first, so that when both people are busy the instructor's lock is
        // the first reported failure and answers (docs/spec.md §5.7).
        for (Map<String, AttributeValue> key : concat(instructorLocks, studentLocks)) {
            writes.add(TransactWriteItem.builder().put(lockPut(key, pending, now)).build());
        }
        int dayIndex = writes.size();
        writes.add(TransactWriteItem.builder().update(countOnDay(pending, maxLessonsPerDay)).build());
        try {
            tables.commit(writes, List.of(), requestToken(pending));
            return new ReserveOutcome.Reserved(pending);
        } catch (TransactionCanceledException cancelled) {
            List<String> reasons = Transactions.reasonCodes(cancelled);
            if (reasons.isEmpty()) {
                throw cancelled;
            }
            if (CONDITION_FAILED.equals(reasons.get(0))) {
                Optional<Booking> existing = find(pending.id());
                if (existing.isPresent()) {
                    return new ReserveOutcome.AlreadyExists(existing.get());
                }
            }
            // A day off or a full day refuses the whole date, so it answers before a conflict at one
            // time. Which of the two is read back: only a refused request pays for that read. (A
            // transaction cancelled for throttling may carry fewer reasons than items.)
            if (dayIndex < reasons.size() && CONDITION_FAILED.equals(reasons.get(dayIndex))) {
                return new DynamoCalendarDays(tables).isOff(pending.instructorId(), pending.date())
                        ? new ReserveOutcome.DayOff()
                        : new ReserveOutcome.DailyLimitReached();
            }
            int firstFailedLock = firstFailure(reasons, 1);
            if (firstFailedLock < 0) {
                throw cancelled;
            }
            return new ReserveOutcome.Conflict(
                    firstFailedLock <= instructorLocks.size() ? ConflictScope.INSTRUCTOR : ConflictScope.STUDENT);
        }
    }

    /**
     * Counts the booking on its instructor's local date, on condition that the date is not off
     * and, with a limit, holds fewer lessons than it. Both are conditions on the one day item,
     * evaluated by DynamoDB inside the booking's own transaction: of concurrent bookings of one
     * day only as many commit as the limit leaves room for, and a time off written before the
     * transaction refuses it while one written after finds it counted
     * ({@link DynamoCalendarDays#takeOff}). A cancelled booking is no longer counted
     * ({@link #uncountOnDay}). Adding to a set is idempotent, so a retried transaction counts a
     * booking once.
     */
    private Update countOnDay(Booking pending, OptionalInt maxLessonsPerDay) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":booking", AttributeValue.fromSs(List.of(pending.id()))));
        String condition = "attribute_not_exists(timeOff)";
        if (maxLessonsPerDay.isPresent()) {
            condition += " AND (attribute_not_exists(lessons) OR size(lessons) < :max)";
            values.put(":max", n(maxLessonsPerDay.getAsInt()));
        }
        return Update.builder()
                .tableName(tables.tableName())
                .key(Keys.calendarDay(pending.instructorId(), pending.date()))
                .updateExpression("ADD lessons :booking")
                .conditionExpression(condition)
                .expressionAttributeValues(values)
                .build();
    }

    /** The booking no longer holds time on its day; removing an absent member is a no-op. */
    private TransactWriteItem uncountOnDay(Booking released) {
        return TransactWriteItem.builder().update(Update.builder()
                .tableName(tables.tableName())
                .key(Keys.calendarDay(released.instructorId(), released.date()))
                .updateExpression("DELETE lessons :booking")
                .expressionAttributeValues(Map.of(":booking", AttributeValue.fromSs(List.of(released.id()))))
                .build()).build();
    }

    /**
     * A lock unit is free when no item exists, or when the item is a hold whose expiry passed.
     * A confirmed booking's locks carry no expiry, so the second clause never frees them. The
     * condition is evaluated by DynamoDB inside the transaction, so two requests racing for the
     * same unit cannot both pass it: that is the whole double-booking guarantee.
     */
    private Put lockPut(Map<String, AttributeValue> key, Booking owner, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("bookingId", s(owner.id()));
        // A hold's locks lapse with it; a confirmed booking's (taken by a move) never do.
        if (owner.holdExpiresAt() != null) {
            item.put(Keys.EXPIRES_AT, n(owner.holdExpiresAt().getEpochSecond()));
        }
        return Put.builder()
                .tableName(tables.tableName())
                .item(item)
                .conditionExpression("attribute_not_exists(pk) OR #expiresAt < :now")
                .expressionAttributeNames(Map.of("#expiresAt", Keys.EXPIRES_AT))
                .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond())))
                .build();
    }

    @Override
    public Booking confirm(Booking confirmed, List<DomainEvent> events) {
        return confirm(confirmed, events, null);
    }

    /**
     * The confirmation, and with {@code studentsCustomerId} a put of the student's customer item
     * ({@link Keys#studentCustomer}) in the same transaction, on condition that none is stored or
     * the same one is: no write request added. Should another customer be stored already (a first
     * booking more than 24 h after a concurrent one's customer call, Stripe's key forgotten), that
     * one stays and the booking is confirmed without the put, naming its own customer.
     */
    @Override
    public Booking confirm(Booking confirmed, List<DomainEvent> events, String studentsCustomerId) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(bookingPut(confirmed, BookingStatus.PENDING));
        int instructorLockCount = confirmed.occupancy().instructorLockUnits().size();
        for (Map<String, AttributeValue> key : concat(instructorLocks(confirmed), studentLocks(confirmed))) {
            // The hold becomes permanent: the lock loses its expiry, if it is still this booking's.
            writes.add(TransactWriteItem.builder().update(Update.builder()
                    .tableName(tables.tableName())
                    .key(key)
                    .updateExpression("REMOVE #expiresAt")
                    .conditionExpression("bookingId = :bookingId")
                    .expressionAttributeNames(Map.of("#expiresAt", Keys.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":bookingId", s(confirmed.id())))
                    .build()).build());
        }
        // After the locks, so that reason i + 1 is still lock i's.
        int customerIndex = writes.size();
        if (studentsCustomerId != null) {
            writes.add(TransactWriteItem.builder().put(Put.builder()
                    .tableName(tables.tableName())
                    .item(studentCustomerItem(confirmed.studentId(), studentsCustomerId))
                    .conditionExpression("attribute_not_exists(pk) OR #customerId = :customerId")
                    .expressionAttributeNames(Map.of("#customerId", Keys.CUSTOMER_ID))
                    .expressionAttributeValues(Map.of(":customerId", s(studentsCustomerId)))
                    .build()).build());
        }
        try {
            tables.commit(writes, events);
            return confirmed;
        } catch (TransactionCanceledException cancelled) {
            List<String> reasons = Transactions.reasonCodes(cancelled);
            if (studentsCustomerId != null) {
                // Whatever cancelled it (another customer stored, the booking confirmed by this
                // call's own earlier attempt, a lost hold), the confirmation alone answers it.
                return confirm(confirmed, events, null);
            }
            int firstFailedLock = firstFailure(reasons, 1);
            if (firstFailedLock > 0) {
                throw new BookingChangedConcurrently("Booking " + confirmed.id() + " lost its hold before confirmation",
                        firstFailedLock <= instructorLockCount ? ConflictScope.INSTRUCTOR : ConflictScope.STUDENT);
            }
            if (reasons.contains(CONDITION_FAILED)) {
                throw new BookingChangedConcurrently("Booking " + confirmed.id() + " is no longer PENDING");
            }
            throw cancelled;
        }
    }

    @Override
    public boolean releaseTo(Booking released, BookingStatus expectedStatus, List<DomainEvent> events) {
        return release(bookingPut(released, expectedStatus), released, events);
    }

    @Override
    public boolean releaseToIfPaymentIs(Booking released, Booking asRead, List<DomainEvent> events) {
        return release(bookingPutIfPaymentIs(released, asRead), released, events);
    }

    private boolean release(TransactWriteItem bookingPut, Booking released, List<DomainEvent> events) {
        List<Map<String, AttributeValue>> locks = new ArrayList<>(concat(instructorLocks(released), studentLocks(released)));
        // A lapsed hold's units may already belong to another booking: those are skipped, never deleted.
        for (int attempt = 0; attempt < 3; attempt++) {
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(bookingPut);
            for (Map<String, AttributeValue> key : locks) {
                writes.add(TransactWriteItem.builder().delete(Delete.builder()
                        .tableName(tables.tableName())
                        .key(key)
                        .conditionExpression("attribute_not_exists(pk) OR bookingId = :bookingId")
                        .expressionAttributeValues(Map.of(":bookingId", s(released.id())))
                        .build()).build());
            }
            // After the locks, so that reason i + 1 is still lock i's.
            writes.add(uncountOnDay(released));
            try {
                tables.commit(writes, events);
                return true;
            } catch (TransactionCanceledException cancelled) {
                List<String> reasons = Transactions.reasonCodes(cancelled);
                if (reasons.isEmpty()) {
                    throw cancelled;
                }
                if (CONDITION_FAILED.equals(reasons.get(0))) {
                    return false;
                }
                List<Map<String, AttributeValue>> stillOurs = new ArrayList<>();
                for (int i = 0; i < locks.size(); i++) {
                    if (!CONDITION_FAILED.equals(reasons.get(i + 1))) {
                        stillOurs.add(locks.get(i));
                    }
                }
                if (stillOurs.size() == locks.size()) {
                    throw cancelled;
                }
                locks = stillOurs;
            }
        }
        throw new BookingChangedConcurrently("Booking " + released.id() + " could not release its locks");
    }

    @Override
    public boolean update(Booking updated, BookingStatus expectedStatus, List<DomainEvent> events) {
        return putUnlessChanged(bookingPut(updated, expectedStatus), updated, events);
    }

    @Override
    public boolean updatePayment(Booking updated, Booking asRead, List<DomainEvent> events) {
        return putUnlessChanged(bookingPutIfPaymentIs(updated, asRead), updated, events);
    }

    /** The booking's conditional put with its events; false when the stored booking failed the condition. */
    private boolean putUnlessChanged(TransactWriteItem put, Booking updated, List<DomainEvent> events) {
        try {
            // A settlement's payment is announced by no event, but the stats sum it.
            tables.commit(List.of(put), events, InvalidatedViews.byPaymentOf(updated));
            return true;
        } catch (TransactionCanceledException cancelled) {
            List<String> reasons = Transactions.reasonCodes(cancelled);
            if (!reasons.isEmpty() && CONDITION_FAILED.equals(reasons.get(0))) {
                return false;
            }
            throw cancelled;
        }
    }

    @Override
    public Optional<Booking> find(String bookingId) {
        Map<String, AttributeValue> item = tables.client().getItem(get -> get
                .tableName(tables.tableName())
                .key(Keys.booking(bookingId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(BookingItems.fromItem(item));
    }

    @Override
    public List<Booking> findByInstructor(String instructorId, Instant from, Instant to) {
        return tables.client().queryPaginator(query -> query
                        .tableName(tables.tableName())
                        .indexName(Keys.GSI1)
                        .keyConditionExpression("gsi1pk = :owner AND gsi1sk BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(
                                ":owner", s(Keys.instructor(instructorId)),
                                ":from", s(from.toString()),
                                // '#' sorts before every id character: this bound excludes startsAt == to.
                                ":to", s(to.toString() + "#"))))
                .items().stream()
                .map(BookingItems::fromItem)
                .toList();
    }

    /**
     * The sparse, keys-only {@code due} index gives the booking keys in due order, from every shard
     * of {@code kind} at once ({@link DueIndex}); each booking is then read consistently, since the
     * index may lag the item.
     */
    @Override
    public List<Booking> findDue(DueWork kind, Instant until, int limit) {
        List<Booking> due = new ArrayList<>();
        for (Map<String, AttributeValue> key : new DueIndex(tables).earliest(
                tables.dueShards().partitions(BookingItems.duePartition(kind)), BookingItems.dueBound(until), limit)) {
            find(bookingIdOf(key)).ifPresent(due::add);
        }
        return due;
    }

    /**
     * Every shard of {@code kind} (and the unsharded key) paged through with the index's own
     * pagination ({@link DueIndex#pages}), {@value #DUE_PAGE_PER_SHARD} keys of each shard a round:
     * the ids only, the caller reads each booking (consistently) where it works on it.
     */
    @Override
    public DuePages due(DueWork kind, Instant until) {
        DueIndex.Pages pages = new DueIndex(tables).pages(tables.dueShards().partitions(BookingItems.duePartition(kind)),
                BookingItems.dueBound(until), DUE_PAGE_PER_SHARD);
        return () -> pages.next().stream().map(DynamoBookingStore::bookingIdOf).toList();
    }

    /** Keys of each shard per round of {@link #due}: with the default 128 shards, up to 12,900 ids a round. */
    static final int DUE_PAGE_PER_SHARD = 100;

    private static String bookingIdOf(Map<String, AttributeValue> key) {
        String pk = key.get(Keys.PK).s();
        return pk.substring(pk.indexOf('#') + 1);
    }

    /**
     * Writes {@code booking} over the stored one if that is still in {@code expectedStatus} and was
     * moved as often as {@code moves} says: a writer that read the booking before a reschedule
     * (a cancellation, a settlement, a second reschedule) cannot write the old time back over the
     * new one. Items written before the count existed have none, and have never moved.
     */
    private TransactWriteItem bookingPut(Booking booking, BookingStatus expectedStatus, int moves) {
        return TransactWriteItem.builder().put(Put.builder()
                .tableName(tables.tableName())
                .item(BookingItems.toItem(booking, tables.dueShards()))
                .conditionExpression("#status = :expected AND " + movedAsOften(moves))
                .expressionAttributeNames(Map.of("#status", "status", "#moves", BookingItems.RESCHEDULE_COUNT))
                .expressionAttributeValues(Map.of(":expected", s(expectedStatus.name()), ":moves", n(moves)))
                .build()).build();
    }

    /** The stored booking was moved {@code moves} times ({@code #moves}, {@code :moves}); items from before the count have none. */
    private static String movedAsOften(int moves) {
        return moves == 0 ? "(attribute_not_exists(#moves) OR #moves = :moves)" : "#moves = :moves";
    }

    /** A write of a booking that does not move it: conditional on its status and its own count of moves. */
    private TransactWriteItem bookingPut(Booking booking, BookingStatus expectedStatus) {
        return bookingPut(booking, expectedStatus, booking.rescheduleCount());
    }

    /**
     * One transaction: the booking (conditional on the status and count of moves read), a put of
     * each newly taken unit under reserve's condition, a delete of each released unit on
     * condition that it is still this booking's, and the event with the views it makes stale.
     * Units both times share are not touched: one transaction may not touch an item twice, and
     * they stay this booking's throughout. Instructor units come before the student's, so the
     * instructor's conflict answers when both are busy (docs/spec.md §5.7). A move to another local
     * date then takes the booking off the old date's calendar day and counts it on the new one's
     * under reserve's conditions ({@link #countOnDay}); a day off or a full day answers before a
     * conflict, as for a new booking. Never retried on a failed condition: a lost move is the
     * caller's to decide again.
     */
    @Override
    public RescheduleOutcome reschedule(Booking before, Booking after, Instant now, OptionalInt maxLessonsPerDay,
            List<DomainEvent> events) {
        LockMove move = LockMove.between(before.occupancy(), after.occupancy());
        String instructor = Keys.instructor(after.instructorId());
        String student = Keys.student(after.studentId());
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(bookingPut(after, before.status(), before.rescheduleCount()));
        for (long unit : move.instructorTaken()) {
            writes.add(TransactWriteItem.builder().put(lockPut(Keys.slotLock(instructor, unit), after, now)).build());
        }
        for (long unit : move.studentTaken()) {
            writes.add(TransactWriteItem.builder().put(lockPut(Keys.slotLock(student, unit), after, now)).build());
        }
        int takenUntil = writes.size();
        for (long unit : move.instructorReleased()) {
            writes.add(lockDelete(Keys.slotLock(instructor, unit), after));
        }
        for (long unit : move.studentReleased()) {
            writes.add(lockDelete(Keys.slotLock(student, unit), after));
        }
        int dayIndex = -1;
        if (!before.date().equals(after.date())) {
            writes.add(uncountOnDay(before));
            dayIndex = writes.size();
            writes.add(TransactWriteItem.builder().update(countOnDay(after, maxLessonsPerDay)).build());
        }
        try {
            tables.commit(writes, events, Set.of(), moveToken());
            return new RescheduleOutcome.Moved(after);
        } catch (TransactionCanceledException cancelled) {
            List<String> reasons = Transactions.reasonCodes(cancelled);
            if (reasons.isEmpty()) {
                throw cancelled;
            }
            if (CONDITION_FAILED.equals(reasons.get(0))) {
                return new RescheduleOutcome.Changed();
            }
            if (dayIndex > 0 && dayIndex < reasons.size() && CONDITION_FAILED.equals(reasons.get(dayIndex))) {
                return new DynamoCalendarDays(tables).isOff(after.instructorId(), after.date())
                        ? new RescheduleOutcome.DayOff()
                        : new RescheduleOutcome.DailyLimitReached();
            }
            int firstFailedLock = firstFailure(reasons, 1);
            if (firstFailedLock > 0 && firstFailedLock < takenUntil) {
                return new RescheduleOutcome.Conflict(firstFailedLock <= move.instructorTaken().size()
                        ? ConflictScope.INSTRUCTOR : ConflictScope.STUDENT);
            }
            if (firstFailedLock > 0) {
                // A released unit that is not this booking's: the stored booking is not as read.
                return new RescheduleOutcome.Changed();
            }
            throw cancelled;
        }
    }

    private TransactWriteItem lockDelete(Map<String, AttributeValue> key, Booking owner) {
        return TransactWriteItem.builder().delete(Delete.builder()
                .tableName(tables.tableName())
                .key(key)
                .conditionExpression("bookingId = :bookingId")
                .expressionAttributeValues(Map.of(":bookingId", s(owner.id())))
                .build()).build();
    }

    /**
     * The booking's put, on condition that its status and every part of its payment a change is
     * computed from — status, amounts, intent, dispute — and its count of moves are still those of
     * {@code asRead} (a payment change computed before a reschedule never writes the old time back). Stated
     * field by field, not as a version or a digest, so items written by any earlier release of
     * the code are compared the same way.
     */
    private TransactWriteItem bookingPutIfPaymentIs(Booking updated, Booking asRead) {
        Payment payment = asRead.payment();
        Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#payment", "payment",
                "#paymentStatus", "status", "#intent", "paymentIntentId", "#dispute", "dispute",
                "#moves", BookingItems.RESCHEDULE_COUNT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":status", s(asRead.status().name()),
                ":moves", n(asRead.rescheduleCount()),
                ":paymentStatus", s(payment.status().name()),
                ":authorized", n(payment.amountAuthorized().amount()),
                ":captured", n(payment.amountCaptured().amount()),
                ":refunded", n(payment.amountRefunded().amount())));
        StringBuilder condition = new StringBuilder("#status = :status AND #payment.#paymentStatus = :paymentStatus"
                + " AND #payment.amountAuthorized = :authorized AND #payment.amountCaptured = :captured"
                + " AND #payment.amountRefunded = :refunded AND " + movedAsOften(asRead.rescheduleCount()));
        if (payment.paymentIntentId() == null) {
            condition.append(" AND attribute_not_exists(#payment.#intent)");
        } else {
            condition.append(" AND #payment.#intent = :intent");
            values.put(":intent", s(payment.paymentIntentId()));
        }
        if (payment.dispute() == null) {
            condition.append(" AND attribute_not_exists(#payment.#dispute)");
        } else {
            condition.append(" AND #payment.#dispute.#outcome = :outcome");
            names.put("#outcome", "outcome");
            values.put(":outcome", s(payment.dispute().outcome().name()));
        }
        return TransactWriteItem.builder().put(Put.builder()
                .tableName(tables.tableName())
                .item(BookingItems.toItem(updated, tables.dueShards()))
                .conditionExpression(condition.toString())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build()).build();
    }

    private static List<Map<String, AttributeValue>> instructorLocks(Booking booking) {
        String owner = Keys.instructor(booking.instructorId());
        return booking.occupancy().instructorLockUnits().stream().map(unit -> Keys.slotLock(owner, unit)).toList();
    }

    private static List<Map<String, AttributeValue>> studentLocks(Booking booking) {
        String owner = Keys.student(booking.studentId());
        return booking.occupancy().studentLockUnits().stream().map(unit -> Keys.slotLock(owner, unit)).toList();
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static Map<String, AttributeValue> studentCustomerItem(String studentId, String customerId) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.studentCustomer(studentId));
        item.put("studentId", s(studentId));
        item.put(Keys.CUSTOMER_ID, s(customerId));
        return item;
    }

    private static int firstFailure(List<String> reasons, int fromIndex) {
        for (int i = fromIndex; i < reasons.size(); i++) {
            if (CONDITION_FAILED.equals(reasons.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Makes the SDK's own retries of a move idempotent, so a retry of a move that committed is
     * answered as committed, not as a booking that changed meanwhile. Fresh for every call: two
     * moves never share one, even to the same time, while the SDK's retries of this call repeat it.
     */
    private static String moveToken() {
        return UUID.randomUUID().toString();
    }

    /**
     * Makes the SDK's own retries of this call idempotent. It differs between two requests that
     * reserve the same booking id (their createdAt differs), so a concurrent twin is answered by
     * the booking's put condition, not by a token mismatch error.
     */
    private static String requestToken(Booking pending) {
        return token(pending.id() + "|" + pending.createdAt());
    }

    private static String token(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 18);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

}
