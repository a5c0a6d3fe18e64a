package dev.lessonbook.payment;

import java.util.LinkedHashMap;
import java.util.Map;
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
        return (bookingId, operation, reason) -> {
            Map<String, String> members = new LinkedHashMap<>();
            members.put("bookingId", bookingId);
            members.put("reason", reason);
            log.accept(MetricLine.count("PaymentManualReviews", "Operation", operation, "payment needs manual review",
                    members));
        };
    }

    static PaymentIncidents loggedAndCounted() {
        return loggedAndCounted(System.out::println);
    }
}
