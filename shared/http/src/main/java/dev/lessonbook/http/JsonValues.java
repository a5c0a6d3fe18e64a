package dev.lessonbook.http;

import dev.lessonbook.access.Role;
import dev.lessonbook.availability.WindowOnDate;
import dev.lessonbook.booking.ConflictScope;
import dev.lessonbook.calendar.TimeWindow;
import dev.lessonbook.money.Money;
import dev.lessonbook.problem.Rejection.FieldError;
import dev.lessonbook.profile.LocationType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the values domain code puts into a rejection's extras as the plain values
 * {@link dev.lessonbook.json.Json} writes, one explicit case per type (no reflection): a record
 * such as {@link TimeWindow} becomes {@code {"start":"09:00","end":"10:00"}}, never its
 * {@code toString()}.
 */
public final class JsonValues {

    private JsonValues() {}

    /** A value of a type no case knows: a bug in the code that made it, not in the request. */
    public static final class NoJsonForm extends RuntimeException {
        private NoJsonForm(Object value) {
            super("No JSON form for " + value.getClass().getName());
        }
    }

    /**
     * The JSON of {@code value} (Java null for JSON null).
     *
     * @throws NoJsonForm when no case knows its type, or the type of an item or member inside it
     */
    public static Object render(Object value) {
        return switch (value) {
            case null -> null;
            case String text -> text;
            case Character c -> c.toString();
            case Boolean b -> b;
            case Integer i -> i;
            case Long l -> l;
            case Short s -> s;
            case Byte b -> b;
            case Double d -> d;
            case Float f -> f;
            case BigDecimal d -> d;
            case BigInteger i -> i;
            case LocalDate date -> WireFormats.formatDate(date);
            case Instant instant -> WireFormats.formatInstant(instant);
            case ZoneId zone -> zone.getId();
            case TimeWindow window -> timeWindow(window);
            case WindowOnDate window -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("date", WireFormats.formatDate(window.date()));
                json.put("start", WireFormats.formatTime(window.startMinute()));
                json.put("end", WireFormats.formatTime(window.endMinute()));
                yield json;
            }
            case FieldError error -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("field", error.field());
                json.put("message", error.message());
                yield json;
            }
            case Money money -> money(money);
            case ConflictScope scope -> scope.wireName();
            case LocationType type -> type.wireName();
            case Role role -> role.claimValue();
            case Enum<?> constant -> constant.name();
            case Optional<?> optional -> render(optional.orElse(null));
            case Collection<?> items -> {
                List<Object> array = new ArrayList<>(items.size());
                for (Object item : items) {
                    array.add(render(item));
                }
                yield array;
            }
            case Map<?, ?> members -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (Map.Entry<?, ?> member : members.entrySet()) {
                    object.put(String.valueOf(member.getKey()), render(member.getValue()));
                }
                yield object;
            }
            default -> throw new NoJsonForm(value);
        };
    }

    public static Map<String, Object> timeWindow(TimeWindow window) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("start", WireFormats.formatTime(window.startMinute()));
        json.put("end", WireFormats.formatTime(window.endMinute()));
        return json;
    }

    public static Map<String, Object> money(Money money) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("amount", money.amount());
        json.put("currency", money.currency());
        return json;
    }
}
