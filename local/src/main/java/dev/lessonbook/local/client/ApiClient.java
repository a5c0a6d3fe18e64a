package dev.lessonbook.local.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.lessonbook.json.JsonMappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A client of the running API, as a user calls it: JSON over HTTP with a bearer token from the
 * local issuer. Used by {@code --demo} and by the end-to-end suites.
 */
public final class ApiClient {
    private static final ObjectMapper JSON = JsonMappers.standard();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Consumer<Exchange> observer;

    public ApiClient(URI base) {
        this(base, exchange -> {});
    }

    private ApiClient(URI base, Consumer<Exchange> observer) {
        this.base = base;
        this.observer = observer;
    }

    /**
     * The same client, also handing every completed exchange to {@code observer} before the
     * response is returned (the end-to-end suites check each one against docs/api/openapi.yaml).
     * An exception the observer throws reaches the caller of the request.
     */
    public ApiClient withObserver(Consumer<Exchange> observer) {
        return new ApiClient(base, this.observer.andThen(observer));
    }

    /** One request as sent and the response it got. */
    public record Exchange(String method, String path, Map<String, String> requestHeaders, String requestBody,
                           Response response) {}

    public URI base() {
        return base;
    }

    /** A response: status, headers (lower-case names) and the body parsed as JSON when it is JSON. */
    public record Response(int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return body == null || body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** A token of the local issuer for {@code sub} with {@code role} (and the issuer's default address, {@code <sub>@lessonbook.test}). */
    public String token(String sub, String role) {
        return token(JSON.createObjectNode().put("sub", sub).put("role", role));
    }

    /** A token of the local issuer for {@code sub} with {@code role} and the address {@code email} (null: none). */
    public String token(String sub, String role, String email) {
        return token(JSON.createObjectNode().put("sub", sub).put("role", role).put("email", email));
    }

    private String token(com.fasterxml.jackson.databind.node.ObjectNode request) {
        Response issued = send("POST", "/_local/tokens", null, request.toString(), Map.of());
        if (issued.status() != 200) {
            throw new IllegalStateException("The local issuer refused a token: " + issued);
        }
        return issued.json().get("token").asText();
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    public Response put(String path, String token, String json) {
        return send("PUT", path, token, json, Map.of());
    }

    public Response post(String path, String token, String json) {
        return send("POST", path, token, json, Map.of());
    }

    public Response send(String method, String path, String token, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> lowerCased = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) ->
                    lowerCased.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
            Response answer = new Response(response.statusCode(), lowerCased, response.body());
            observer.accept(new Exchange(method, path, headers, json, answer));
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + path, e);
        }
    }
}
