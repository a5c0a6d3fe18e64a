package dev.lessonbook.aws.priming;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Primes a call that must not happen — a SendMessage, say — by running all of it but the sending:
 * the request is built, marshalled, its endpoint resolved and signed, and then stopped before the
 * HTTP client sees it. Attached to a client ({@code addExecutionInterceptor}), it does nothing to
 * other requests; only one marked by {@link #marked} stops, with {@link NotSent}, which the SDK
 * does not retry (it is not an I/O failure).
 */
public final class MarshalOnly implements ExecutionInterceptor {
    private static final ExecutionAttribute<Boolean> PRIMING = new ExecutionAttribute<>("LessonbookPrimingMarshalOnly");

    /** The override configuration that marks a request as one to stop before it is sent. */
    public static AwsRequestOverrideConfiguration marked() {
        return AwsRequestOverrideConfiguration.builder().putExecutionAttribute(PRIMING, Boolean.TRUE).build();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        if (Boolean.TRUE.equals(executionAttributes.getAttribute(PRIMING))) {
            throw new NotSent(context.httpRequest());
        }
    }

    /**
     * Runs {@code call}, a marked request on {@code client}, and returns normally when it stopped
     * before sending, as it must. On a client without this interceptor the request would be sent:
     * it is then not made at all, and the primer fails.
     */
    public static void run(SdkClient client, Runnable call) {
        if (!attachedTo(client)) {
            throw new IllegalStateException("MarshalOnly is not attached to this " + client.serviceName()
                    + " client: the priming request would be sent, so it is not made");
        }
        try {
            call.run();
        } catch (RuntimeException stopped) { // the SDK may wrap it in an SdkClientException
            if (notSent(stopped)) {
                return;
            }
            throw stopped;
        }
        throw new IllegalStateException("A marshal-only request was not stopped: is MarshalOnly attached to the client?");
    }

    /** Whether {@code client} was built with this interceptor. */
    public static boolean attachedTo(SdkClient client) {
        return client.serviceClientConfiguration().overrideConfiguration().executionInterceptors().stream()
                .anyMatch(MarshalOnly.class::isInstance);
    }

    private static boolean notSent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NotSent) {
                return true;
            }
        }
        return false;
    }

    /** The request a primer marshalled and signed, stopped before the HTTP client. */
    public static final class NotSent extends RuntimeException {
        NotSent(software.amazon.awssdk.http.SdkHttpRequest request) {
            super("Priming: " + request.method() + " " + request.encodedPath() + " marshalled and signed, not sent", null, false, false);
        }
    }
}
