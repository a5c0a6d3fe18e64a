package dev.lessonbook.dynamodb;

import dev.lessonbook.problem.DependencyBusyException;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Marks DynamoDB throttling, once the SDK's own (short, see {@link Tables#fromEnvironment}) retries
 * are spent, with a {@link DependencyBusyException} cause, so every route answers 503 with
 * {@code Retry-After: 1} instead of a bug's 503 — and a transaction cancelled for throttling is
 * never read as a failed condition (a conflict): its reasons hold no {@code ConditionalCheckFailed}.
 * Attached to the one DynamoDB client of {@link Tables}, so no store needs to know.
 */
public final class ThrottlingIsBusy implements ExecutionInterceptor {
    private static final Set<String> THROTTLING_CODES = Set.of(
            "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
            "Throttling", "TooManyRequestsException");

    /**
     * The SDK refuses an exception of another class from {@code modifyException} (it throws
     * IllegalArgumentException instead, which read as a bug: 503 with Retry-After 5), so the
     * throttling error keeps its class and gets a {@link DependencyBusyException} as its cause,
     * where the route looks for it. Stores catching {@link TransactionCanceledException} act only
     * on {@code ConditionalCheckFailed} reasons, which a throttled cancellation has none of, so
     * they rethrow it unchanged.
     */
    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes executionAttributes) {
        Throwable failure = context.exception();
        if (isThrottling(failure) && failure instanceof AwsServiceException service) {
            DependencyBusyException busy = new DependencyBusyException("DynamoDB", null);
            busy.setStackTrace(new StackTraceElement[0]);
            return service.toBuilder().cause(busy).build();
        }
        return failure;
    }

    /** DynamoDB refused the call for capacity: a throttling error, or a transaction cancelled only for it. */
    public static boolean isThrottling(Throwable failure) {
        if (failure instanceof TransactionCanceledException cancelled) {
            List<String> codes = Transactions.reasonCodes(cancelled);
            return codes.contains("ThrottlingError") && !codes.contains("ConditionalCheckFailed");
        }
        if (failure instanceof AwsServiceException service) {
            return service.isThrottlingException() || (service.awsErrorDetails() != null
                    && THROTTLING_CODES.contains(service.awsErrorDetails().errorCode()));
        }
        return false;
    }
}
