package dev.lessonbook.functions.notification;

import dev.lessonbook.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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
            Object dump = Json.reader().read(response.body());
            for (Object item : elements(object(object(dump).get("ses")).get("Message"))) {
                Map<String, Object> message = object(item);
                List<String> to = elements(object(message.get("destinations")).get("ToAddresses")).stream()
                        .map(SentEmails::text).toList();
                if (to.stream().anyMatch(address -> address.endsWith("@" + domain))) {
                    sent.add(new Sent(text(message.get("source")), to, text(message.get("subject")),
                            text(message.get("body"))));
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

    private static Map<String, Object> object(Object value) {
        return Json.asObject(value).orElse(Map.of());
    }

    /** The items of an array, or the values of an object: moto keys some of its collections by id. */
    private static Collection<?> elements(Object value) {
        return value instanceof List<?> items ? items : object(value).values();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
