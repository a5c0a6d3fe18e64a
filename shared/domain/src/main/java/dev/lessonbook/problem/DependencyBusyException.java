package dev.lessonbook.problem;

import java.time.Duration;

/**
 * A dependency (DynamoDB, SQS, Stripe's rate limit…) refused work for now; retrying later will
 * do. The route answers 503 SERVICE_UNAVAILABLE with {@code Retry-After}, never a 500.
 */
public class DependencyBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public DependencyBusyException(String dependency, Duration retryAfter, Throwable cause) {
        super(dependency + " is busy", cause);
        this.retryAfter = retryAfter;
    }

    public DependencyBusyException(String dependency, Throwable cause) {
        this(dependency, Duration.ofSeconds(1), cause);
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
