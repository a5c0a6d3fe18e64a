package dev.lessonbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.e2e.contract.OpenApiContract;
import dev.lessonbook.local.client.ApiClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The local runtime as its own process, started the way ./run-local starts it once built (same
 * main class and arguments, this JVM's java and classpath), on the project's template.yaml.
 *
 * <p>Its {@link #api() client} checks every response against docs/api/openapi.yaml: a response
 * that does not conform fails the request that got it, and {@link #stop()} fails too if any did
 * (so a test that swallowed the error still fails).
 */
public final class LocalRuntimeProcess implements AutoCloseable {
    private static final Duration READY_DEADLINE = Duration.ofMinutes(3);
    private static final OpenApiContract CONTRACT = OpenApiContract.ofProject();

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final List<String> contractViolations = new CopyOnWriteArrayList<>();
    private final ApiClient api;

    private LocalRuntimeProcess(Process process, int port) {
        this.process = process;
        this.api = new ApiClient(URI.create("http://127.0.0.1:" + port)).withObserver(this::checkAgainstContract);
    }

    /** Every API response must conform to the OpenAPI file; the runtime's own /_local/* endpoints are not API. */
    private void checkAgainstContract(ApiClient.Exchange exchange) {
        if (exchange.path().startsWith("/_local/")) {
            return;
        }
        try {
            CONTRACT.validate(exchange.method(), exchange.path(), exchange.response().status(),
                    exchange.response().headers(), exchange.response().body());
        } catch (OpenApiContract.ContractViolation violation) {
            contractViolations.add(violation.getMessage());
            throw violation;
        }
    }

    /** The responses so far that did not conform to docs/api/openapi.yaml. */
    public List<String> contractViolations() {
        return List.copyOf(contractViolations);
    }

    /**
     * @param environment extra environment, e.g. {@code AWS_ENDPOINT_URL} and {@code STRIPE_API_BASE}
     *                    to use servers the test started; without them the runtime starts its own
     */
    public static LocalRuntimeProcess start(Map<String, String> environment, String... extraArguments) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Dlessonbook.root=" + System.getProperty("lessonbook.root"),
                "-cp", System.getProperty("java.class.path"),
                "dev.lessonbook.local.LocalRuntime", "--port", Integer.toString(port)));
        command.addAll(List.of(extraArguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("AWS_ENDPOINT_URL");
        builder.environment().remove("STRIPE_API_BASE");
        builder.environment().putAll(environment);
        LocalRuntimeProcess runtime = new LocalRuntimeProcess(builder.start(), port);
        runtime.awaitReady("ready: http://127.0.0.1:" + port);
        return runtime;
    }

    public ApiClient api() {
        return api;
    }

    public List<String> output() {
        return List.copyOf(output);
    }

    public Process process() {
        return process;
    }

    private void awaitReady(String readyLine) throws InterruptedException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.add(line);
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the process ended; its output so far is kept
            }
        }, "local-runtime-output");
        reader.setDaemon(true);
        reader.start();
        Instant giveUp = Instant.now().plus(READY_DEADLINE);
        while (true) {
            String line = lines.poll(Math.max(1, Duration.between(Instant.now(), giveUp).toMillis()), TimeUnit.MILLISECONDS);
            assertThat(line).as("the ready line within %s; output:%n%s", READY_DEADLINE, String.join("\n", output)).isNotNull();
            if (line.contains(readyLine)) {
                return;
            }
        }
    }

    /**
     * SIGTERM, as Ctrl-C or a service manager would stop it; returns the exit code. Fails, once
     * the process has ended, if any response did not conform to the OpenAPI file.
     */
    public int stop() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        int exitCode = process.exitValue();
        assertThat(contractViolations).as("responses that do not conform to docs/api/openapi.yaml").isEmpty();
        return exitCode;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
