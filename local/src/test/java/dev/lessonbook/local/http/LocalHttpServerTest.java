package dev.lessonbook.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.lessonbook.json.JsonMappers;
import dev.lessonbook.local.auth.JwtAuthorizer;
import dev.lessonbook.local.function.LambdaFunction;
import dev.lessonbook.local.template.FunctionSpec;
import dev.lessonbook.local.template.HttpApiSpec;
import dev.lessonbook.local.testfunctions.StallingHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local server's answers that come from API Gateway rather than from a function: a function
 * that outlives its Timeout or the API's integration timeout, and requests over the API's header
 * quota. Requests are written byte for byte on a socket, so the size the quota counts is exact.
 */
class LocalHttpServerTest {
    private static final ObjectMapper JSON = JsonMappers.standard();
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private LambdaFunction function;
    private LocalHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (function != null) {
            function.close();
        }
    }

    private static FunctionSpec.HttpRoute route(String path, Optional<String> authorizer) {
        return new FunctionSpec.HttpRoute("StallingFunction", "Api", "HttpApi", "GET", path, authorizer, List.of());
    }

    /** Open routes /v1/report and /v1/stall, and /v1/protected behind the JWT authorizer. */
    private void serve(Duration functionTimeout, HttpApiQuotas quotas) throws Exception {
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        function = LambdaFunction.load(new FunctionSpec("StallingFunction", "lessonbook-local-StallingFunction",
                        StallingHandler.class.getName(), "handleRequest", functionTimeout, 128, Map.of(), List.of(), List.of(),
                        List.of()),
                "arn:aws:lambda:us-east-1:000000000000:function:stalling", getClass().getClassLoader(), Clock.systemUTC(), out);
        HttpApiSpec api = new HttpApiSpec("HttpApi", Optional.of("Jwt"), Map.of("Jwt", new HttpApiSpec.JwtAuthorizer("Jwt",
                "$request.header.Authorization", "http://issuer.test", List.of("lessonbook-local"))));
        server = LocalHttpServer.bind(0).serve(quotas,
                List.of(route("/v1/report", Optional.of("NONE")), route("/v1/stall", Optional.of("NONE")),
                        route("/v1/protected", Optional.empty())),
                Map.of("HttpApi", api), new JwtAuthorizer(new RSAKeyGenerator(2048).generate(), Clock.systemUTC()),
                new HttpApiEvents("000000000000", "local"), (logicalId, event) -> function.start(event),
                request -> Optional.empty(), Clock.systemUTC(), out, 4);
    }

    private record Answer(int status, String body, Duration took) {}

    /** Sends the request line and headers exactly as given (plus the blank line) and reads the whole answer. */
    private Answer send(String requestLine, List<String> headerLines) throws IOException {
        StringBuilder request = new StringBuilder(requestLine).append("\r\n");
        headerLines.forEach(line -> request.append(line).append("\r\n"));
        request.append("\r\n");
        Instant started = Instant.now();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Duration took = Duration.between(started, Instant.now());
            assertThat(response).as("an HTTP answer, not a dropped connection").startsWith("HTTP/1.1 ");
            int status = Integer.parseInt(response.substring(9, 12));
            return new Answer(status, response.substring(response.indexOf("\r\n\r\n") + 4), took);
        }
    }

    private Answer get(String path, List<String> extraHeaders) throws IOException {
        List<String> headers = new java.util.ArrayList<>(List.of("Host: h", "Connection: close"));
        headers.addAll(extraHeaders);
        return send("GET " + path + " HTTP/1.1", headers);
    }

    /** A header whose value brings the request line plus all header values to exactly {@code total} bytes. */
    private static String padTo(int total, String requestLine, List<String> otherValues) {
        int used = requestLine.length() + otherValues.stream().mapToInt(String::length).sum();
        return "X-Pad: " + "p".repeat(total - used);
    }

    /** The function's own count of its invocations (this one included). */
    private int invocations() throws IOException {
        return JSON.readTree(get("/v1/report", List.of()).body()).get("invocation").asInt();
    }

    // ---- Timeout ---------------------------------------------------------------------------

    @Test
    void aFunctionThatOutlivesItsTimeoutIsAnsweredWithTheApisInternalServerError() throws Exception {
        serve(Duration.ofMillis(300), HttpApiQuotas.DOCUMENTED);

        Answer answer = get("/v1/stall", List.of());

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(answer.took()).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aFunctionStillRunningWhenTheApiStopsWaitingIsAnsweredWithTheApisServiceUnavailable() throws Exception {
        serve(Duration.ofSeconds(20), new HttpApiQuotas(Duration.ofMillis(300), 10_240, 10 * 1024 * 1024));

        Answer answer = get("/v1/stall", List.of());

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body()).isEqualTo("{\"message\":\"Service Unavailable\"}");
        assertThat(answer.took()).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aFunctionWhoseTimeoutIsTheIntegrationTimeoutIsCutOffByTheApiFirst() throws Exception {
        serve(Duration.ofMillis(300), new HttpApiQuotas(Duration.ofMillis(300), 10_240, 10 * 1024 * 1024));

        Answer answer = get("/v1/stall", List.of());

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body()).isEqualTo("{\"message\":\"Service Unavailable\"}");
    }

    @Test
    void afterATimeoutTheRouteIsServedByANewExecutionEnvironment() throws Exception {
        serve(Duration.ofMillis(300), HttpApiQuotas.DOCUMENTED);
        String before = JSON.readTree(get("/v1/report", List.of()).body()).get("environment").asText();

        get("/v1/stall", List.of());
        Answer after = get("/v1/report", List.of());

        assertThat(after.status()).isEqualTo(200);
        assertThat(JSON.readTree(after.body()).get("environment").asText()).isNotEqualTo(before)
                .isEqualTo("StallingFunction-environment-2");
    }

    // ---- header quota ----------------------------------------------------------------------

    @Test
    void aRequestLineAndHeaderValuesOfExactlyTheQuotaAreServed() throws Exception {
        serve(GENEROUS, HttpApiQuotas.DOCUMENTED);
        String requestLine = "GET /v1/report HTTP/1.1";

        Answer answer = send(requestLine, List.of("Host: h", "Connection: close",
                padTo(10_240, requestLine, List.of("h", "close"))));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void oneByteOverTheQuotaIsRequestHeaderFieldsTooLarge() throws Exception {
        serve(GENEROUS, HttpApiQuotas.DOCUMENTED);
        String requestLine = "GET /v1/report HTTP/1.1";
        int before = invocations();

        Answer answer = send(requestLine, List.of("Host: h", "Connection: close",
                padTo(10_241, requestLine, List.of("h", "close"))));

        assertThat(answer.status()).isEqualTo(431);
        assertThat(answer.body()).isEqualTo("{\"message\":\"Request Header Fields Too Large\"}");
        assertThat(invocations()).as("the refused request never reached the function").isEqualTo(before + 1);
    }

    @Test
    void anAuthorizationHeaderOverTheQuotaIsRefusedBeforeTheAuthorizer() throws Exception {
        serve(GENEROUS, HttpApiQuotas.DOCUMENTED);

        Answer answer = get("/v1/protected", List.of("Authorization: Bearer " + "a".repeat(11 * 1024)));

        assertThat(answer.status()).isEqualTo(431);
        assertThat(answer.body()).isEqualTo("{\"message\":\"Request Header Fields Too Large\"}");
    }

    @Test
    void fiveHundredHeadersWithinTheQuotaReachTheFunction() throws Exception {
        serve(GENEROUS, HttpApiQuotas.DOCUMENTED);
        List<String> many = java.util.stream.IntStream.range(0, 500).mapToObj(i -> "X-Probe-" + i + ": v").toList();

        Answer answer = get("/v1/report", many);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).get("headers").asInt()).isGreaterThanOrEqualTo(500);
    }

    @Test
    void fiveHundredHeadersOverTheQuotaAreRequestHeaderFieldsTooLarge() throws Exception {
        serve(GENEROUS, HttpApiQuotas.DOCUMENTED);
        List<String> many = java.util.stream.IntStream.range(0, 500)
                .mapToObj(i -> "X-Probe-" + i + ": " + "v".repeat(25)).toList();

        Answer answer = get("/v1/report", many);

        assertThat(answer.status()).isEqualTo(431);
        assertThat(answer.body()).isEqualTo("{\"message\":\"Request Header Fields Too Large\"}");
    }
}
