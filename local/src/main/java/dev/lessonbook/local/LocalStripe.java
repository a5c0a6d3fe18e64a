package dev.lessonbook.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.json.JsonMappers;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The local Stripe server (localstripe) as the runtime uses it beyond the API the functions call:
 * it registers the runtime's webhook route there, so its events arrive signed as Stripe signs
 * them, and it stands in for the student's browser completing 3-D Secure (localstripe's
 * {@code _authenticate}, our wrapper's for SetupIntents).
 */
final class LocalStripe {
    /** The types the stripe-webhook function follows (docs/spec.md §6, "Stripe webhooks"); localstripe sends no others. */
    static final List<String> FOLLOWED_EVENTS = List.of("payment_intent.amount_capturable_updated",
            "payment_intent.payment_failed", "payment_intent.canceled", "setup_intent.succeeded",
            "setup_intent.setup_failed", "charge.refunded", "charge.dispute.created", "charge.dispute.closed");
    /** {@code pi_…_secret_…} or {@code seti_…_secret_…}: the intent's id is what precedes {@code _secret_}. */
    private static final Pattern CLIENT_SECRET = Pattern.compile("(pi|seti)_[A-Za-z0-9]+_secret_[A-Za-z0-9]+");
    private static final ObjectMapper JSON = JsonMappers.standard();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    LocalStripe(URI base) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /** Registers {@code endpoint} for {@link #FOLLOWED_EVENTS}, signed with {@code signingSecret}. */
    void registerWebhook(URI endpoint, String signingSecret) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(JSON.createObjectNode()
                .put("url", endpoint.toString())
                .put("secret", signingSecret)
                .set("events", JSON.valueToTree(FOLLOWED_EVENTS)));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/_config/webhooks/lessonbook"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("localstripe refused the webhook registration: " + response.statusCode() + " " + response.body());
        }
    }

    static boolean isClientSecret(String clientSecret) {
        return CLIENT_SECRET.matcher(clientSecret).matches();
    }

    /** What the authentication answered: the HTTP status and, on 200, the intent's status. */
    record Authentication(int status, String intentStatus) {}

    /** The customer completes (or fails) 3-D Secure on the intent of {@code clientSecret}. */
    Authentication authenticate(String clientSecret, boolean success) throws IOException, InterruptedException {
        String intentId = clientSecret.substring(0, clientSecret.indexOf("_secret_"));
        String collection = intentId.startsWith("seti_") ? "setup_intents" : "payment_intents";
        String form = "client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8) + "&success=" + success;
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(base + "/v1/" + collection + "/" + intentId + "/_authenticate"))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + LocalServers.STRIPE_TEST_KEY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return new Authentication(response.statusCode(), null);
        }
        JsonNode intent = JSON.readTree(response.body());
        return new Authentication(200, intent.path("status").asText());
    }
}
