package dev.lessonbook.dynamodb;

import dev.lessonbook.problem.DependencyBusyException;
import java.net.SocketTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Marks a DynamoDB call that gave up waiting ({@link Tables#CALL_TIMEOUT}, or a socket that stopped
 * answering) with a {@link DependencyBusyException} cause, as {@link ThrottlingIsBusy} marks
 * throttling: a stalled dependency is weather, not a bug, so the route answers 503 with a
 * {@code Retry-After} of the call's budget — retrying sooner would only hold another function for
 * as long while DynamoDB still does not answer. The exception keeps its class (the SDK allows no
 * other), so a store that catches it sees what it saw before.
 */
public final class StallIsBusy implements ExecutionInterceptor {

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes executionAttributes) {
        Throwable failure = context.exception();
        if (isStall(failure) && failure instanceof SdkClientException client) {
            DependencyBusyException busy = new DependencyBusyException("DynamoDB", Tables.CALL_TIMEOUT, failure.getCause());
            busy.setStackTrace(new StackTraceElement[0]);
            return client.toBuilder().cause(busy).build();
        }
        return failure;
    }

    /** DynamoDB did not answer in time: the call's or an attempt's timeout, or a socket read that timed out. */
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
