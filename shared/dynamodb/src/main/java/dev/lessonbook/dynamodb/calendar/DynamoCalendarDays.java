package dev.lessonbook.dynamodb.calendar;

import static dev.lessonbook.dynamodb.AttributeValues.s;

import dev.lessonbook.calendar.CalendarDay;
import dev.lessonbook.calendar.CalendarDays;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The calendar day items ({@code INSTRUCTOR#id / CALENDAR#date}) that the booking transactions
 * write ({@link dev.lessonbook.dynamodb.booking.DynamoBookingStore}): one consistent query over a
 * range of dates of the instructor's partition.
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

    static CalendarDay fromItem(Map<String, AttributeValue> item) {
        LocalDate date = LocalDate.parse(item.get(Keys.SK).s().substring(Keys.CALENDAR_DAY.length()));
        AttributeValue lessons = item.get("lessons");
        return new CalendarDay(date, lessons == null ? 0 : lessons.ss().size());
    }
}
