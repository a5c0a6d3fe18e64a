package dev.lessonbook.aws;

import dev.lessonbook.problem.DependencyBusyException;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Marks an AWS service's throttling, once the client's own (short) retries are spent, with a
 * {@link DependencyBusyException} cause, so every route answers 503 with {@code Retry-After: 1}
 * instead of a bug's 503. Attached to a service client, so no store needs to know. A service may
 * say "throttled" in a form of its own (DynamoDB: a transaction cancelled only for throttling),
 * which the client's builder names.
 */
public final class ThrottlingIsBusy implements ExecutionInterceptor {
    private static final Set<String> THROTTLING_CODES = Set.of(
            "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
            "Throttling", "TooManyRequestsException");

    private final String dependency;
    private final Predicate<AwsServiceException> throttledInItsOwnWords;

    /**
     * @param dependency the service, as a busy answer names it (e.g. {@code DynamoDB})
     * @param throttledInItsOwnWords the service's own throttling errors beyond the common codes
     */
    public ThrottlingIsBusy(String dependency, Predicate<AwsServiceException> throttledInItsOwnWords) {
        this.dependency = dependency;
        this.throttledInItsOwnWords = throttledInItsOwnWords;
    }

    /**
     * The SDK refuses an exception of another class from {@code modifyException} (it throws
     * IllegalArgumentException instead, which read as a bug: 503 with Retry-After 5), so the
     * throttling error keeps its class and gets a {@link DependencyBusyException} as its cause,
     * where the route looks for it.
     */
    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes executionAttributes) {
        Throwable failure = context.exception();
        if (failure instanceof AwsServiceException service && isThrottling(service)) {
            DependencyBusyException busy = new DependencyBusyException(dependency, null);
            busy.setStackTrace(new StackTraceElement[0]);
            return service.toBuilder().cause(busy).build();
        }
        return failure;
    }

    /** The service refused the call for capacity: a common throttling error, or one in its own words. */
    boolean isThrottling(AwsServiceException service) {
        return service.isThrottlingException()
                || (service.awsErrorDetails() != null && THROTTLING_CODES.contains(service.awsErrorDetails().errorCode()))
                || throttledInItsOwnWords.test(service);
    }
}
