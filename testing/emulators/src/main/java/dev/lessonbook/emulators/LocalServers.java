package dev.lessonbook.emulators;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The outside world on this machine: moto for AWS (DynamoDB requests serialized) and localstripe
 * for Stripe, each started unless an endpoint is given ({@code AWS_ENDPOINT_URL},
 * {@code STRIPE_API_BASE}). Used by the test extension and by the local runtime.
 */
public final class LocalServers implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "testing";
    public static final String SECRET_KEY = "testing";
    public static final String STRIPE_TEST_KEY = "sk_test_lessonbook_local";

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Endpoints endpoints;
    private final List<ServerProcess> started;

    private LocalServers(Endpoints endpoints, List<ServerProcess> started) {
        this.endpoints = endpoints;
        this.started = started;
    }

    /** Endpoints the tests and the runtime talk to. */
    public record Endpoints(URI aws, URI stripe, String region, boolean awsIsMoto) {}

    public static LocalServers start() {
        String awsOverride = System.getenv("AWS_ENDPOINT_URL");
        String stripeOverride = System.getenv("STRIPE_API_BASE");
        boolean needMoto = awsOverride == null || awsOverride.isBlank();
        boolean needStripe = stripeOverride == null || stripeOverride.isBlank();
        List<ServerProcess> started = new ArrayList<>();
        try {
            Path venv = needMoto || needStripe ? PythonTools.ensureVenv(ProjectRoot.find()) : null;
            URI aws = needMoto ? track(started, ServerProcess.startPythonScript("moto", venv, "moto_serialized.py", STARTUP))
                    : URI.create(awsOverride);
            URI stripe = needStripe
                    ? track(started, ServerProcess.startPythonScript("localstripe", venv, "localstripe_server.py", STARTUP))
                    : URI.create(stripeOverride);
            String region = System.getenv().getOrDefault("AWS_REGION", REGION);
            LocalServers servers = new LocalServers(new Endpoints(aws, stripe, region, needMoto), List.copyOf(started));
            Runtime.getRuntime().addShutdownHook(new Thread(servers::close, "lessonbook-local-servers-stop"));
            return servers;
        } catch (RuntimeException e) {
            started.forEach(ServerProcess::close);
            throw e;
        }
    }

    private static URI track(List<ServerProcess> started, ServerProcess server) {
        started.add(server);
        return server.endpoint();
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** PIDs of the processes this instance started (for checks that none outlives it). */
    public List<Long> pids() {
        return started.stream().map(ServerProcess::pid).toList();
    }

    @Override
    public void close() {
        started.forEach(ServerProcess::close);
    }
}
