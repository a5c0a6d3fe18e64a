package dev.lessonbook.local.function;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lessonbook.local.template.FunctionSpec;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One function's handler, instantiated once from its class name the way the Lambda runtime does
 * (the only reflection in the local runtime), then invoked for every event like a warm
 * container. Unlike Lambda, one instance may serve concurrent requests.
 */
public final class LambdaFunction {

    /** What a function's Context reports about it. */
    public record Identity(String logicalId, String name, String arn, int memoryMb, Duration timeout) {}

    private final Identity identity;
    private final RequestHandler<Object, Object> handler;
    private final Clock clock;
    private final PrintStream out;

    private LambdaFunction(Identity identity, RequestHandler<Object, Object> handler, Clock clock, PrintStream out) {
        this.identity = identity;
        this.handler = handler;
        this.clock = clock;
        this.out = out;
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
    @SuppressWarnings("unchecked")
    public static LambdaFunction load(FunctionSpec spec, String arn, ClassLoader classLoader, Clock clock, PrintStream out) {
        if (!spec.handlerMethod().equals("handleRequest")) {
            throw new IllegalStateException(spec.logicalId() + ": handler method " + spec.handlerMethod()
                    + " is not supported locally; implement RequestHandler.handleRequest");
        }
        Object instance;
        try {
            instance = Class.forName(spec.handlerClass(), true, classLoader).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(spec.logicalId() + ": handler class " + spec.handlerClass()
                    + " is not on the local runtime's classpath (add its module to local/pom.xml)", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(spec.logicalId() + ": " + spec.handlerClass() + " failed to initialise", e.getCause());
        } catch (ReflectiveOperationException | ExceptionInInitializerError e) {
            throw new IllegalStateException(spec.logicalId() + ": cannot instantiate " + spec.handlerClass(), e);
        }
        if (!(instance instanceof RequestHandler<?, ?> requestHandler)) {
            throw new IllegalStateException(spec.logicalId() + ": " + spec.handlerClass()
                    + " does not implement com.amazonaws.services.lambda.runtime.RequestHandler");
        }
        Identity identity = new Identity(spec.logicalId(), spec.functionName(), arn, spec.memoryMb(), spec.timeout());
        return new LambdaFunction(identity, (RequestHandler<Object, Object>) requestHandler, clock, out);
    }

    public Identity identity() {
        return identity;
    }

    /**
     * Calls the handler with a fresh Context. An invocation that outlives the Timeout is reported
     * (Lambda would have stopped it) but not interrupted.
     */
    public Object invoke(Object event) {
        String requestId = UUID.randomUUID().toString();
        Instant started = clock.instant();
        LocalContext context = new LocalContext(identity, requestId, started.plus(identity.timeout()), clock, out);
        try {
            return handler.handleRequest(event, context);
        } finally {
            Duration took = Duration.between(started, clock.instant());
            if (took.compareTo(identity.timeout()) > 0) {
                out.println("WARN " + identity.name() + " ran " + took.toMillis() + " ms, longer than its Timeout of "
                        + identity.timeout().toSeconds() + " s: Lambda would have stopped it");
            }
        }
    }
}
