package dev.lessonbook.dynamodb.view;

import static dev.lessonbook.dynamodb.AttributeValues.n;
import static dev.lessonbook.dynamodb.AttributeValues.s;

import dev.lessonbook.availability.AvailabilityStore.VersionedWeek;
import dev.lessonbook.availability.DaySlots;
import dev.lessonbook.availability.WeekAvailability;
import dev.lessonbook.aws.Incidents;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.feed.FeedEvent;
import dev.lessonbook.money.Money;
import dev.lessonbook.stats.BookingStats;
import dev.lessonbook.view.FreshView;
import dev.lessonbook.view.ViewCache;
import dev.lessonbook.view.ViewKey;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Views as items in the instructor's partition ({@code VIEW#…}), each with the zone it was
 * computed in, the view itself, the fill token that stored it, and {@code expiresAt}: the
 * earlier of when time alone makes it wrong and {@link #MAX_AGE}. DynamoDB's TTL deletes expired
 * items eventually; readers never wait for that and treat them as misses.
 */
public final class DynamoViewCache implements ViewCache {
    /** A safety net for a change no event announces (a hold taken while paying); events do the rest. */
    public static final Duration MAX_AGE = Duration.ofHours(1);
    /** A fill that never completed leaves a marker; it should not linger as an item. */
    static final Duration MARKER_AGE = Duration.ofMinutes(5);

    private static final String VIEW = "view";
    private static final String ZONE = "zone";
    private static final String FILL = "fill";

    private final Tables tables;

    public DynamoViewCache(Tables tables) {
        this.tables = tables;
    }

    @Override
    public <V> Optional<V> find(ViewKey<V> key, ZoneId zone, Instant now) {
        try {
            Map<String, AttributeValue> item = tables.client().getItem(get -> get
                    .tableName(tables.tableName())
                    .key(Keys.view(key))
                    .consistentRead(true)).item();
            if (item == null || !item.containsKey(VIEW) || !zone.getId().equals(item.get(ZONE).s())
                    || Long.parseLong(item.get(Keys.EXPIRES_AT).n()) <= now.getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(decode(key, item.get(VIEW).m()));
        } catch (RuntimeException e) {
            failed("ViewCacheReadFailed", key, e);
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> beginFill(ViewKey<?> key, Instant now) {
        String token = UUID.randomUUID().toString();
        Map<String, AttributeValue> marker = new HashMap<>(Keys.view(key));
        marker.put(FILL, s(token));
        marker.put(Keys.EXPIRES_AT, n(now.plus(MARKER_AGE).getEpochSecond()));
        try {
            tables.client().putItem(put -> put.tableName(tables.tableName()).item(marker));
            return Optional.of(token);
        } catch (RuntimeException e) {
            failed("ViewCacheWriteFailed", key, e);
            return Optional.empty();
        }
    }

    @Override
    public <V> boolean completeFill(ViewKey<V> key, String token, FreshView<V> view, ZoneId zone, Instant now) {
        Instant expiresAt = view.validUntil().isBefore(now.plus(MAX_AGE)) ? view.validUntil() : now.plus(MAX_AGE);
        Map<String, AttributeValue> item = new HashMap<>(Keys.view(key));
        item.put(FILL, s(token));
        item.put(ZONE, s(zone.getId()));
        item.put(Keys.EXPIRES_AT, n(expiresAt.getEpochSecond()));
        try {
            item.put(VIEW, AttributeValue.fromM(encode(key, view.value())));
            // Only over our own marker: a write that committed since beginFill deleted it, and what
            // we computed may predate that write.
            tables.client().putItem(put -> put
                    .tableName(tables.tableName())
                    .item(item)
                    .conditionExpression("#fill = :token")
                    .expressionAttributeNames(Map.of("#fill", FILL))
                    .expressionAttributeValues(Map.of(":token", s(token))));
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        } catch (RuntimeException e) {
            failed("ViewCacheWriteFailed", key, e);
            return false;
        }
    }

    private static void failed(String metric, ViewKey<?> key, RuntimeException e) {
        Incidents.record(metric, "view cache unavailable; served from the source", Map.of("view", key.toString()), e);
    }

    private static Map<String, AttributeValue> encode(ViewKey<?> key, Object value) {
        return switch (key) {
            case ViewKey.WeekMap week -> {
                VersionedWeek versioned = (VersionedWeek) value;
                yield Map.of("version", s(versioned.version()), "days", days(versioned.week()));
            }
            case ViewKey.Bookable bookable -> Map.of("days", days((WeekAvailability) value));
            case ViewKey.Stats stats -> {
                BookingStats numbers = (BookingStats) value;
                Map<String, AttributeValue> item = new HashMap<>();
                item.put("totalBookings", n(numbers.totalBookings()));
                item.put("upcomingBookings", n(numbers.upcomingBookings()));
                item.put("completedBookings", n(numbers.completedBookings()));
                item.put("cancelledBookings", n(numbers.cancelledBookings()));
                item.put("totalEarnings", n(numbers.totalEarnings().amount()));
                item.put("thisMonthEarnings", n(numbers.thisMonthEarnings().amount()));
                item.put("currency", s(numbers.totalEarnings().currency()));
                item.put("completionRate", rate(numbers.completionRate()));
                item.put("cancellationRate", rate(numbers.cancellationRate()));
                yield item;
            }
            case ViewKey.Feed feed -> Map.of("events", AttributeValue.fromL(((List<?>) value).stream()
                    .map(event -> AttributeValue.fromM(feedEvent((FeedEvent) event))).toList()));
        };
    }

    private static Map<String, AttributeValue> feedEvent(FeedEvent event) {
        return Map.of("uid", s(event.uid()), "sequence", n(event.sequence()),
                "startsAt", s(event.startsAt().toString()), "endsAt", s(event.endsAt().toString()),
                "cancelled", AttributeValue.fromBool(event.cancelled()), "summary", s(event.summary()));
    }

    private static FeedEvent feedEvent(Map<String, AttributeValue> event) {
        return new FeedEvent(event.get("uid").s(), Integer.parseInt(event.get("sequence").n()),
                Instant.parse(event.get("startsAt").s()), Instant.parse(event.get("endsAt").s()),
                event.get("cancelled").bool(), event.get("summary").s());
    }

    @SuppressWarnings("unchecked")
    private static <V> V decode(ViewKey<V> key, Map<String, AttributeValue> view) {
        Object value = switch (key) {
            case ViewKey.WeekMap week -> new VersionedWeek(
                    new WeekAvailability(week.instructorId(), week.weekStart(), days(view.get("days"))), view.get("version").s());
            case ViewKey.Bookable bookable ->
                    new WeekAvailability(bookable.instructorId(), bookable.weekStart(), days(view.get("days")));
            case ViewKey.Stats stats -> {
                String currency = view.get("currency").s();
                yield new BookingStats(stats.instructorId(),
                        number(view, "totalBookings"), number(view, "upcomingBookings"),
                        number(view, "completedBookings"), number(view, "cancelledBookings"),
                        new Money(number(view, "totalEarnings"), currency),
                        new Money(number(view, "thisMonthEarnings"), currency),
                        Double.parseDouble(view.get("completionRate").n()),
                        Double.parseDouble(view.get("cancellationRate").n()));
            }
            case ViewKey.Feed feed -> view.get("events").l().stream().map(event -> feedEvent(event.m())).toList();
        };
        return (V) value;
    }

    private static AttributeValue days(WeekAvailability week) {
        Map<String, AttributeValue> days = new LinkedHashMap<>();
        week.days().forEach((date, slots) -> days.put(date.toString(), AttributeValue.fromB(SdkBytes.fromByteArray(slots.toBytes()))));
        return AttributeValue.fromM(days);
    }

    private static Map<LocalDate, DaySlots> days(AttributeValue days) {
        Map<LocalDate, DaySlots> decoded = new LinkedHashMap<>();
        days.m().forEach((date, bits) -> decoded.put(LocalDate.parse(date), DaySlots.fromBytes(bits.b().asByteArray())));
        return decoded;
    }

    /** Exact: BigDecimal.valueOf keeps the shortest decimal that reads back as the same double. */
    private static AttributeValue rate(double value) {
        return AttributeValue.fromN(BigDecimal.valueOf(value).toPlainString());
    }

    private static long number(Map<String, AttributeValue> view, String name) {
        return Long.parseLong(view.get(name).n());
    }
}
