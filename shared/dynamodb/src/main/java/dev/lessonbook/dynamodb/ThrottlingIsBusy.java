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
 * Turns DynamoDB throttling, once the SDK's own retries are spent, into a
 * {@link DependencyBusyException}, so every store answers 503 with {@code Retry-After} instead of
 * a bug's 503 — and a transaction cancelled for throttling is never read as a failed condition
 * (a conflict) by the stores that catch {@link TransactionCanceledException}. Attached to the one
 * DynamoDB client of {@link Tables}, so no store needs to know.
 */
public final class ThrottlingIsBusy implements ExecutionInterceptor {
    private static final Set<String> THROTTLING_CODES = Set.of(
            "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
            "Throttling", "TooManyRequestsException");

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes executionAttributes) {
        Throwable failure = context.exception();
        return isThrottling(failure) ? new DependencyBusyException("DynamoDB", failure) : failure;
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
