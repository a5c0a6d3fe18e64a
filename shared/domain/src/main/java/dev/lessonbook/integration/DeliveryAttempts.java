package dev.lessonbook.integration;

import java.time.Duration;

/** Where attempts wait until they are due (the port; an SQS queue with message delays in functions). */
public interface DeliveryAttempts {

    /** Attempt number {@code attempt} of a delivery. */
    record Attempt(String subscriptionId, String deliveryId, int attempt) {}

    /** Hands {@code attempt} to a delivery worker after {@code delay} (at most the queue's longest delay). */
    void schedule(Attempt attempt, Duration delay);

    /** The longest wait the queue itself can hold; longer ones are found again when due. */
    Duration longestDelay();
}
