package dev.lessonbook.local.function;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lessonbook.local.template.FunctionSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One function, invoked the way Lambda invokes it: its handler instantiated from its class name
 * (the only reflection in the local runtime) in an execution environment that serves every
 * invocation until it is discarded. Unlike Lambda, one environment serves concurrent requests.
 *
 * <p>The template's {@code Timeout} holds as in Lambda: an invocation still running at its
 * function's Timeout fails with {@link TimedOut}, and the environment it ran in is discarded, so
 * no later invocation meets the state the stopped one left mid-flight. The next invocation gets a
 * new environment: the runtime's class path loaded again by an {@link EnvironmentClassLoader},
 * so the handler's static init (its clients, its Parameter Store read) runs again, as after a cold
 * start. Lambda stops the timed-out code; a JVM cannot stop a thread, so it is interrupted (the AWS
 * SDK and the Stripe adapter's retry pauses give up on an interrupt; a blocked socket read ends at
 * its own timeout), and whatever it still returns or throws is dropped and logged.
 */
public final class LambdaFunction implements AutoCloseable {

    /** What a function's Context reports about it. */
    public record Identity(String logicalId, String name, String arn, int memoryMb, Duration timeout) {}

    /** The invocation outlived its function's Timeout: what Lambda reports as "Task timed out after N seconds". */
    public static final class TimedOut extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Duration timeout;

        TimedOut(Identity function, Duration ran) {
            super(function.name() + ": Task timed out after " + seconds(ran) + " seconds", null, false, false);
            this.timeout = function.timeout();
        }

        /** The function's Timeout, which the invocation reached. */
        public Duration timeout() {
            return timeout;
        }
    }

    /** A handler instance and the classes it was loaded with; discarded at its first timeout. */
    private static final class Environment {
        private final RequestHandler<Object, Object> handler;
        private final ClassLoader classLoader;
        private final boolean ownClassLoader;
        private final AtomicInteger inFlight = new AtomicInteger();
        private volatile boolean discarded;

        Environment(RequestHandler<Object, Object> handler, ClassLoader classLoader, boolean ownClassLoader) {
            this.handler = handler;
            this.classLoader = classLoader;
            this.ownClassLoader = ownClassLoader;
        }

        /** Closes a discarded environment's own classes once the last invocation still running in it ends. */
        void ended() {
            if (inFlight.decrementAndGet() == 0 && discarded) {
                release();
            }
        }

        void discard() {
            discarded = true;
            if (inFlight.get() == 0) {
                release();
            }
        }

        private void release() {
            if (ownClassLoader && classLoader instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // its jars stay open until the JVM ends
                }
            }
        }
    }

    private final Identity identity;
    private final FunctionSpec spec;
    private final ClassLoader runtimeClassLoader;
    private final Clock clock;
    private final PrintStream out;
    private final ExecutorService invocations;
    private final AtomicInteger environments = new AtomicInteger(1);
    private Environment current;

    private LambdaFunction(Identity identity, FunctionSpec spec, ClassLoader runtimeClassLoader, Environment first,
            Clock clock, PrintStream out) {
        this.identity = identity;
        this.spec = spec;
        this.runtimeClassLoader = runtimeClassLoader;
        this.current = first;
        this.clock = clock;
        this.out = out;
        AtomicInteger threads = new AtomicInteger();
        this.invocations = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "lambda-" + identity.logicalId() + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The functions whose handler class is not on the classpath, checked without initialising
     * anything, so a missing module is reported before emulators start.
     */
    public static List<String> missingHandlers(List<FunctionSpec> functions, ClassLoader classLoader) {
        List<String> missing = new ArrayList<>();
        for (FunctionSpec spec : functions) {
            try {
                Class.forName(spec.handlerClass(), false, classLoader);
            } catch (ClassNotFoundException | LinkageError e) {
                missing.add(spec.logicalId() + " (" + spec.handlerClass() + ")");
            }
        }
        return missing;
    }

    /** Loads and instantiates the handler class, running its static initialisation (its composition root). */
    public static LambdaFunction load(FunctionSpec spec, String arn, ClassLoader classLoader, Clock clock, PrintStream out) {
        if (!spec.handlerMethod().equals("handleRequest")) {
            throw new IllegalStateException(spec.logicalId() + ": handler method " + spec.handlerMethod()
                    + " is not supported locally; implement RequestHandler.handleRequest");
        }
        Identity identity = new Identity(spec.logicalId(), spec.functionName(), arn, spec.memoryMb(), spec.timeout());
        return new LambdaFunction(identity, spec, classLoader, initialise(spec, classLoader, false), clock, out);
    }

    @SuppressWarnings("unchecked")
    private static Environment initialise(FunctionSpec spec, ClassLoader classLoader, boolean ownClassLoader) {
        Object instance;
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        try {
            instance = Class.forName(spec.handlerClass(), true, classLoader).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(spec.logicalId() + ": handler class " + spec.handlerClass()
                    + " is not on the local runtime's classpath (add its module to local/pom.xml)", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(spec.logicalId() + ": " + spec.handlerClass() + " failed to initialise", e.getCause());
        } catch (ReflectiveOperationException | ExceptionInInitializerError e) {
            throw new IllegalStateException(spec.logicalId() + ": cannot instantiate " + spec.handlerClass(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        if (!(instance instanceof RequestHandler<?, ?> requestHandler)) {
            throw new IllegalStateException(spec.logicalId() + ": " + spec.handlerClass()
                    + " does not implement com.amazonaws.services.lambda.runtime.RequestHandler");
        }
        return new Environment((RequestHandler<Object, Object>) requestHandler, classLoader, ownClassLoader);
    }

    public Identity identity() {
        return identity;
    }

    /**
     * Calls the handler with a fresh Context on a thread of its own and answers with what it
     * returns or throws — or, once the function's Timeout has passed, with {@link TimedOut}.
     */
    public CompletableFuture<Object> start(Object event) {
        Environment environment = environment();
        String requestId = UUID.randomUUID().toString();
        Instant started = clock.instant();
        LocalContext context = new LocalContext(identity, requestId, started.plus(identity.timeout()), clock, out);
        CompletableFuture<Object> answer = new CompletableFuture<>();
        // Whoever settles the invocation first, the handler or the deadline, decides its answer.
        AtomicBoolean settled = new AtomicBoolean();
        environment.inFlight.incrementAndGet();
        Future<?> running;
        try {
            running = invocations.submit(() -> run(environment, event, context, settled, answer));
        } catch (RuntimeException notAccepted) { // the runtime is stopping
            environment.ended();
            throw notAccepted;
        }
        CompletableFuture.delayedExecutor(identity.timeout().toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (settled.compareAndSet(false, true)) {
                Duration ran = Duration.between(started, clock.instant());
                // Discarded before anyone learns of the timeout, so no later invocation can reach it.
                discard(environment);
                out.println("[" + identity.name() + " " + requestId + "] Task timed out after " + seconds(ran)
                        + " seconds; its execution environment is discarded and the invocation interrupted");
                answer.completeExceptionally(new TimedOut(identity, ran));
                running.cancel(true);
            }
        });
        return answer;
    }

    /** {@link #start} and wait: the handler's answer, its exception, or {@link TimedOut}. */
    public Object invoke(Object event) {
        try {
            return start(event).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(identity.name() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(identity.name() + ": interrupted while waiting for the invocation", e);
        }
    }

    private void run(Environment environment, Object event, LocalContext context, AtomicBoolean settled,
            CompletableFuture<Object> answer) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(environment.classLoader);
        try {
            Object result = environment.handler.handleRequest(event, context);
            if (settled.compareAndSet(false, true)) {
                answer.complete(result);
            } else {
                out.println("WARN [" + identity.name() + " " + context.getAwsRequestId()
                        + "] returned after its Timeout; Lambda would have stopped it, its answer is dropped");
            }
        } catch (Throwable failure) {
            if (settled.compareAndSet(false, true)) {
                answer.completeExceptionally(failure);
            } else {
                out.println("WARN [" + identity.name() + " " + context.getAwsRequestId()
                        + "] ended after its Timeout with " + failure + "; Lambda would have stopped it");
            }
        } finally {
            thread.setContextClassLoader(previous);
            environment.ended();
        }
    }

    /** The current environment, a new one when the last was discarded (initialised here, like a cold start). */
    private synchronized Environment environment() {
        if (current.discarded) {
            EnvironmentClassLoader classes = EnvironmentClassLoader.over(
                    identity.logicalId() + "-environment-" + environments.incrementAndGet(), runtimeClassLoader);
            try {
                current = initialise(spec, classes, true);
            } catch (RuntimeException failed) {
                close(classes);
                throw failed;
            }
        }
        return current;
    }

    private synchronized void discard(Environment environment) {
        environment.discard();
    }

    private static void close(EnvironmentClassLoader classes) {
        try {
            classes.close();
        } catch (IOException ignored) {
            // its jars stay open until the JVM ends
        }
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f", duration.toMillis() / 1000.0);
    }

    /** Stops accepting invocations; threads still running are interrupted. */
    @Override
    public void close() {
        invocations.shutdownNow();
    }
}
