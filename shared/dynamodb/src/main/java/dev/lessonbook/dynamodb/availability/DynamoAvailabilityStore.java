package dev.lessonbook.dynamodb.availability;

import static dev.lessonbook.dynamodb.AttributeValues.s;

import dev.lessonbook.availability.AvailabilityStore;
import dev.lessonbook.availability.DaySlots;
import dev.lessonbook.availability.WeekAvailability;
import dev.lessonbook.availability.WeekVersion;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.Transactions;
import dev.lessonbook.event.DomainEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A week is one week item (version + the seven day bitmaps, so a week read is one atomic GetItem)
 * plus one day item per open date (what a booking checks: one small GetItem). A save writes all of
 * them and its event in one transaction, so readers see the old week or the new one, never a mix.
 */
public final class DynamoAvailabilityStore implements AvailabilityStore {
    private final Tables tables;

    public DynamoAvailabilityStore(Tables tables) {
        this.tables = tables;
    }

    @Override
    public Optional<VersionedWeek> findWeek(String instructorId, LocalDate weekStart) {
        Map<String, AttributeValue> item = tables.client().getItem(get -> get
                .tableName(tables.tableName())
                .key(Keys.week(instructorId, weekStart))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Map<LocalDate, DaySlots> days = new LinkedHashMap<>();
        item.get("days").m().forEach((date, bits) -> days.put(LocalDate.parse(date), DaySlots.fromBytes(bits.b().asByteArray())));
        return Optional.of(new VersionedWeek(new WeekAvailability(instructorId, weekStart, days), item.get("version").s()));
    }

    @Override
    public DaySlots findDay(String instructorId, LocalDate date) {
        Map<String, AttributeValue> item = tables.client().getItem(get -> get
                .tableName(tables.tableName())
                .key(Keys.day(instructorId, date))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? DaySlots.empty() : DaySlots.fromBytes(item.get("slots").b().asByteArray());
    }

    @Override
    public SaveOutcome saveWeek(VersionedWeek versioned, Optional<String> expectedVersion, List<DomainEvent> events) {
        WeekAvailability week = versioned.week();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(weekPut(versioned, expectedVersion)).build());
        for (int offset = 0; offset < 7; offset++) {
            LocalDate date = week.weekStart().plusDays(offset);
            DaySlots slots = week.day(date);
            writes.add(slots.isEmpty()
                    ? TransactWriteItem.builder().delete(Delete.builder().tableName(tables.tableName())
                            .key(Keys.day(week.instructorId(), date)).build()).build()
                    : TransactWriteItem.builder().put(Put.builder().tableName(tables.tableName())
                            .item(dayItem(week.instructorId(), date, slots)).build()).build());
        }
        try {
            tables.commit(writes, events);
            return new SaveOutcome.Saved(versioned);
        } catch (TransactionCanceledException cancelled) {
            if (expectedVersion.isPresent() && "ConditionalCheckFailed".equals(Transactions.reasonCodes(cancelled).get(0))) {
                String current = findWeek(week.instructorId(), week.weekStart()).map(VersionedWeek::version).orElse(WeekVersion.EMPTY);
                return new SaveOutcome.VersionMismatch(current);
            }
            throw cancelled;
        }
    }

    private Put weekPut(VersionedWeek versioned, Optional<String> expectedVersion) {
        WeekAvailability week = versioned.week();
        Map<String, AttributeValue> item = new HashMap<>(Keys.week(week.instructorId(), week.weekStart()));
        Map<String, AttributeValue> days = new LinkedHashMap<>();
        week.days().forEach((date, slots) -> days.put(date.toString(), AttributeValue.fromB(SdkBytes.fromByteArray(slots.toBytes()))));
        item.put("instructorId", s(week.instructorId()));
        item.put("weekStart", s(week.weekStart().toString()));
        item.put("version", s(versioned.version()));
        item.put("days", AttributeValue.fromM(days));
        Put.Builder put = Put.builder().tableName(tables.tableName()).item(item);
        expectedVersion.ifPresent(expected -> {
            // The version is a content hash, so an unsaved week has the version of an empty one.
            put.conditionExpression(expected.equals(WeekVersion.EMPTY)
                            ? "attribute_not_exists(pk) OR version = :expected"
                            : "version = :expected")
                    .expressionAttributeValues(Map.of(":expected", s(expected)));
        });
        return put.build();
    }

    private static Map<String, AttributeValue> dayItem(String instructorId, LocalDate date, DaySlots slots) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.day(instructorId, date));
        item.put("slots", AttributeValue.fromB(SdkBytes.fromByteArray(slots.toBytes())));
        return item;
    }
}
