package dev.lessonbook.payment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Tells an administrator about a dispute: one CloudWatch Embedded Metric Format line per opened
 * or closed dispute. Lambda's log pipeline turns it into the metric {@code Lessonbook/PaymentDisputes}
 * (dimension {@code Provider}: {@code stripe}, so one alarm covers every stage), whose alarm in
 * template.yaml notifies the operators' topic ({@code AlarmTopicArn}); the line names the booking,
 * the dispute and its {@code stage} ({@code opened}, {@code won}, {@code lost}).
 */
@FunctionalInterface
public interface DisputeAlerts {

    void dispute(String bookingId, String disputeId, String stage);

    static DisputeAlerts loggedAndCounted(Consumer<String> log) {
        return (bookingId, disputeId, stage) -> {
            Map<String, String> members = new LinkedHashMap<>();
            members.put("stage", stage);
            members.put("bookingId", bookingId);
            members.put("disputeId", disputeId);
            log.accept(MetricLine.count("PaymentDisputes", "Provider", "stripe", "payment dispute", members));
        };
    }

    static DisputeAlerts loggedAndCounted() {
        return loggedAndCounted(System.out::println);
    }
}
