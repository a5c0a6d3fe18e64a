package dev.lessonbook.payments.stripe;

import dev.lessonbook.emulators.LocalServers;
import dev.lessonbook.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What Stripe itself (here localstripe) holds, read over plain HTTP, independent of the adapter.
 * Objects come back as JSON maps ({@link Json}), so assertions name Stripe's own fields.
 */
public final class StripeSide {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final URI apiBase;

    public StripeSide(URI apiBase) {
        this.apiBase = apiBase;
    }

    /** The PaymentIntent with its latest charge expanded. */
    public Map<String, Object> intent(String id) throws IOException, InterruptedException {
        return get("/v1/payment_intents/" + id + "?expand%5B%5D=latest_charge");
    }

    /**
     * Money kept: Stripe reports a partial capture as {@code amount_captured}; localstripe captures
     * the whole charge and refunds the rest. Either way it is captured minus refunded.
     */
    public long netCaptured(String intentId) throws IOException, InterruptedException {
        if (!(intent(intentId).get("latest_charge") instanceof Map<?, ?> charge) || !Boolean.TRUE.equals(charge.get("captured"))) {
            return 0;
        }
        Object captured = charge.get("amount_captured") != null ? charge.get("amount_captured") : charge.get("amount");
        return ((Number) captured).longValue() - ((Number) charge.get("amount_refunded")).longValue();
    }

    /** Every intent Stripe holds for the booking, found by the metadata the adapter sets. */
    public List<String> intentIdsOfBooking(String bookingId) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        String startingAfter = null;
        boolean more = true;
        while (more) {
            Map<String, Object> page = get("/v1/payment_intents?limit=100"
                    + (startingAfter != null ? "&starting_after=" + startingAfter : ""));
            for (Object item : (List<?>) page.get("data")) {
                Map<?, ?> intent = (Map<?, ?>) item;
                startingAfter = (String) intent.get("id");
                if (intent.get("metadata") instanceof Map<?, ?> metadata && bookingId.equals(metadata.get("bookingId"))) {
                    ids.add(startingAfter);
                }
            }
            more = Boolean.TRUE.equals(page.get("has_more"));
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(apiBase + pathAndQuery))
                .header("Authorization", "Bearer " + LocalServers.STRIPE_TEST_KEY)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("Stripe answered HTTP " + response.statusCode() + " to GET " + pathAndQuery);
        }
        return (Map<String, Object>) Json.reader().read(response.body());
    }
}
