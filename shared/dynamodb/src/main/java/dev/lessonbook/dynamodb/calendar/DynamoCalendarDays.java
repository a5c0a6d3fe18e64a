package dev.lessonbook.dynamodb.calendar;

import static dev.lessonbook.dynamodb.AttributeValues.s;

import dev.lessonbook.calendar.CalendarDay;
import dev.lessonbook.calendar.CalendarDays;
import dev.lessonbook.calendar.TimeOff;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The calendar day items ({@code INSTRUCTOR#id / CALENDAR#date}): {@code lessons}, the set of
 * bookings counted on the date, which the booking transactions write
 * ({@link dev.lessonbook.dynamodb.booking.DynamoBookingStore}), and {@code timeOff}
 * ({@code {reason?}}), on whose absence every booking transaction conditions.
 */
public final class DynamoCalendarDays implements CalendarDays {
    private final Tables tables;

    public DynamoCalendarDays(Tables tables) {
        this.tables = tables;
    }

    @Override
    public Map<LocalDate, CalendarDay> find(String instructorId, LocalDate from, LocalDate to) {
        Map<LocalDate, CalendarDay> days = new TreeMap<>();
        tables.client().queryPaginator(query -> query
                        .tableName(tables.tableName())
                        .keyConditionExpression("pk = :owner AND sk BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(
                                ":owner", s(Keys.instructor(instructorId)),
                                ":from", s(Keys.CALENDAR_DAY + from),
                                ":to", s(Keys.CALENDAR_DAY + to)))
                        .consistentRead(true))
                .items()
                .forEach(item -> {
                    CalendarDay day = fromItem(item);
                    days.put(day.date(), day);
                });
        return days;
    }

    /**
     * One UpdateItem, which answers the item as it is after the write: the lessons it names are
     * exactly those whose transactions committed before it, since every later one finds
     * {@code timeOff} and is refused.
     */
    @Override
    public int takeOff(String instructorId, TimeOff timeOff) {
        Map<String, AttributeValue> off = new HashMap<>();
        timeOff.reason().ifPresent(reason -> off.put("reason", s(reason)));
        Map<String, AttributeValue> after = tables.client().updateItem(update -> update
                .tableName(tables.tableName())
                .key(Keys.calendarDay(instructorId, timeOff.date()))
                .updateExpression("SET timeOff = :off")
                .expressionAttributeValues(Map.of(":off", AttributeValue.fromM(off)))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        return fromItem(after).lessons();
    }

    @Override
    public boolean removeTimeOff(String instructorId, LocalDate date) {
        try {
            tables.client().updateItem(update -> update
                    .tableName(tables.tableName())
                    .key(Keys.calendarDay(instructorId, date))
                    .updateExpression("REMOVE timeOff")
                    .conditionExpression("attribute_exists(timeOff)"));
            return true;
        } catch (ConditionalCheckFailedException notOff) {
            return false;
        }
    }

    /** Whether the date is off now (a consistent read of its one item). */
    public boolean isOff(String instructorId, LocalDate date) {
        Map<String, AttributeValue> item = tables.client().getItem(get -> get
                .tableName(tables.tableName())
                .key(Keys.calendarDay(instructorId, date))
                .consistentRead(true)).item();
        return item != null && item.containsKey("timeOff");
    }

    static CalendarDay fromItem(Map<String, AttributeValue> item) {
        LocalDate date = LocalDate.parse(item.get(Keys.SK).s().substring(Keys.CALENDAR_DAY.length()));
        AttributeValue lessons = item.get("lessons");
        AttributeValue off = item.get("timeOff");
        Optional<TimeOff> timeOff = off == null ? Optional.empty()
                : Optional.of(new TimeOff(date, Optional.ofNullable(off.m().get("reason")).map(AttributeValue::s)));
        return new CalendarDay(date, lessons == null ? 0 : lessons.ss().size(), timeOff);
    }
}
