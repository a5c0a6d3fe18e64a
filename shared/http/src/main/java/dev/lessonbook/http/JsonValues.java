package dev.lessonbook.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lessonbook.access.Role;
import dev.lessonbook.availability.TimeWindow;
import dev.lessonbook.availability.WindowOnDate;
import dev.lessonbook.booking.ConflictScope;
import dev.lessonbook.booking.Money;
import dev.lessonbook.problem.Rejection.FieldError;
import dev.lessonbook.profile.LocationType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the values domain code puts into a rejection's extras, one explicit case per type (no
 * reflection): a record such as {@link TimeWindow} becomes {@code {"start":"09:00","end":"10:00"}},
 * never its {@code toString()}.
 */
public final class JsonValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {}

    /** The JSON of {@code value}, or empty when no renderer knows its type. */
    public static Optional<JsonNode> render(Object value) {
        return Optional.ofNullable(renderOrNull(value));
    }

    private static JsonNode renderOrNull(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case JsonNode node -> node;
            case String text -> NODES.textNode(text);
            case Character c -> NODES.textNode(c.toString());
            case Boolean b -> NODES.booleanNode(b);
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            case Short s -> NODES.numberNode(s);
            case Byte b -> NODES.numberNode(b);
            case Double d -> NODES.numberNode(d);
            case Float f -> NODES.numberNode(f);
            case BigDecimal d -> NODES.numberNode(d);
            case BigInteger i -> NODES.numberNode(i);
            case LocalDate date -> NODES.textNode(WireFormats.formatDate(date));
            case Instant instant -> NODES.textNode(WireFormats.formatInstant(instant));
            case ZoneId zone -> NODES.textNode(zone.getId());
            case TimeWindow window -> timeWindow(window);
            case WindowOnDate window -> {
                ObjectNode node = NODES.objectNode();
                node.put("date", WireFormats.formatDate(window.date()));
                node.put("start", WireFormats.formatTime(window.startMinute()));
                node.put("end", WireFormats.formatTime(window.endMinute()));
                yield node;
            }
            case FieldError error -> {
                ObjectNode node = NODES.objectNode();
                node.put("field", error.field());
                node.put("message", error.message());
                yield node;
            }
            case Money money -> money(money);
            case ConflictScope scope -> NODES.textNode(scope.wireName());
            case LocationType type -> NODES.textNode(type.wireName());
            case Role role -> NODES.textNode(role.claimValue());
            case Enum<?> constant -> NODES.textNode(constant.name());
            case Optional<?> optional -> renderOrNull(optional.orElse(null));
            case Collection<?> items -> {
                ArrayNode array = NODES.arrayNode();
                for (Object item : items) {
                    JsonNode rendered = renderOrNull(item);
                    if (rendered == null) {
                        yield null;
                    }
                    array.add(rendered);
                }
                yield array;
            }
            case Map<?, ?> members -> {
                ObjectNode object = NODES.objectNode();
                for (Map.Entry<?, ?> member : members.entrySet()) {
                    JsonNode rendered = renderOrNull(member.getValue());
                    if (rendered == null) {
                        yield null;
                    }
                    object.set(String.valueOf(member.getKey()), rendered);
                }
                yield object;
            }
            default -> null;
        };
    }

    public static ObjectNode timeWindow(TimeWindow window) {
        ObjectNode node = NODES.objectNode();
        node.put("start", WireFormats.formatTime(window.startMinute()));
        node.put("end", WireFormats.formatTime(window.endMinute()));
        return node;
    }

    public static ObjectNode money(Money money) {
        ObjectNode node = NODES.objectNode();
        node.put("amount", money.amount());
        node.put("currency", money.currency());
        return node;
    }
}
