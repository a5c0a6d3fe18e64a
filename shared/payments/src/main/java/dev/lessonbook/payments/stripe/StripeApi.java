package dev.lessonbook.payments.stripe;

import dev.lessonbook.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Stripe's HTTP API as this adapter uses it: form-encoded requests, JSON answers, the API key as a
 * bearer token, one pinned API version, and the retries of Stripe's own libraries.
 *
 * <p>A call that does not end in a 2xx answer with a JSON object throws {@link Failure}, which
 * keeps only the HTTP status and Stripe's error object (or the I/O exception when no answer
 * came) — never the request or the key.
 */
final class StripeApi {
    /** The version stripe-java 33.3.0 pinned, so Stripe's answers keep the shape this adapter reads. */
    static final String API_VERSION = "2026-07-29.dahlia";

    /**
     * stripe-java's schedule with two network retries: 0.5 s before the first, 1 s before the second
     * (it adds jitter to the second; a fixed pause keeps the worst case exact).
     */
    private static final List<Duration> BACKOFF = List.of(Duration.ofMillis(500), Duration.ofSeconds(1));

    private final SdkHttpClient http;
    private final URI base;
    private final String authorization;

    StripeApi(String secretKey, URI apiBase, Duration connectTimeout, Duration readTimeout) {
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(connectTimeout)
                .socketTimeout(readTimeout)
                .build();
        String base = apiBase.toString();
        this.base = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.authorization = "Bearer " + secretKey;
    }

    /** Creates or acts on an object; Stripe answers a repeated {@code idempotencyKey} with its first result. */
    Map<String, Object> post(String path, Form parameters, String idempotencyKey) throws Failure {
        byte[] body = parameters.encoded().getBytes(StandardCharsets.UTF_8);
        // No Content-Length of ours: the JDK then buffers the body and, as under stripe-java, resends
        // it once if a pooled keep-alive connection turns out to be closed.
        return objectIn(exchange(request(SdkHttpMethod.POST, path)
                .putHeader("Idempotency-Key", idempotencyKey)
                .putHeader("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .build(), ContentStreamProvider.fromByteArrayUnsafe(body)));
    }

    Map<String, Object> get(String path) throws Failure {
        return objectIn(exchange(request(SdkHttpMethod.GET, path).build(), null));
    }

    /** An object's path with its id encoded, e.g. {@code path("/v1/payment_intents/%s/capture", id)}. */
    static String path(String template, String id) {
        return template.formatted(URLEncoder.encode(Objects.requireNonNull(id, "id"), StandardCharsets.UTF_8));
    }

    private SdkHttpFullRequest.Builder request(SdkHttpMethod method, String path) {
        return SdkHttpFullRequest.builder()
                .method(method)
                .uri(URI.create(base + path))
                .putHeader("Authorization", authorization)
                .putHeader("Stripe-Version", API_VERSION);
    }

    private record Answer(int status, Optional<String> shouldRetry, byte[] body) {
        /** Stripe's header decides when it says; otherwise a conflict or a server error may pass. */
        boolean worthRetrying() {
            return switch (shouldRetry.orElse("")) {
                case "true" -> true;
                case "false" -> false;
                default -> status == 409 || status >= 500;
            };
        }
    }

    /**
     * One request with up to two retries, all with the same idempotency key: after a connect
     * failure or a timeout, and after an answer {@link Answer#worthRetrying() worth retrying}.
     */
    private Answer exchange(SdkHttpFullRequest request, ContentStreamProvider body) throws Failure {
        for (int retry = 0; ; retry++) {
            boolean last = retry == BACKOFF.size();
            try {
                Answer answer = send(request, body);
                if (last || !answer.worthRetrying()) {
                    return answer;
                }
            } catch (IOException unanswered) {
                if (last || !(unanswered instanceof ConnectException || unanswered instanceof SocketTimeoutException)) {
                    throw new Failure(unanswered);
                }
            }
            pause(BACKOFF.get(retry));
        }
    }

    private Answer send(SdkHttpFullRequest request, ContentStreamProvider body) throws IOException {
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(request)
                    .contentStreamProvider(body)
                    .build()).call();
            byte[] content;
            try (InputStream stream = response.responseBody().orElseGet(AbortableInputStream::createEmpty)) {
                content = stream.readAllBytes();
            }
            return new Answer(response.httpResponse().statusCode(),
                    response.httpResponse().firstMatchingHeader("Stripe-Should-Retry"), content);
        } catch (UncheckedIOException failure) {
            throw failure.getCause();
        }
    }

    private static Map<String, Object> objectIn(Answer answer) throws Failure {
        Map<String, Object> json = jsonObject(answer.body());
        if (answer.status() >= 200 && answer.status() < 300 && json != null) {
            return json;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> error = json != null && json.get("error") instanceof Map<?, ?> found
                ? (Map<String, Object>) found
                : null;
        throw new Failure(answer.status(), error);
    }

    /** The JSON object in a body, or null when it holds none (an HTML page from a proxy, say). */
    private static Map<String, Object> jsonObject(byte[] body) {
        try {
            return Json.asObject(Json.reader().read(body)).orElse(null);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static void pause(Duration backoff) {
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException e) {
            // Like stripe-java: keep the interrupt for the caller and go on with the retry.
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Form parameters in the order added, named as Stripe's documentation writes them:
     * {@code metadata[bookingId]}, {@code payment_method_types[]}. Brackets stay literal in names,
     * as stripe-java sends them; everything else is form-encoded in UTF-8. A null value is left out,
     * as stripe-java leaves out a parameter never set.
     */
    static final class Form {
        private final StringBuilder encoded = new StringBuilder();

        Form add(String name, Object value) {
            if (value == null) {
                return this;
            }
            if (!encoded.isEmpty()) {
                encoded.append('&');
            }
            encoded.append(URLEncoder.encode(name, StandardCharsets.UTF_8).replace("%5B", "[").replace("%5D", "]"))
                    .append('=')
                    .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
            return this;
        }

        String encoded() {
            return encoded.toString();
        }
    }

    /**
     * A call without a usable answer: no answer at all ({@link #getCause()} says why), or an HTTP
     * status with Stripe's error object — absent when the body was not one.
     */
    static final class Failure extends Exception {
        private final int status;
        private final Map<String, Object> error;

        private Failure(IOException unanswered) {
            super("No answer from Stripe", unanswered);
            this.status = 0;
            this.error = null;
        }

        private Failure(int status, Map<String, Object> error) {
            super("Stripe answered HTTP " + status);
            this.status = status;
            this.error = error;
        }

        boolean answered() {
            return status != 0;
        }

        int status() {
            return status;
        }

        /** Whether the body was Stripe's error object; without one only the status is known. */
        boolean explained() {
            return error != null;
        }

        /** Stripe's error field, such as {@code type}, {@code code} or {@code message}, if it is text. */
        Optional<String> error(String field) {
            return error != null && error.get(field) instanceof String text && !text.isBlank()
                    ? Optional.of(text)
                    : Optional.empty();
        }

        /** What stripe-java called an InvalidRequestException: a 400 or 404 that is not about a reused key. */
        boolean invalidRequest() {
            return explained() && (status == 400 || status == 404) && !error("type").equals(Optional.of("idempotency_error"));
        }
    }
}
