package dev.lessonbook.functions.notification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lessonbook.json.JsonMappers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * What moto's SES actually sent: its model dump ({@code GET /moto-api/data.json}) lists every
 * {@code ses.Message} with its recipients, subject and body (the HTML body when there is one).
 */
final class SentEmails {
    record Sent(String from, List<String> to, String subject, String body) {}

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SentEmails() {}

    /** Every email moto sent to an address ending in {@code @domain}. */
    static List<Sent> to(URI moto, String domain) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(moto.resolve("/moto-api/data.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<Sent> sent = new ArrayList<>();
            // moto keys some of its collections by id: the elements of an array or of an object alike.
            for (JsonNode message : JsonMappers.standard().readTree(response.body()).path("ses").path("Message")) {
                List<String> to = new ArrayList<>();
                message.path("destinations").path("ToAddresses").forEach(address -> to.add(address.asText()));
                if (to.stream().anyMatch(address -> address.endsWith("@" + domain))) {
                    sent.add(new Sent(message.path("source").asText(), to, message.path("subject").asText(),
                            message.path("body").asText()));
                }
            }
            return sent;
        } catch (IOException e) {
            throw new IllegalStateException("moto's model dump could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
