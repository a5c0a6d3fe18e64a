package dev.lessonbook.aws.priming;

import dev.lessonbook.aws.Incidents;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A function's SnapStart hooks. Lambda publishes a version by running the function's init, then
 * this {@code beforeCheckpoint} — the primers, which load what the first request would load — and
 * snapshots the result; every cold start of that version restores the snapshot and runs
 * {@code afterRestore} before its first request. Registered as an org.crac {@link Resource}, the
 * interface Lambda's Java runtime calls; where nothing checkpoints (tests, the local runtime, a
 * function without SnapStart) the hooks never run and registering costs nothing.
 *
 * <p><b>Adding a function:</b> its handler registers what it uses, at static init, after the
 * composition root it primes:
 *
 * <pre>{@code
 * private static final Tables TABLES = Tables.fromEnvironment();
 * ...
 * static final Priming PRIMING = Priming.register(TABLES.primer(), HttpPriming.route(ROUTE,
 *         HttpPriming.request("GET /v1/things/{thingId}").pathParam("thingId", HttpPriming.NEVER_WRITTEN_ID)));
 * }</pre>
 *
 * A route that writes primes its reader and a response document instead ({@code HttpPriming.reading}), never
 * its use case; a function with Stripe adds {@code PAYMENTS.primer()}, a queue consumer {@code CONSUMER.primer()}.
 * Every handler under {@code functions/} must: a test ({@code EveryFunctionIsPrimedTest}) fails
 * the build for a handler that registers no primer. Each function's IT runs its {@code PRIMING}
 * against the emulators and checks that the table is unchanged.
 *
 * <p>A primer that fails is counted ({@code PrimingFailed}) and skipped: priming only makes the
 * first request faster, and a deploy must not fail because a read failed once. An
 * {@code afterRestore} that fails fails the restore, as a failed init does: the function would run
 * without what it re-reads (docs/decisions.md, "SnapStart priming").
 */
public final class Priming {
    /** {@code AWS_LAMBDA_INITIALIZATION_TYPE} of an init that Lambda will snapshot. */
    public static final String SNAP_START = "snap-start";

    /** Every registration in this JVM, strongly held: org.crac contexts hold resources weakly. */
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

    private final List<Primer> primers;
    private final Resource hooks = new Hooks();

    private Priming(List<Primer> primers) {
        this.primers = List.copyOf(primers);
    }

    /** Registers the function's primers with the runtime's checkpoint context; call once, at static init. */
    public static Priming register(Primer... primers) {
        Priming priming = new Priming(List.of(primers));
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming.hooks);
        return priming;
    }

    /** Every {@link #register registration} of this JVM, in order. */
    public static List<Priming> registered() {
        return List.copyOf(REGISTERED);
    }

    /**
     * Whether this init is the one Lambda snapshots ({@code AWS_LAMBDA_INITIALIZATION_TYPE} is
     * {@value #SNAP_START}): then a secret is read after the restore, not now.
     */
    public static boolean initialisingForSnapshot(Function<String, Optional<String>> setting) {
        return setting.apply("AWS_LAMBDA_INITIALIZATION_TYPE").filter(SNAP_START::equals).isPresent();
    }

    public List<Primer> primers() {
        return primers;
    }

    /** What Lambda runs before the snapshot: every primer, a failed one counted and skipped. */
    public void beforeCheckpoint() {
        for (Primer primer : primers) {
            try {
                primer.prime();
            } catch (Exception | LinkageError failed) {
                Incidents.record("PrimingFailed", "a primer failed; the first request loads what it would have",
                        Map.of("primer", primer.name()), failed);
            }
        }
    }

    /** What Lambda runs after each restore, before the first request: every primer's re-reads. */
    public void afterRestore() throws Exception {
        for (Primer primer : primers) {
            primer.afterRestore();
        }
    }

    private final class Hooks implements Resource {
        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            Priming.this.beforeCheckpoint();
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) throws Exception {
            Priming.this.afterRestore();
        }
    }
}
