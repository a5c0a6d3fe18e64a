package dev.lessonbook.aws;

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

    private static volatile Consumer<String> out = System.out::println;

    private Incidents() {}

    /** Counts {@code metric} once and logs why, with a few plain fields for the operator. */
    public static void record(String metric, String message, Map<String, String> fields, Throwable cause) {
        StringBuilder line = new StringBuilder(256).append('{')
                .append("\"_aws\":{\"Timestamp\":").append(Instant.now().toEpochMilli())
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":\"").append(NAMESPACE)
                .append("\",\"Dimensions\":[[]],\"Metrics\":[{\"Name\":").append(quote(metric))
                .append(",\"Unit\":\"Count\"}]}]},")
                .append(quote(metric)).append(":1,")
                .append("\"level\":\"WARN\",\"message\":").append(quote(message));
        fields.forEach((name, value) -> line.append(',').append(quote(name)).append(':').append(quote(value)));
        if (cause != null) {
            line.append(",\"error\":{\"type\":").append(quote(cause.getClass().getName()))
                    .append(",\"message\":").append(quote(String.valueOf(cause.getMessage()))).append('}');
        }
        out.accept(line.append('}').toString());
    }

    /** Where the lines go (stdout on Lambda); tests capture them. */
    public static void writeTo(Consumer<String> destination) {
        out = destination;
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
