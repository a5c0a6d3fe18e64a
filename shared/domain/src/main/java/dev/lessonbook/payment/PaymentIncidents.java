package dev.lessonbook.payment;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Where a payment that needs a person goes (MANUAL_REVIEW): logged and counted, so an alarm can
 * watch the count and the log says which booking and which operation.
 */
@FunctionalInterface
public interface PaymentIncidents {

    void manualReview(String bookingId, String operation, String reason);

    /**
     * One CloudWatch Embedded Metric Format line per incident: Lambda's log pipeline turns it into
     * the metric {@code Lessonbook/PaymentManualReviews} (dimension {@code Operation}) and keeps
     * the line searchable. No provider message is quoted beyond the adapter's own wording.
     */
    static PaymentIncidents loggedAndCounted(Consumer<String> log) {
        return (bookingId, operation, reason) -> log.accept("{\"_aws\":{\"Timestamp\":" + Instant.now().toEpochMilli()
                + ",\"CloudWatchMetrics\":[{\"Namespace\":\"Lessonbook\",\"Dimensions\":[[\"Operation\"]],"
                + "\"Metrics\":[{\"Name\":\"PaymentManualReviews\",\"Unit\":\"Count\"}]}]},"
                + "\"level\":\"WARN\",\"message\":\"payment needs manual review\","
                + "\"Operation\":\"" + escaped(operation) + "\",\"PaymentManualReviews\":1,"
                + "\"bookingId\":\"" + escaped(bookingId) + "\",\"reason\":\"" + escaped(reason) + "\"}");
    }

    static PaymentIncidents loggedAndCounted() {
        return loggedAndCounted(System.out::println);
    }

    private static String escaped(String text) {
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
