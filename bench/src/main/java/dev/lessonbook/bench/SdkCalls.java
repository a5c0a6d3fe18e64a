package dev.lessonbook.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Every AWS SDK call made in the benchmark JVM, seen by a global interceptor (registered by the
 * SDK's own classpath file {@code software/amazon/awssdk/global/handlers/execution.interceptors},
 * so the handlers' clients, built in their static init, are observed without any change to them).
 *
 * <p>It adds up, per thread, the time spent inside SDK executions (marshalling, signing, HTTP,
 * SDK retries, unmarshalling), so a handler's own time is its total minus this. It can also record
 * the calls of one operation (for the capacity-unit count) and counts cancelled transactions whose
 * reason is {@code TransactionConflict}.
 */
public final class SdkCalls implements ExecutionInterceptor {
    /** One finished SDK call. */
    public record Call(String service, String operation, SdkRequest request, SdkResponse response, Throwable failure) {}

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("lessonbook.bench.started");
    private static final ThreadLocal<long[]> NANOS = ThreadLocal.withInitial(() -> new long[1]);
    private static final ThreadLocal<List<Call>> RECORDING = new ThreadLocal<>();
    private static final AtomicLong TRANSACTION_CONFLICTS = new AtomicLong();
    private static final java.util.concurrent.ConcurrentMap<String, java.util.concurrent.atomic.LongAdder[]> BY_OPERATION =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Told about every call on every thread while set (the key spread), null otherwise. */
    private static volatile java.util.function.Consumer<Call> listener;

    /** Tells {@code everyCall} about each call from now on, whatever its thread; null stops. */
    public static void listen(java.util.function.Consumer<Call> everyCall) {
        listener = everyCall;
    }

    /** Count and mean milliseconds of every SDK operation since the last call (then starts again). */
    public static java.util.Map<String, Object> drainByOperation() {
        java.util.Map<String, Object> out = new java.util.TreeMap<>();
        BY_OPERATION.forEach((operation, adders) -> {
            long count = adders[0].sum();
            java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("calls", count);
            row.put("meanMs", count == 0 ? 0 : Percentiles.round(adders[1].sum() / 1e6 / count));
            out.put(operation, row);
        });
        BY_OPERATION.clear();
        return out;
    }

    /** Nanoseconds this thread has spent inside SDK calls so far. */
    public static long nanosOnThisThread() {
        return NANOS.get()[0];
    }

    public static long transactionConflicts() {
        return TRANSACTION_CONFLICTS.get();
    }

    /** Starts recording the calls made on this thread. */
    public static void record() {
        RECORDING.set(new ArrayList<>());
    }

    /** The calls made on this thread since {@link #record()}. */
    public static List<Call> stopRecording() {
        List<Call> calls = RECORDING.get();
        RECORDING.remove();
        return calls == null ? List.of() : calls;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        finished(attributes, context.request(), context.response(), null);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable failure = context.exception();
        if (failure instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()
                && cancelled.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()))) {
            TRANSACTION_CONFLICTS.incrementAndGet();
        }
        finished(attributes, context.request(), context.response().orElse(null), failure);
    }

    private static void finished(ExecutionAttributes attributes, SdkRequest request, SdkResponse response, Throwable failure) {
        Long started = attributes.getAttribute(STARTED);
        if (started != null) {
            long elapsed = System.nanoTime() - started;
            NANOS.get()[0] += elapsed;
            java.util.concurrent.atomic.LongAdder[] adders = BY_OPERATION.computeIfAbsent(
                    attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "." + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    operation -> new java.util.concurrent.atomic.LongAdder[] {new java.util.concurrent.atomic.LongAdder(), new java.util.concurrent.atomic.LongAdder()});
            adders[0].increment();
            adders[1].add(elapsed);
        }
        List<Call> calls = RECORDING.get();
        java.util.function.Consumer<Call> everyCall = listener;
        if (calls != null || everyCall != null) {
            Call call = new Call(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), request, response, failure);
            if (calls != null) {
                calls.add(call);
            }
            if (everyCall != null) {
                everyCall.accept(call);
            }
        }
    }
}
