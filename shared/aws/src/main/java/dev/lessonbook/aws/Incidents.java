package dev.lessonbook.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lessonbook.json.JsonMappers;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Failures that must not fail a request (a cache miss, a late event) but must be seen: each is
 * one JSON log line that is also a CloudWatch metric (Embedded Metric Format), so an alarm can
 * count them without a metric API call on the request path.
 */
public final class Incidents {
    public static final String NAMESPACE = "Lessonbook";
    private static final ObjectMapper JSON = JsonMappers.standard();

    private static volatile Consumer<String> out = System.out::println;

    private Incidents() {}

    /** Counts {@code metric} once and logs why, with a few plain fields for the operator. */
    public static void record(String metric, String message, Map<String, String> fields, Throwable cause) {
        ObjectNode line = JSON.createObjectNode();
        ObjectNode metrics = line.putObject("_aws")
                .put("Timestamp", Instant.now().toEpochMilli())
                .putArray("CloudWatchMetrics").addObject()
                .put("Namespace", NAMESPACE);
        metrics.putArray("Dimensions").addArray();
        metrics.putArray("Metrics").addObject().put("Name", metric).put("Unit", "Count");
        line.put(metric, 1);
        line.put("level", "WARN");
        line.put("message", message);
        fields.forEach(line::put);
        if (cause != null) {
            line.putObject("error")
                    .put("type", cause.getClass().getName())
                    .put("message", String.valueOf(cause.getMessage()));
        }
        try {
            out.accept(JSON.writeValueAsString(line));
        } catch (JsonProcessingException impossible) { // a tree of strings and numbers
            throw new UncheckedIOException(impossible);
        }
    }

    /** Where the lines go (stdout on Lambda); tests capture them. */
    public static void writeTo(Consumer<String> destination) {
        out = destination;
    }
}
