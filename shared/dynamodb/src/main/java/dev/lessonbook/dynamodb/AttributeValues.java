package dev.lessonbook.dynamodb;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small conversions between item attributes and Java values, for the hand-written mappers. */
public final class AttributeValues {
    private AttributeValues() {}

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public static AttributeValue instant(Instant value) {
        return AttributeValue.fromS(value.toString());
    }

    public static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.nul() != null && value.nul() ? null : value.s();
    }

    public static long number(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(item.get(name).n());
    }

    public static Instant instantOrNull(Map<String, AttributeValue> item, String name) {
        String value = string(item, name);
        return value == null ? null : Instant.parse(value);
    }

    /** Puts {@code name} only when {@code value} is not null (DynamoDB has no use for empty attributes). */
    public static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    /** A self-contained event payload (strings, numbers, booleans, maps, lists) as a DynamoDB map. */
    public static AttributeValue fromPlain(Object value) {
        return switch (value) {
            case null -> AttributeValue.fromNul(true);
            case String text -> AttributeValue.fromS(text);
            case Boolean flag -> AttributeValue.fromBool(flag);
            case Number number -> AttributeValue.fromN(new BigDecimal(number.toString()).toPlainString());
            case Map<?, ?> map -> {
                Map<String, AttributeValue> converted = new LinkedHashMap<>();
                map.forEach((key, nested) -> converted.put(key.toString(), fromPlain(nested)));
                yield AttributeValue.fromM(converted);
            }
            case List<?> list -> AttributeValue.fromL(list.stream().map(AttributeValues::fromPlain).toList());
            default -> AttributeValue.fromS(value.toString());
        };
    }

    /** The inverse of {@link #fromPlain}: numbers come back as Long when integral, else BigDecimal. */
    public static Object toPlain(AttributeValue value) {
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            BigDecimal number = new BigDecimal(value.n());
            return number.stripTrailingZeros().scale() <= 0 ? (Object) number.longValueExact() : number;
        }
        if (value.bool() != null) {
            return value.bool();
        }
        if (value.hasM()) {
            Map<String, Object> map = new LinkedHashMap<>();
            value.m().forEach((key, nested) -> map.put(key, toPlain(nested)));
            return map;
        }
        if (value.hasL()) {
            List<Object> list = new ArrayList<>();
            value.l().forEach(nested -> list.add(toPlain(nested)));
            return list;
        }
        return null;
    }
}
