package dev.lessonbook.bench.primed;

import java.lang.reflect.Method;

/**
 * The main class of a primed cold start: what Lambda does when it publishes a SnapStart version
 * and later restores it, in one fresh JVM, before the runtime client takes over. The handler class
 * is loaded and initialised (its composition root, and its {@code Priming} registered with
 * org.crac, which {@code -Dorg.crac.Core.Compat} points at the runtime client's own checkpoint
 * context, as on Lambda); then that context's {@code beforeCheckpoint} and {@code afterRestore}
 * run, as the runtime client runs them for a SnapStart init ({@code AWSLambda.onInitComplete}),
 * with the restore itself taking no time: nothing is snapshotted here. Then the runtime client's
 * own main loads the same, already initialised, handler class and serves invocations.
 *
 * <p>Only the JDK at compile time: the runtime client is on the class path of the run, not of
 * the benchmark. Prints one line, {@code PRIMING REPORT(...)}, with the three phases in ms.
 */
public final class SnapStartLauncher {
    private SnapStartLauncher() {}

    public static void main(String[] args) throws Throwable {
        String handler = args[0];
        String handlerClass = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        // The runtime client's native library, which it has loaded by the time it runs the hooks:
        // its checkpoint context clears the JVM's DNS cache through it before the snapshot.
        Class.forName("com.amazonaws.services.lambda.runtime.api.client.runtimeapi.JniHelper").getMethod("load").invoke(null);
        long started = System.nanoTime();
        Class.forName(handlerClass, true, ClassLoader.getSystemClassLoader());
        long initialised = System.nanoTime();
        Class<?> core = Class.forName("com.amazonaws.services.lambda.crac.Core");
        Class<?> context = Class.forName("com.amazonaws.services.lambda.crac.Context");
        Object global = core.getMethod("getGlobalContext").invoke(null);
        Method before = context.getMethod("beforeCheckpoint", context);
        Method after = context.getMethod("afterRestore", context);
        before.invoke(global, (Object) null);
        long checkpointed = System.nanoTime();
        after.invoke(global, (Object) null);
        long restored = System.nanoTime();
        System.out.println("PRIMING REPORT(staticInitMs: " + ms(initialised - started) + ", beforeCheckpointMs: "
                + ms(checkpointed - initialised) + ", afterRestoreMs: " + ms(restored - checkpointed) + ")");
        Class.forName("com.amazonaws.services.lambda.runtime.api.client.AWSLambda")
                .getMethod("main", String[].class).invoke(null, (Object) args);
    }

    private static String ms(long nanos) {
        return String.valueOf(Math.round(nanos / 1e4) / 100.0);
    }
}
