package dev.lessonbook.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON as plain Java values, read and written with jackson-core's streaming API only.
 *
 * <p>A JSON object is a {@code Map<String, Object>} in document order, an array a
 * {@code List<Object>}, a string a {@link String}, an integer a {@link Long} (a {@link BigInteger}
 * past its range), any other number a {@link BigDecimal} (exact, as written), {@code true} and
 * {@code false} a {@link Boolean}, and {@code null} Java's null. Nothing is bound by reflection.
 *
 * <p>One exception: a number whose exponent is past {@link BigDecimal}'s (about ±2<sup>31</sup>, as
 * in {@code 1e2147483649}) is the {@link Double} it rounds to, ±Infinity or ±0.0. It is still a
 * number, so a reader that wants a whole number refuses it as it refuses {@code 1.5}, and the body
 * it came in stays valid JSON.
 *
 * <p>A reader is immutable and safe to share; build one per set of limits at class init.
 */
public final class Json {
    private static final Json DEFAULT = new Json(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private final JsonFactory factory;

    private Json(JsonFactory factory) {
        this.factory = factory;
    }

    /** Jackson's default size limits; duplicate keys refused. */
    public static Json reader() {
        return DEFAULT;
    }

    /** Duplicate keys refused, and nesting, string and number length bounded as given. */
    public static Json reader(int maxNestingDepth, int maxStringLength, int maxNumberLength) {
        return new Json(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxNestingDepth)
                        .maxStringLength(maxStringLength)
                        .maxNumberLength(maxNumberLength)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build());
    }

    /** The whole stream as one JSON object; any other JSON value fails too, naming {@code what} was expected. */
    public Map<String, Object> readObject(InputStream in, String what) throws IOException {
        return asObject(read(in.readAllBytes())).orElseThrow(() -> new IOException(what + " is not a JSON object"));
    }

    /**
     * Exactly one JSON value: empty input, trailing content, duplicate keys and any limit exceeded
     * fail with Jackson's {@link IOException} subtypes ({@code JsonParseException},
     * {@code StreamConstraintsException}), which name the position.
     */
    public Object read(byte[] utf8) throws IOException {
        try (JsonParser parser = factory.createParser(utf8)) {
            return readDocument(parser);
        }
    }

    public Object read(String text) throws IOException {
        try (JsonParser parser = factory.createParser(text)) {
            return readDocument(parser);
        }
    }

    /**
     * {@code value} as the JSON object it is, or empty when it is another value. Every object this
     * class reads is a {@code Map<String, Object>}, which is what makes the cast safe.
     */
    @SuppressWarnings("unchecked")
    public static Optional<Map<String, Object>> asObject(Object value) {
        return value instanceof Map<?, ?> object ? Optional.of((Map<String, Object>) object) : Optional.empty();
    }

    private static Object readDocument(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new JsonParseException(parser, "no JSON value");
        }
        Object value = readValue(parser, first);
        // What follows the value is read as something new, not as part of its last token: an error
        // there says "Unexpected end-of-input in null", word for word what databind's readTree said.
        parser.clearCurrentToken();
        if (parser.nextToken() != null) {
            throw new JsonParseException(parser, "unexpected content after the JSON value");
        }
        return value;
    }

    private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String name = parser.currentName();
                    object.put(name, readValue(parser, parser.nextToken()));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(readValue(parser, next));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? parser.getBigIntegerValue()
                    : Long.valueOf(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> decimal(parser);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new JsonParseException(parser, "unexpected token " + token);
        };
    }

    private static Number decimal(JsonParser parser) throws IOException {
        try {
            return parser.getDecimalValue();
        } catch (NumberFormatException exponentOverflow) {
            return parser.getDoubleValue();
        }
    }

    /**
     * The compact JSON text of a value made of the types above; any {@link Map} (keys written with
     * {@code String.valueOf}), any {@link Iterable}, and every {@link Number} and
     * {@link CharSequence} are accepted too. Other types are a programming error.
     */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = DEFAULT.factory.createGenerator(out)) {
            writeValue(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing JSON to a string failed", e);
        }
        return out.toString();
    }

    public static byte[] writeBytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    private static void writeValue(JsonGenerator out, Object value) throws IOException {
        switch (value) {
            case null -> out.writeNull();
            case CharSequence text -> out.writeString(text.toString());
            case Boolean b -> out.writeBoolean(b);
            case Long l -> out.writeNumber(l);
            case Integer i -> out.writeNumber(i);
            case Short s -> out.writeNumber(s);
            case Byte b -> out.writeNumber(b);
            case BigInteger i -> out.writeNumber(i);
            case BigDecimal d -> out.writeNumber(d);
            case Double d -> out.writeNumber(d);
            case Float f -> out.writeNumber(f);
            case Map<?, ?> map -> {
                out.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.writeFieldName(String.valueOf(entry.getKey()));
                    writeValue(out, entry.getValue());
                }
                out.writeEndObject();
            }
            case Iterable<?> items -> {
                out.writeStartArray();
                for (Object item : items) {
                    writeValue(out, item);
                }
                out.writeEndArray();
            }
            default -> throw new IllegalArgumentException("No JSON form for " + value.getClass().getName());
        }
    }
}
