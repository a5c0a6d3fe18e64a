package dev.lessonbook.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one jackson-databind configuration of Lessonbook. Every function builds its
 * {@link ObjectMapper} from here once, at class init, and shares it: responses, problem documents,
 * outbox items and queue messages are records written by it.
 *
 * <ul>
 *   <li>Duplicate keys are refused ({@code {"a":1,"a":2}}: which one did the writer mean?), and so
 *       is anything after the one JSON value of a document.
 *   <li>Fractions are read exactly ({@code BigDecimal}, trailing zeros kept), so a tree keeps
 *       {@code 60.0} apart from {@code 60}.
 *   <li>Instants, dates and zones are ISO-8601 text ({@code 2026-12-07T09:00:00Z},
 *       {@code 2026-12-07}, {@code Europe/Berlin}), never numbers.
 *   <li>Unknown members of our own documents are ignored when read: a message written by a newer
 *       version of a function, in flight during a deploy, still reads. Request bodies are checked
 *       member by member on the tree instead, where an unknown member is an error.
 * </ul>
 */
public final class JsonMappers {
    private static final ObjectMapper STANDARD = builder(StreamReadConstraints.defaults()).build();

    private JsonMappers() {}

    /** The shared mapper with Jackson's default size limits. Thread-safe once built. */
    public static ObjectMapper standard() {
        return STANDARD;
    }

    /** The configuration above with other read limits (request bodies bound nesting and lengths). */
    public static JsonMapper.Builder builder(StreamReadConstraints limits) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(limits)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }
}
