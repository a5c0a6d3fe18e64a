package dev.lessonbook.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * One attempt to deliver one event to one receiver: the URL checked again (its name may point
 * elsewhere now), a signed {@code POST}, and a 2xx answer within the time limit counts as
 * delivered. Anything else — another status, a redirect (never followed: it could lead to an
 * internal address), a timeout, a refused connection — is a failed attempt for the retry schedule.
 * The client is built once by whoever holds this use case.
 */
public final class SendingAWebhook {
    /** How long a receiver has to answer (docs/spec.md: 2xx within 10 s). */
    public static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    public static final String EVENT_ID_HEADER = "Lessonbook-Event-Id";

    private final HttpClient client;
    private final ReceiverUrlPolicy policy;
    private final Clock clock;
    private final Duration answerWithin;

    public SendingAWebhook(HttpClient client, ReceiverUrlPolicy policy, Clock clock, Duration answerWithin) {
        this.client = client;
        this.policy = policy;
        this.clock = clock;
        this.answerWithin = answerWithin;
    }

    /** The client deliveries share: redirects never followed, connections given the same limit. */
    public static HttpClient client(Duration answerWithin) {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(answerWithin)
                .build();
    }

    public sealed interface Attempt {}

    public record Delivered(int statusCode) implements Attempt {}

    /** @param statusCode the receiver's answer, or null when there was none */
    public record Failed(Integer statusCode, String reason) implements Attempt {}

    public Attempt send(String url, String eventId, String body, List<String> secrets) {
        URI target;
        switch (policy.check(url)) {
            case ReceiverUrlPolicy.Accepted accepted -> target = accepted.url();
            case ReceiverUrlPolicy.Refused refused -> {
                return new Failed(null, "The URL is no longer safe to send to: " + refused.reason());
            }
        }
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(answerWithin)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Lessonbook-Webhooks/1")
                .header(EVENT_ID_HEADER, eventId)
                .header(WebhookSignature.HEADER, WebhookSignature.header(clock.instant(), body, secrets))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300
                    ? new Delivered(status)
                    : new Failed(status, "The receiver answered " + status + ".");
        } catch (HttpTimeoutException slow) {
            return new Failed(null, "The receiver did not answer within " + answerWithin.toMillis() + " ms.");
        } catch (IOException unreachable) {
            return new Failed(null, "The receiver could not be reached: " + unreachable.getClass().getSimpleName() + ".");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Failed(null, "The attempt was interrupted.");
        }
    }
}
