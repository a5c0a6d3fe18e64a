package dev.lessonbook.aws;

import dev.lessonbook.problem.DependencyBusyException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Marks a call that gave up waiting (the client's call timeout, or a socket that stopped
 * answering) with a {@link DependencyBusyException} cause, as {@link ThrottlingIsBusy} marks
 * throttling: a stalled dependency is weather, not a bug, so the route answers 503 with a
 * {@code Retry-After} of the call's budget — retrying sooner would only hold another function for
 * as long while the service still does not answer. The exception keeps its class (the SDK allows
 * no other), so a store that catches it sees what it saw before.
 */
public final class StallIsBusy implements ExecutionInterceptor {
    private final String dependency;
    private final Duration callTimeout;

    /**
     * @param dependency the service, as a busy answer names it (e.g. {@code DynamoDB})
     * @param callTimeout the client's call timeout: how long a client should wait before retrying
     */
    public StallIsBusy(String dependency, Duration callTimeout) {
        this.dependency = dependency;
        this.callTimeout = callTimeout;
    }

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes executionAttributes) {
        Throwable failure = context.exception();
        if (isStall(failure) && failure instanceof SdkClientException client) {
            DependencyBusyException busy = new DependencyBusyException(dependency, callTimeout, failure.getCause());
            busy.setStackTrace(new StackTraceElement[0]);
            return client.toBuilder().cause(busy).build();
        }
        return failure;
    }

    /** The service did not answer in time: the call's or an attempt's timeout, or a socket read that timed out. */
    static boolean isStall(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiCallTimeoutException || cause instanceof ApiCallAttemptTimeoutException
                    || cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
