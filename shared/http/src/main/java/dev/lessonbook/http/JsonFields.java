package dev.lessonbook.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lessonbook.problem.Result;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads the members of one JSON object (databind's tree) by hand, collecting every error instead
 * of stopping at the first, as binding to a type would. Each accessor names a member the object may have; {@link #finish} then also reports every
 * member nobody asked for as unknown, in this object and in all nested ones read through it.
 *
 * <p>Accessors return {@code null} (or an empty optional) for a member in error; the values are
 * only used by the supplier passed to {@link #finish}, which runs only when there was no error.
 * An explicit JSON {@code null} counts as absent. A number is whole when it is written as one:
 * any number written with a fraction or an exponent ({@code 60.0}, {@code 6e1}) is a floating-point
 * node in the tree, never an integral one, so it is not whole, whatever its value.
 */
public final class JsonFields {
    private final ObjectNode members;
    private final String path;
    private final FieldErrors errors;
    private final List<JsonFields> nested;
    private final Set<String> known = new LinkedHashSet<>();

    private JsonFields(ObjectNode members, String path, FieldErrors errors, List<JsonFields> nested) {
        this.members = members;
        this.path = path;
        this.errors = errors;
        this.nested = nested;
        nested.add(this);
    }

    /** The top-level object of a body, reporting into {@code errors}. */
    public static JsonFields root(ObjectNode members, FieldErrors errors) {
        return new JsonFields(members, "", errors, new ArrayList<>());
    }

    public static JsonFields root(ObjectNode members) {
        return root(members, new FieldErrors());
    }

    public FieldErrors errors() {
        return errors;
    }

    /** The field name as clients see it: {@code windows[2].start}. */
    public String fieldPath(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public void reject(String name, String message) {
        errors.add(fieldPath(name), message);
    }

    // --- strings -----------------------------------------------------------------------------

    public String requiredText(String name, int maxChars) {
        JsonNode value = member(name);
        if (value == null) {
            reject(name, "is required");
            return null;
        }
        return text(name, value, maxChars, false);
    }

    /** An optional string; {@code ""} is kept as given. */
    public Optional<String> optionalText(String name, int maxChars) {
        JsonNode value = member(name);
        return value == null ? Optional.empty() : Optional.ofNullable(text(name, value, maxChars, true));
    }

    public String requiredId(String name) {
        String text = requiredString(name);
        return text == null ? null : id(name, text);
    }

    public Optional<String> optionalId(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return Optional.empty();
        }
        String text = text(name, value, Integer.MAX_VALUE, true);
        return text == null ? Optional.empty() : Optional.ofNullable(id(name, text));
    }

    public LocalDate requiredDate(String name) {
        String text = requiredString(name);
        if (text == null) {
            return null;
        }
        return WireFormats.readDate(text, fieldPath(name), errors).orElse(null);
    }

    /** An {@code HH:MM} time as minute of the day (24:00 = 1440; out-of-day hours left to the domain). */
    public Integer requiredTime(String name) {
        String text = requiredString(name);
        if (text == null) {
            return null;
        }
        OptionalInt minute = WireFormats.parseTime(text);
        if (minute.isEmpty()) {
            reject(name, WireFormats.TIME_RULE);
            return null;
        }
        return minute.getAsInt();
    }

    /** One of a fixed set of wire names, e.g. a location type. */
    public <E> E requiredChoice(String name, Function<String, Optional<E>> lookup, List<String> allowed) {
        String text = requiredString(name);
        if (text == null) {
            return null;
        }
        Optional<E> choice = lookup.apply(text);
        if (choice.isEmpty()) {
            reject(name, "must be one of: " + String.join(", ", allowed));
        }
        return choice.orElse(null);
    }

    // --- numbers and booleans ----------------------------------------------------------------

    public Integer requiredInt(String name) {
        JsonNode value = member(name);
        if (value == null) {
            reject(name, "is required");
            return null;
        }
        return integer(fieldPath(name), value);
    }

    public Optional<Integer> optionalInt(String name) {
        JsonNode value = member(name);
        return value == null ? Optional.empty() : Optional.ofNullable(integer(fieldPath(name), value));
    }

    /** A whole number of at least {@code min} (amounts in cents, for instance). */
    public Optional<Long> optionalLong(String name, long min) {
        JsonNode value = member(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min) {
            reject(name, "must be a whole number of at least " + min);
            return Optional.empty();
        }
        return Optional.of(value.longValue());
    }

    public boolean optionalBoolean(String name, boolean fallback) {
        JsonNode value = member(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            reject(name, "must be true or false");
            return fallback;
        }
        return value.booleanValue();
    }

    // --- nested objects and arrays -----------------------------------------------------------

    public JsonFields requiredObject(String name) {
        JsonNode value = member(name);
        if (value == null) {
            reject(name, "is required");
            return null;
        }
        return object(name, value);
    }

    public Optional<JsonFields> optionalObject(String name) {
        JsonNode value = member(name);
        return value == null ? Optional.empty() : Optional.ofNullable(object(name, value));
    }

    /** An array of objects, each read by its own {@code JsonFields} (field paths like {@code windows[3].date}). */
    public List<JsonFields> requiredObjects(String name, int maxItems) {
        ArrayNode array = requiredArray(name, maxItems);
        if (array == null) {
            return List.of();
        }
        List<JsonFields> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String itemPath = fieldPath(name) + "[" + i + "]";
            if (array.get(i) instanceof ObjectNode item) {
                items.add(new JsonFields(item, itemPath, errors, nested));
            } else {
                errors.add(itemPath, "must be an object");
            }
        }
        return items;
    }

    public List<Integer> requiredInts(String name, int maxItems) {
        ArrayNode array = requiredArray(name, maxItems);
        if (array == null) {
            return List.of();
        }
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Integer item = integer(fieldPath(name) + "[" + i + "]", array.get(i));
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    /** An array of 1 to {@code maxItems} dates ({@code YYYY-MM-DD}), each error named by its index. */
    public List<LocalDate> requiredDates(String name, int maxItems) {
        ArrayNode array = requiredArray(name, maxItems);
        if (array == null) {
            return List.of();
        }
        if (array.isEmpty()) {
            reject(name, "must have at least one item");
            return List.of();
        }
        List<LocalDate> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String itemPath = fieldPath(name) + "[" + i + "]";
            if (array.get(i).isTextual()) {
                WireFormats.readDate(array.get(i).textValue(), itemPath, errors).ifPresent(items::add);
            } else {
                errors.add(itemPath, WireFormats.DATE_RULE);
            }
        }
        return items;
    }

    /** An array of non-empty strings of at most {@code maxChars} each (field paths like {@code events[1]}). */
    public List<String> requiredTexts(String name, int maxItems, int maxChars) {
        ArrayNode array = requiredArray(name, maxItems);
        if (array == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String item = textAt(fieldPath(name) + "[" + i + "]", array.get(i), maxChars, false);
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    /** The array member {@code name} of at most {@code maxItems}, or null once its error is recorded. */
    private ArrayNode requiredArray(String name, int maxItems) {
        JsonNode value = member(name);
        if (value == null) {
            reject(name, "is required");
            return null;
        }
        return array(name, value, maxItems);
    }

    // --- the end -----------------------------------------------------------------------------

    /**
     * Reports unknown members of this object and of every nested object read through it, then
     * answers 422 VALIDATION_FAILED with all errors, or the value.
     */
    public <T> Result<T> finish(Supplier<T> value) {
        for (JsonFields fields : nested) {
            fields.reportUnknown();
        }
        return errors.resultOf(value);
    }

    private void reportUnknown() {
        for (Map.Entry<String, JsonNode> member : members.properties()) {
            String name = member.getKey();
            if (!known.contains(name)) {
                // A field named "" is named as JSON writes it, so no error has an empty field path.
                reject(name.isEmpty() ? "\"\"" : name, known.isEmpty()
                        ? "is not a known field"
                        : "is not a known field; expected one of: " + String.join(", ", known));
            }
        }
    }

    /** A present string of any length, "" included: the caller checks its shape. */
    private String requiredString(String name) {
        JsonNode value = member(name);
        if (value == null) {
            reject(name, "is required");
            return null;
        }
        return text(name, value, Integer.MAX_VALUE, true);
    }

    /** Marks the member as known; null when absent or JSON null. */
    private JsonNode member(String name) {
        known.add(name);
        JsonNode value = members.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private String text(String name, JsonNode value, int maxChars, boolean emptyAllowed) {
        return textAt(fieldPath(name), value, maxChars, emptyAllowed);
    }

    private String textAt(String field, JsonNode value, int maxChars, boolean emptyAllowed) {
        if (!value.isTextual()) {
            errors.add(field, "must be a string");
            return null;
        }
        String text = value.textValue();
        if (!emptyAllowed && text.isEmpty()) {
            errors.add(field, "must not be empty");
            return null;
        }
        if (maxChars != Integer.MAX_VALUE && text.codePointCount(0, text.length()) > maxChars) {
            errors.add(field, "must be at most " + maxChars + " characters");
            return null;
        }
        Optional<String> notText = notText(text);
        if (notText.isPresent()) {
            errors.add(field, notText.get());
            return null;
        }
        return text;
    }

    /**
     * What makes a string unfit to store, if anything. JSON's {@code \\uXXXX} escapes can spell a
     * lone UTF-16 surrogate, which is no Unicode character: it has no UTF-8 form, so the table,
     * e-mails and every other reader would fail on it or garble it. Control characters other
     * than newline and tab (C0, DEL, C1; carriage return too: a line ends with a newline) have no
     * place in a name, note or reason and can forge lines in logs and e-mails. Every string
     * member passes here, so no field can forget the rule. Positions count characters from 1.
     */
    private static Optional<String> notText(String text) {
        int position = 1;
        for (int i = 0; i < text.length(); position++) {
            int c = text.codePointAt(i);
            if (Character.getType(c) == Character.SURROGATE) { // a paired one is read as its code point
                return Optional.of(String.format(
                        "must be valid Unicode text: a lone UTF-16 surrogate (\\u%04x) at character %d", c, position));
            }
            if (Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t') {
                return Optional.of(String.format(
                        "must not contain control characters other than newline and tab; found U+%04X at character %d",
                        c, position));
            }
            i += Character.charCount(c);
        }
        return Optional.empty();
    }

    private String id(String name, String text) {
        if (!Ids.isValid(text)) {
            reject(name, Ids.RULE);
            return null;
        }
        return text;
    }

    private Integer integer(String field, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            errors.add(field, "must be a whole number");
            return null;
        }
        return value.intValue();
    }

    private JsonFields object(String name, JsonNode value) {
        if (value instanceof ObjectNode object) {
            return new JsonFields(object, fieldPath(name), errors, nested);
        }
        reject(name, "must be an object");
        return null;
    }

    /** The array, or null (reported) when the value is not one or has too many items. */
    private ArrayNode array(String name, JsonNode value, int maxItems) {
        if (!(value instanceof ArrayNode array)) {
            reject(name, "must be an array");
            return null;
        }
        if (array.size() > maxItems) {
            reject(name, "must have at most " + maxItems + " items, got " + array.size());
            return null;
        }
        return array;
    }
}
