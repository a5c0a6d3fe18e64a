package dev.lessonbook.dynamodb.feed;

import static dev.lessonbook.dynamodb.AttributeValues.instant;

import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.feed.CalendarTokens;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One item per instructor, {@code INSTRUCTOR#id / CALENDAR_TOKEN}, holding the token's SHA-256 as binary. */
public final class DynamoCalendarTokens implements CalendarTokens {
    private final Tables tables;

    public DynamoCalendarTokens(Tables tables) {
        this.tables = tables;
    }

    @Override
    public void save(String instructorId, byte[] tokenHash, Instant issuedAt) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.calendarToken(instructorId));
        item.put("tokenHash", AttributeValue.fromB(SdkBytes.fromByteArray(tokenHash)));
        item.put("issuedAt", instant(issuedAt));
        tables.client().putItem(put -> put.tableName(tables.tableName()).item(item));
    }

    /** Read consistently: a rotated token must stop opening the feed at once. */
    @Override
    public Optional<byte[]> hashFor(String instructorId) {
        Map<String, AttributeValue> item = tables.client().getItem(get -> get
                .tableName(tables.tableName())
                .key(Keys.calendarToken(instructorId))
                .consistentRead(true)).item();
        return item == null || !item.containsKey("tokenHash") ? Optional.empty()
                : Optional.of(item.get("tokenHash").b().asByteArray());
    }
}
