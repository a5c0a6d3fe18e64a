package dev.lessonbook.aws;

import dev.lessonbook.problem.DependencyBusyException;
import java.util.Optional;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/** A failed call as an interceptor sees it, and what it made of it. */
final class Failures {
    private Failures() {}

    static Throwable seenBy(ExecutionInterceptor interceptor, Throwable failure) {
        return interceptor.modifyException(new Context.FailedExecution() {
            @Override
            public Throwable exception() {
                return failure;
            }

            @Override
            public SdkRequest request() {
                return null;
            }

            @Override
            public Optional<SdkHttpRequest> httpRequest() {
                return Optional.empty();
            }

            @Override
            public Optional<SdkHttpResponse> httpResponse() {
                return Optional.empty();
            }

            @Override
            public Optional<SdkResponse> response() {
                return Optional.empty();
            }
        }, new ExecutionAttributes());
    }

    static Optional<DependencyBusyException> busy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DependencyBusyException found) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }
}
