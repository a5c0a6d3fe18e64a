package dev.lessonbook.aws;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lessonbook.json.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;

/**
 * One signed JSON request to an AWS service, for the two calls that do not justify a whole
 * service client: SSM's GetParameter (once per cold start) and SES v2's SendEmail. A generated
 * client would add its model jar to the function (SSM's is 5.3 MB, SES v2's 2.8 MB) and its
 * class loading to the cold start; this reuses the HTTP client implementation, the SigV4 signer
 * and the credentials every function already has for DynamoDB.
 *
 * <p>There are no retries here: a failed parameter read fails the function's init (Lambda runs
 * init again on the next request), and a failed email fails its SQS message, which is delivered
 * again.
 */
public final class SignedAwsRequests {
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final ObjectMapper JSON = JsonMappers.standard();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final Optional<URI> endpoint;

    public SignedAwsRequests(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, Optional<URI> endpoint) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint;
    }

    /** Region, credentials and endpoint override as every other AWS client of ours ({@link AwsSettings}). */
    public static SignedAwsRequests fromEnvironment(SdkHttpClient http) {
        return new SignedAwsRequests(http, AwsSettings.credentials(), AwsSettings.region(), AwsSettings.endpoint());
    }

    /**
     * An AWS JSON 1.1 operation ({@code POST /} with {@code X-Amz-Target}), e.g. SSM's
     * {@code AmazonSSM.GetParameter}.
     */
    public Map<String, Object> awsJson(String service, String target, Map<String, ?> input) {
        return send(service, "/", Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", target), input);
    }

    /** A REST JSON operation: {@code POST path}, e.g. SES v2's {@code /v2/email/outbound-emails}. */
    public Map<String, Object> restJson(String service, String path, Map<String, ?> input) {
        return send(service, path, Map.of("Content-Type", "application/json"), input);
    }

    /** The service answered with an error: its HTTP status and AWS error code (e.g. ParameterNotFound). */
    public static final class ErrorAnswer extends RuntimeException {
        private final int status;
        private final String code;

        ErrorAnswer(String service, int status, String code) {
            super(service + " answered HTTP " + status + " " + code);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }

    /**
     * Primes a REST JSON operation without sending it: the body written, the request built and
     * signed exactly as {@link #restJson} does, then dropped. For a call that must not happen while
     * a function primes (SES's SendEmail).
     */
    public void signWithoutSending(String service, String path, Map<String, ?> input) {
        sign(service, path, Map.of("Content-Type", "application/json"), writeBytes(input));
    }

    private SignedRequest sign(String service, String path, Map<String, String> headers, byte[] body) {
        URI base = endpoint.orElseGet(() -> URI.create("https://" + endpointPrefix(service) + "." + region.id() + "." + dnsSuffix()));
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(base.resolve(path))
                .putHeader("Content-Length", Integer.toString(body.length));
        headers.forEach(request::putHeader);
        SignedRequest signed = SIGNER.sign(sign -> sign
                .identity(credentials.resolveCredentials())
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        return signed;
    }

    private Map<String, Object> send(String service, String path, Map<String, String> headers, Map<String, ?> input) {
        SignedRequest signed = sign(service, path, headers, writeBytes(input));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            byte[] answer = readAll(response.responseBody());
            int status = response.httpResponse().statusCode();
            if (status / 100 != 2) {
                throw new ErrorAnswer(service, status, errorCode(response, answer));
            }
            return answer.length == 0 ? Map.of() : JSON.readValue(answer, OBJECT);
        } catch (IOException unreachable) {
            throw new UncheckedIOException(service + " could not be reached", unreachable);
        }
    }

    /** SES is signed as {@code ses} but served from {@code email.<region>}. */
    private static String endpointPrefix(String service) {
        return "ses".equals(service) ? "email" : service;
    }

    private String dnsSuffix() {
        return region.metadata() != null ? region.metadata().partition().dnsSuffix() : "amazonaws.com";
    }

    /** From {@code x-amzn-ErrorType} or the body's {@code __type}, without the namespace or URL parts. */
    private static String errorCode(HttpExecuteResponse response, byte[] answer) {
        Optional<String> code = response.httpResponse().firstMatchingHeader("x-amzn-ErrorType");
        if (code.isEmpty()) {
            try {
                code = Optional.ofNullable(JSON.readTree(answer).path("__type").textValue());
            } catch (IOException | RuntimeException notJson) {
                code = Optional.empty();
            }
        }
        String raw = code.orElse("Unknown");
        int colon = raw.indexOf(':');
        raw = colon >= 0 ? raw.substring(0, colon) : raw;
        return raw.substring(raw.lastIndexOf('#') + 1);
    }

    private static byte[] writeBytes(Map<String, ?> input) {
        try {
            return JSON.writeValueAsBytes(input);
        } catch (IOException impossible) { // maps, lists, strings and numbers only
            throw new UncheckedIOException(impossible);
        }
    }

    private static byte[] readAll(Optional<? extends InputStream> body) throws IOException {
        if (body.isEmpty()) {
            return new byte[0];
        }
        try (InputStream in = body.get()) {
            return in.readAllBytes();
        }
    }
}
