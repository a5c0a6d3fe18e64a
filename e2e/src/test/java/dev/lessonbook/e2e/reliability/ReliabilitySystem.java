package dev.lessonbook.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.stripe.StripeClient;
import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentListParams;
import dev.lessonbook.e2e.LocalRuntimeProcess;
import dev.lessonbook.e2e.contract.OpenApiContract;
import dev.lessonbook.emulators.FaultProxy;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import dev.lessonbook.local.auth.LocalTokenIssuer;
import dev.lessonbook.local.client.ApiClient;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The system the reliability suites attack, started once per test JVM: moto and localstripe, a
 * {@link FaultProxy} in front of each, and the local runtime pointed at the proxies and signing
 * with a key this test holds (so it can craft expired or foreign tokens the authorizer would
 * otherwise trust). Every API response passes the OpenAPI contract and the leak check; a 5xx
 * while no fault is injected fails the request that got it.
 */
public final class ReliabilitySystem {
    static final String TABLE = "lessonbook-local-LessonbookTable";
    static final List<String> QUEUES = List.of("lessonbook-local-InvalidationQueue", "lessonbook-local-NotificationQueue");
    private static final OpenApiContract CONTRACT = OpenApiContract.ofProject();
    static final Duration RELAY_MIN_AGE = Duration.ofSeconds(2);
    /** What must never reach a client: stack frames, exception or class names, emulator or table names, keys. */
    static final Pattern LEAK = Pattern.compile(
            "Exception|\\bat [a-z]+\\.[a-z]|java\\.|javax\\.|software\\.amazon|dev\\.lessonbook|com\\.stripe"
                    + "|com\\.fasterxml|moto|localstripe|LessonbookTable|lessonbook-local|sk_test|stackTrace|\\bpi_[A-Za-z0-9]");

    final LocalServers.Endpoints servers;
    final FaultProxy aws;
    final FaultProxy stripe;
    final LocalRuntimeProcess runtime;
    final ApiClient api;
    final DynamoDbClient dynamo;
    final SqsClient sqs;
    final RSAKey signingKey;
    private final AtomicInteger responses = new AtomicInteger();
    private final List<String> unexpectedServerErrors = new CopyOnWriteArrayList<>();
    private final List<String> leaks = new CopyOnWriteArrayList<>();
    private final List<String> issuedTokens = new CopyOnWriteArrayList<>();

    private ReliabilitySystem(LocalServers.Endpoints servers) throws Exception {
        this.servers = servers;
        this.aws = FaultProxy.inFrontOf(servers.aws());
        this.stripe = FaultProxy.inFrontOf(servers.stripe());
        this.signingKey = new RSAKeyGenerator(2048).keyID("reliability-" + Instant.now().toEpochMilli()).generate();
        // Short waits for the suite only: the outbox relay delivers events 2 s old (60 s deployed)
        // and runs every 2 s; a hanging Stripe costs 3 x 1.5 s + backoff instead of 3 x 5 s.
        this.runtime = LocalRuntimeProcess.start(Map.of(
                "AWS_ENDPOINT_URL", aws.endpoint().toString(),
                "STRIPE_API_BASE", stripe.endpoint().toString(),
                "OUTBOX_RELAY_MIN_AGE_SECONDS", Long.toString(RELAY_MIN_AGE.toSeconds()),
                "STRIPE_READ_TIMEOUT_MS", "1500",
                LocalTokenIssuer.SIGNING_KEY_VARIABLE, signingKey.toJSONString()),
                "--schedule-interval-seconds", "2");
        this.api = runtime.api().withObserver(this::check);
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalServers.ACCESS_KEY, LocalServers.SECRET_KEY));
        this.dynamo = DynamoDbClient.builder().endpointOverride(servers.aws()).region(Region.of(servers.region()))
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        this.sqs = SqsClient.builder().endpointOverride(servers.aws()).region(Region.of(servers.region()))
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        ReliabilityReport.attach(this);
    }

    /** Hands the one running system of this test JVM to test parameters of type {@link ReliabilitySystem}. */
    public static final class Provider implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ReliabilitySystem.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(ReliabilitySystem.class));
            ReliabilityReport.Writer.registerIn(context);
            return store.getOrComputeIfAbsent(ReliabilitySystem.class, key -> {
                try {
                    return new Running(new ReliabilitySystem(LocalServersExtension.endpoints(context)));
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot start the system under test", e);
                }
            }, Running.class).system;
        }
    }

    /** Stops the runtime, the proxies and the clients when the JVM's tests are done. */
    private record Running(ReliabilitySystem system) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            try {
                system.runtime.close();
            } finally {
                system.aws.close();
                system.stripe.close();
                system.dynamo.close();
                system.sqs.close();
            }
        }
    }

    // ---- every response --------------------------------------------------------------------

    private void check(ApiClient.Exchange exchange) {
        if (exchange.path().startsWith("/_local/")) {
            if (exchange.path().equals("/_local/tokens") && exchange.response().status() == 200) {
                issuedTokens.add(exchange.response().json().get("token").asText());
            }
            return;
        }
        checkResponse(exchange.method(), exchange.path(), exchange.response());
    }

    private void checkResponse(String method, String path, ApiClient.Response response) {
        responses.incrementAndGet();
        // A replay of an answer given during a fault (Idempotency-Key) repeats that answer, as it must.
        boolean replayed = "true".equals(response.header("idempotent-replayed"));
        if (response.status() >= 500 && !aws.faultActive() && !stripe.faultActive() && !replayed) {
            unexpectedServerErrors.add(method + " " + path + " → " + response.status() + " " + response.body());
            throw new AssertionError("A 5xx without an injected fault: " + method + " " + path + " → "
                    + response.status() + " " + response.body());
        }
        String body = response.body() == null ? "" : response.body();
        var leak = LEAK.matcher(body);
        if (leak.find()) {
            leaks.add(method + " " + path + ": " + leak.group());
            throw new AssertionError("The response of " + method + " " + path + " reveals '" + leak.group() + "': " + body);
        }
    }

    int responsesChecked() {
        return responses.get();
    }

    List<String> unexpectedServerErrors() {
        return List.copyOf(unexpectedServerErrors);
    }

    List<String> leaks() {
        return List.copyOf(leaks);
    }

    List<String> issuedTokens() {
        return List.copyOf(issuedTokens);
    }

    /**
     * A request as a misbehaving client sends it: any method, raw bytes, any headers (no
     * Content-Type unless given). The response gets the same contract and leak checks.
     */
    ApiClient.Response raw(String method, String path, String token, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> lowerCased = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) ->
                    lowerCased.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            return checked(method, path, new ApiClient.Response(response.statusCode(), lowerCased, response.body()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A request written byte for byte on a socket, for what HttpClient refuses to send: a header
     * given twice, control characters in a header value (header text goes out as ISO-8859-1).
     * The response gets the same contract and leak checks as {@link #raw}.
     */
    ApiClient.Response onTheWire(String method, String path, String token, byte[] body, List<Map.Entry<String, String>> headers) {
        URI base = api.base();
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                .append("Connection: close\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        headers.forEach(header -> head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n"));
        head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n\r\n");
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return checked(method, path, readResponse(socket.getInputStream()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(method + " " + path + " failed on the wire", e);
        }
    }

    /** An HTTP/1.1 response: status line, headers (names lower-cased, repeats comma-joined), a Content-Length body. */
    private static ApiClient.Response readResponse(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int next = in.read();
            if (next < 0) {
                throw new java.io.EOFException("the connection closed inside the response head");
            }
            headBytes.write(next);
            matched = next == "\r\n\r\n".charAt(matched) ? matched + 1 : (next == '\r' ? 1 : 0);
        }
        String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip(), (first, next) -> first + "," + next);
            }
        }
        byte[] body = headers.containsKey("content-length")
                ? in.readNBytes(Integer.parseInt(headers.get("content-length")))
                : in.readAllBytes();
        return new ApiClient.Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private ApiClient.Response checked(String method, String path, ApiClient.Response answer) {
        String rawPath = URI.create(api.base() + path).getRawPath();
        CONTRACT.validate(method, rawPath, answer.status(), answer.headers(), answer.body());
        checkResponse(method, path, answer);
        return answer;
    }

    // ---- identities ------------------------------------------------------------------------

    String token(String sub, String role) {
        return api.token(sub, role);
    }

    /** The claims the local issuer puts in a token, for crafting variants of it. */
    JWTClaimsSet.Builder claimsLikeTheIssuers(String sub, String role) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(sub).claim("role", role)
                .issuer(api.base() + "/_local").audience(dev.lessonbook.local.LocalRuntime.AUDIENCE)
                .issueTime(Date.from(now.minusSeconds(60))).notBeforeTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plusSeconds(3600)));
    }

    /** Signed with the key the runtime trusts (or {@code key}), exactly as given. */
    String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            String token = jwt.serialize();
            issuedTokens.add(token);
            return token;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String sign(JWTClaimsSet claims) {
        return sign(claims, signingKey);
    }

    // ---- looking behind the API ------------------------------------------------------------

    /** Every item of the table, keyed {@code pk|sk}, rendered canonically. */
    /**
     * Every item of the table, but the Stripe events received ({@code PROVIDER_EVENT#<id>}): the
     * local runtime registers its webhook route with localstripe, which delivers the events of
     * earlier tests' payments whenever it gets to them, so one can be recorded while a test
     * compares the table before and after a request of its own (a verify run caught
     * {@code PROVIDER_EVENT#evt_…} appearing around a throttled read). A request never writes one.
     */
    Map<String, String> tableSnapshot() {
        Map<String, String> items = new TreeMap<>();
        dynamo.scanPaginator(scan -> scan.tableName(TABLE).consistentRead(true)).items().forEach(item -> {
            if (!item.get("pk").s().startsWith("PROVIDER_EVENT#")) {
                items.put(item.get("pk").s() + "|" + item.get("sk").s(), new TreeMap<>(item).toString());
            }
        });
        return items;
    }

    List<Map<String, AttributeValue>> itemsWithPrefix(String pkPrefix) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        dynamo.scanPaginator(scan -> scan.tableName(TABLE).consistentRead(true)).items().forEach(item -> {
            if (item.get("pk").s().startsWith(pkPrefix)) {
                found.add(item);
            }
        });
        return found;
    }

    StripeClient stripeClient() {
        return StripeClient.builder().setApiKey(LocalServers.STRIPE_TEST_KEY).setApiBase(servers.stripe().toString()).build();
    }

    List<PaymentIntent> paymentIntentsOf(String bookingId) {
        try {
            return stripeClient().v1().paymentIntents().list(PaymentIntentListParams.builder().setLimit(100L).build())
                    .getData().stream().filter(intent -> bookingId.equals(intent.getMetadata().get("bookingId"))).toList();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot list the PaymentIntents on localstripe", e);
        }
    }

    /** The addresses moto's SES sent an email to, each with the subject (its model dump, {@code /moto-api/data.json}). */
    List<String> sentEmails() {
        try {
            HttpResponse<String> dump = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(servers.aws().resolve("/moto-api/data.json")).build(), HttpResponse.BodyHandlers.ofString());
            List<String> sent = new ArrayList<>();
            for (var message : dev.lessonbook.json.JsonMappers.standard().readTree(dump.body()).path("ses").path("Message")) {
                message.path("destinations").path("ToAddresses")
                        .forEach(to -> sent.add(to.asText() + " " + message.path("subject").asText()));
            }
            return sent;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean queuesIdle() {
        for (String queue : QUEUES) {
            String url = sqs.getQueueUrl(get -> get.queueName(queue)).queueUrl();
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(get -> get.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            if (attributes.values().stream().anyMatch(count -> !"0".equals(count))) {
                return false;
            }
        }
        return true;
    }

    /** Polls {@code condition} until it holds or {@code deadline} passes. */
    static void await(String what, Duration deadline, BooleanSupplier condition) throws InterruptedException {
        Instant giveUp = Instant.now().plus(deadline);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("%s within %s", what, deadline).isBefore(giveUp);
            Thread.sleep(100);
        }
    }

    /** The queues drained and the workers done, so the table changes only by what a test does next. */
    void awaitQuiet() throws InterruptedException {
        await("the queues are drained", Duration.ofSeconds(60), this::queuesIdle);
    }

    List<String> runtimeOutput() {
        return runtime.output();
    }

    // ---- log hygiene -----------------------------------------------------------------------

    /** What must never be logged: a bearer credential, a JWT, a Stripe secret key, a card's number or security code. */
    static final Pattern SECRET_IN_LOG = Pattern.compile(
            "(?i)bearer\\s+[A-Za-z0-9._~+/-]{8,}"
                    + "|eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"
                    + "|\\b[sr]k_(test|live)_[A-Za-z0-9_]+"
                    + "|\\b(cvc|cvv|card_?number|card\\[number\\])\\b");
    private static final Pattern CORRELATION_ID = Pattern.compile("\"correlationId\":\"[A-Za-z0-9+/=]*\"");
    private static final Pattern CARD_NUMBER = Pattern.compile("(?<![0-9])[3-6][0-9]{12,18}(?![0-9])");
    /** An email address (docs/decisions.md "Real recipients": none is ever logged) — but the sender's, which is configuration. */
    static final Pattern EMAIL_ADDRESS = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final String SENDER = "no-reply@example.com";

    /**
     * The lines of the runtime's output (its own and every function's log) that hold a secret:
     * {@link #SECRET_IN_LOG}, a token this suite was issued or signed, or a number that passes
     * the Luhn check the way card numbers do (13-19 digits starting 3-6).
     */
    List<String> secretsInLogs() {
        List<String> found = new ArrayList<>();
        List<String> tokens = issuedTokens();
        for (String logged : runtime.output()) {
            // A request's correlation id is random base64 ("CDG/CVv/G0I66w="): a chance "/CVv/" in
            // it is no card's security code, so it is left out of what is searched.
            String line = CORRELATION_ID.matcher(logged).replaceAll("\"correlationId\":\"…\"");
            var secret = SECRET_IN_LOG.matcher(line);
            String why = null;
            if (secret.find()) {
                why = secret.group();
            } else if (tokens.stream().anyMatch(token -> line.contains(token.substring(token.lastIndexOf('.') + 1)))) {
                why = "an issued token's signature";
            } else if (EMAIL_ADDRESS.matcher(line.replace(SENDER, "")).find()) {
                why = "an email address";
            } else {
                var number = CARD_NUMBER.matcher(line);
                while (why == null && number.find()) {
                    if (luhn(number.group())) {
                        why = "a card number " + number.group().substring(0, 4) + "…";
                    }
                }
            }
            if (why != null) {
                found.add(why + " in: " + (line.length() > 300 ? line.substring(0, 300) + "…" : line));
            }
        }
        return found;
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    /** For each suite's {@code @AfterAll}: the logs so far hold no secret. */
    void assertNoSecretsInLogs() {
        assertThat(secretsInLogs()).as("secrets in the runtime's and functions' logs").isEmpty();
    }
}
