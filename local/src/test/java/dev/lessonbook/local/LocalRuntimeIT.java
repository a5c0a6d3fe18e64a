package dev.lessonbook.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lessonbook.json.JsonMappers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Starts the local runtime as its own process, the way ./run-local starts it once built (same
 * main class, classpath file and arguments), on the test template, and drives it over HTTP:
 * tokens and the authorizer, routing, the worker fed by the queue, the schedule, and finally
 * SIGTERM, after which no process it started may survive.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRuntimeIT {
    private static final Duration READY_DEADLINE = Duration.ofMinutes(3);
    private static final Duration EFFECT_DEADLINE = Duration.ofSeconds(45);
    private static final ObjectMapper JSON = JsonMappers.standard();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Process runtime;
    private static Thread outputReader;
    private static final List<String> output = new CopyOnWriteArrayList<>();
    private static URI base;
    private static String studentToken;

    /** The runtime's log explains a failure better than any assertion message. */
    @RegisterExtension
    static final TestWatcher PRINT_RUNTIME_OUTPUT_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.out.println("runtime output:\n  " + String.join("\n  ", output));
        }
    };

    @BeforeAll
    static void startTheRuntimeAsRunLocalDoes() throws Exception {
        Path target = Path.of(LocalRuntimeIT.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        String classpath = String.join(java.io.File.pathSeparator, target.resolve("test-classes").toString(),
                target.resolve("classes").toString(), Files.readString(target.resolve("classpath.txt")).strip());
        Path template = Path.of(LocalRuntimeIT.class.getResource("/test-template.yaml").toURI());
        String java = ProcessHandle.current().info().command().orElse("java");
        int port = freePort();

        ProcessBuilder builder = new ProcessBuilder(java, "-Dlessonbook.root=" + System.getProperty("lessonbook.root"),
                "-cp", classpath, "dev.lessonbook.local.LocalRuntime",
                "--port", Integer.toString(port), "--template", template.toString(), "--schedule-interval-seconds", "1")
                .redirectErrorStream(true);
        // The runtime starts its own emulators, so the test can see it stop them.
        builder.environment().remove("AWS_ENDPOINT_URL");
        builder.environment().remove("STRIPE_API_BASE");
        runtime = builder.start();

        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        outputReader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(runtime.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.add(line);
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "runtime-output");
        outputReader.setDaemon(true);
        outputReader.start();

        String expected = "ready: http://127.0.0.1:" + port;
        Instant giveUp = Instant.now().plus(READY_DEADLINE);
        while (true) {
            String line = lines.poll(Math.max(1, Duration.between(Instant.now(), giveUp).toMillis()), TimeUnit.MILLISECONDS);
            assertThat(line).as("the ready line within %s; output so far:%n%s", READY_DEADLINE, String.join("\n", output))
                    .isNotNull();
            assertThat(runtime.isAlive()).as("runtime alive; output:%n%s", String.join("\n", output)).isTrue();
            if (line.contains(expected)) {
                break;
            }
        }
        base = URI.create("http://127.0.0.1:" + port);
        studentToken = JSON.readTree(post("/_local/tokens", null, "application/json",
                "{\"sub\":\"student-1\",\"role\":\"student\"}").body()).get("token").asText();
    }

    @AfterAll
    static void stopWhateverIsLeft() throws InterruptedException {
        if (runtime != null && runtime.isAlive()) {
            runtime.descendants().forEach(ProcessHandle::destroy);
            runtime.destroy();
            if (!runtime.waitFor(20, TimeUnit.SECONDS)) {
                runtime.descendants().forEach(ProcessHandle::destroyForcibly);
                runtime.destroyForcibly();
            }
        }
    }

    @Test
    @Order(1)
    void aRouteBehindTheAuthorizerAnswers401WithoutAToken() throws Exception {
        HttpResponse<String> response = get("/v1/echo/abc", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
    }

    @Test
    @Order(1)
    void aTokenNotIssuedHereIsRefused() throws Exception {
        String forged = studentToken.substring(0, studentToken.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";

        assertThat(get("/v1/echo/abc", forged).statusCode()).isEqualTo(401);
        assertThat(get("/v1/echo/abc", "not-a-jwt").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(1)
    void withALocalTokenTheFunctionReceivesTheClaimsTheRouteAndItsConfiguration() throws Exception {
        HttpResponse<String> response = get("/v1/echo/abc%20d?week=2026-12-07&tag=a&tag=b", studentToken);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode echo = JSON.readTree(response.body());
        assertThat(echo.at("/routeKey").asText()).isEqualTo("GET /v1/echo/{id}");
        assertThat(echo.at("/pathParameters/id").asText()).isEqualTo("abc d");
        assertThat(echo.at("/queryStringParameters/tag").asText()).isEqualTo("a,b");
        assertThat(echo.at("/claims/sub").asText()).isEqualTo("student-1");
        assertThat(echo.at("/claims/role").asText()).isEqualTo("student");
        assertThat(echo.at("/tableName").asText()).isEqualTo("lessonbook-local-TestTable");
        assertThat(echo.at("/greeting").asText()).isEqualTo("hello from us-east-1 lessonbook-local-TestTable");
        assertThat(echo.at("/functionName").asText()).isEqualTo("lessonbook-local-EchoFunction");
        assertThat(echo.at("/remainingTimeMs").asInt()).isBetween(1, 10_000);
    }

    @Test
    @Order(1)
    void theResponseKeepsItsHeadersCookiesAndStatus() throws Exception {
        HttpResponse<String> response = post("/v1/echo/1", studentToken, "application/octet-stream", "abc");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("set-cookie")).containsExactly("first=1; Path=/", "second=2");
        assertThat(response.headers().allValues("x-multi")).containsExactly("1", "2");
        assertThat(response.headers().firstValue("x-echo")).contains("yes");
        assertThat(response.headers().firstValue("apigw-requestid")).isPresent();
        JsonNode echo = JSON.readTree(response.body());
        assertThat(echo.at("/isBase64Encoded").asBoolean()).isTrue();
        assertThat(echo.at("/body").asText()).isEqualTo("YWJj");
    }

    @Test
    @Order(1)
    void aRouteWithoutAuthorizerIsOpenAndAGreedyParameterTakesTheRest() throws Exception {
        HttpResponse<String> response = get("/v1/public/a/b/c", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/proxy").asText()).isEqualTo("a/b/c");
    }

    @Test
    @Order(1)
    void unknownPathsAndMethodsAreProblemDocuments() throws Exception {
        HttpResponse<String> notFound = get("/v1/nowhere", studentToken);
        HttpResponse<String> wrongMethod = HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/echo/1")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(JSON.readTree(notFound.body()).at("/code").asText()).isEqualTo("NOT_FOUND");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(wrongMethod.body()).at("/code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(wrongMethod.headers().firstValue("allow")).contains("GET, POST");
    }

    @Test
    @Order(1)
    void aFunctionThatThrowsIsAnInternalServerErrorAsOnApiGateway() throws Exception {
        HttpResponse<String> response = get("/v1/boom", studentToken);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    @Order(1)
    void aFunctionStillRunningAtItsTemplateTimeoutIsStoppedThereAndAnsweredAsApiGatewayAnswers() throws Exception {
        String before = JSON.readTree(get("/v1/report", null).body()).get("environment").asText();
        Instant started = Instant.now();

        HttpResponse<String> stalled = get("/v1/stall", null);

        Duration took = Duration.between(started, Instant.now());
        assertThat(stalled.statusCode()).isEqualTo(500);
        assertThat(stalled.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(took).as("the template's Timeout: 2").isGreaterThanOrEqualTo(Duration.ofSeconds(2))
                .isLessThan(Duration.ofSeconds(6));
        eventually(() -> output, lines -> lines.stream().anyMatch(line ->
                line.contains("lessonbook-local-StallingFunction") && line.contains("Task timed out after 2.")));
        HttpResponse<String> after = get("/v1/report", null);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(after.body()).get("environment").asText()).as("a new execution environment")
                .isNotEqualTo(before).startsWith("StallingFunction-environment-");
    }

    @Test
    @Order(1)
    void headersOverApiGatewaysQuotaAreAnswered431AndManySmallHeadersAreServed() throws Exception {
        HttpResponse<String> bigToken = get("/v1/echo/abc", "x".repeat(10 * 1024));
        HttpRequest.Builder many = HttpRequest.newBuilder(uri("/v1/report")).GET();
        for (int i = 0; i < 500; i++) {
            many.header("X-Probe-" + i, "v");
        }
        HttpResponse<String> manyHeaders = send(many.build());

        assertThat(bigToken.statusCode()).isEqualTo(431);
        assertThat(bigToken.body()).isEqualTo("{\"message\":\"Request Header Fields Too Large\"}");
        assertThat(manyHeaders.statusCode()).as(manyHeaders.body()).isEqualTo(200);
        assertThat(JSON.readTree(manyHeaders.body()).get("headers").asInt()).isGreaterThanOrEqualTo(500);
    }

    @Test
    @Order(1)
    void aMessageSentToTheQueueReachesTheWorker() throws Exception {
        String job = "job-" + UUID.randomUUID();
        assertThat(post("/v1/work", studentToken, "text/plain", job).statusCode()).isEqualTo(202);

        JsonNode done = eventually(() -> get("/v1/work/" + job, studentToken), r -> r.statusCode() == 200);

        assertThat(done.at("/receiveCount").asText()).isEqualTo("1");
        assertThat(done.at("/kind").asText()).isEqualTo("test");
        assertThat(done.at("/eventSource").asText()).startsWith("aws:sqs arn:aws:sqs:").endsWith(":lessonbook-local-WorkQueue");
    }

    @Test
    @Order(1)
    void aMessageTheWorkerReportsAsFailedComesBackAfterTheVisibilityTimeout() throws Exception {
        String job = "fail-once-" + UUID.randomUUID();
        post("/v1/work", studentToken, "text/plain", job);

        JsonNode done = eventually(() -> get("/v1/work/" + job, studentToken), r -> r.statusCode() == 200);

        assertThat(done.at("/receiveCount").asText()).isEqualTo("2");
    }

    @Test
    @Order(1)
    void aMessageThatAlwaysFailsEndsInTheDeadLetterQueue() throws Exception {
        String job = "always-fail-" + UUID.randomUUID();
        post("/v1/work", studentToken, "text/plain", job);

        eventually(() -> get("/v1/dead-letters", studentToken), r -> json(r).at("/count").asInt() >= 1);

        assertThat(get("/v1/work/" + job, studentToken).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(1)
    void theScheduledFunctionRunsOnItsSchedule() throws Exception {
        JsonNode ticks = eventually(() -> get("/v1/ticks", studentToken), r -> json(r).at("/count").asInt() >= 2);

        assertThat(ticks.at("/source").asText()).isEqualTo("aws.events Scheduled Event");
    }

    @Test
    @Order(1)
    void everyRequestIsLoggedWithMethodPathStatusAndDuration() throws Exception {
        get("/_local/health", null);

        eventually(() -> output, lines -> lines.stream().anyMatch(l -> l.matches("HTTP GET /_local/health 200 \\d+ ms")));
    }

    @Test
    @Order(2)
    void sigtermStopsTheRuntimeAndEveryProcessItStarted() throws Exception {
        List<ProcessHandle> descendants = runtime.descendants().toList();
        assertThat(descendants).as("the emulators run as child processes").isNotEmpty();

        // SIGTERM. Through the handle: Process.destroy() would also close the pipe we read its last lines from.
        runtime.toHandle().destroy();

        assertThat(runtime.waitFor(30, TimeUnit.SECONDS)).as("runtime exits within 30 s").isTrue();
        outputReader.join(Duration.ofSeconds(10)); // its last lines
        for (ProcessHandle descendant : descendants) {
            descendant.onExit().get(10, TimeUnit.SECONDS);
            assertThat(descendant.isAlive()).as("process %d survived", descendant.pid()).isFalse();
        }
        assertThat(output).as("exit %d", runtime.exitValue()).contains("stopping", "stopped");
    }

    private static <T> JsonNode eventually(Supplier<T> probe, Predicate<T> done) throws Exception {
        Instant giveUp = Instant.now().plus(EFFECT_DEADLINE);
        T last = null;
        while (Instant.now().isBefore(giveUp)) {
            last = probe.get();
            if (done.test(last)) {
                return last instanceof HttpResponse<?> response ? JSON.readTree((String) response.body()) : null;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // polling interval, bounded by the deadline
        }
        throw new AssertionError("not within " + EFFECT_DEADLINE + "; last: "
                + (last instanceof HttpResponse<?> response ? response.statusCode() + " " + response.body() : last));
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private static HttpResponse<String> post(String path, String token, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private static URI uri(String path) {
        try {
            return new URI(base.toString() + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
