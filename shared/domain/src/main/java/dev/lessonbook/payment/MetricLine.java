package dev.lessonbook.payment;

import java.time.Instant;
import java.util.Map;

/**
 * One CloudWatch Embedded Metric Format line counting one {@code metric} in the namespace
 * {@code Lessonbook} under one dimension: Lambda's log pipeline turns it into the metric, and the
 * line stays searchable with its other members. Values are escaped, so no text breaks the JSON.
 */
final class MetricLine {

    private MetricLine() {}

    static String count(String metric, String dimension, String dimensionValue, String message,
            Map<String, String> members) {
        StringBuilder line = new StringBuilder("{\"_aws\":{\"Timestamp\":").append(Instant.now().toEpochMilli())
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":\"Lessonbook\",\"Dimensions\":[[\"")
                .append(escaped(dimension)).append("\"]],\"Metrics\":[{\"Name\":\"").append(escaped(metric))
                .append("\",\"Unit\":\"Count\"}]}]},\"level\":\"WARN\",\"message\":\"").append(escaped(message))
                .append("\",\"").append(escaped(dimension)).append("\":\"").append(escaped(dimensionValue))
                .append("\",\"").append(escaped(metric)).append("\":1");
        members.forEach((name, value) -> line.append(",\"").append(escaped(name)).append("\":\"")
                .append(escaped(value)).append('"'));
        return line.append('}').toString();
    }

    static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : String.valueOf(text).toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
