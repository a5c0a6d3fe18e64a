package dev.lessonbook.webhook;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * One attempt to deliver one event to one receiver: a signed {@code POST}, and a 2xx answer within
 * the time limit counts as delivered. Anything else — another status, a redirect (never followed:
 * it could lead to an internal address), a timeout, a refused connection, an address that is not
 * public — is a failed attempt for the retry schedule.
 *
 * <p>The URL's form is checked first; its host's addresses are checked by the client's own
 * resolver ({@link ReceiverUrlPolicy#connectableAddressesOf}), which is the lookup the client
 * connects with: the addresses that passed are the ones connected to, so a name re-pointed at a
 * private address between a check and the connect (DNS rebinding) is refused, not reached. TLS
 * still verifies the certificate against the URL's name, and SNI sends that name.
 */
public final class SendingAWebhook {
    /** How long a receiver has to answer (docs/spec.md: 2xx within 10 s). */
    public static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    public static final String EVENT_ID_HEADER = "Lessonbook-Event-Id";
    /** Attempts of one batch run at once (SQS hands over up to 10), several to one receiver at times. */
    private static final int CONNECTIONS_PER_RECEIVER = 10;

    private final CloseableHttpClient client;
    private final ReceiverUrlPolicy policy;
    private final Clock clock;
    private final Duration answerWithin;

    /** Builds the delivery client once (whoever holds this use case holds it from init). */
    public SendingAWebhook(ReceiverUrlPolicy policy, Clock clock, Duration answerWithin) {
        this.client = client(policy, answerWithin);
        this.policy = policy;
        this.clock = clock;
        this.answerWithin = answerWithin;
    }

    /**
     * The client deliveries share: every name it looks up goes through {@code policy}; redirects
     * are never followed, nothing is retried by the client (the retry schedule does that), no
     * cookies, no proxy from system properties (a proxy would do the lookup itself).
     */
    static CloseableHttpClient client(ReceiverUrlPolicy policy, Duration answerWithin) {
        Timeout limit = Timeout.of(answerWithin);
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new PolicyResolver(policy))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(limit)
                                .setSocketTimeout(limit)
                                .build())
                        .setMaxConnPerRoute(CONNECTIONS_PER_RECEIVER)
                        .setMaxConnTotal(4 * CONNECTIONS_PER_RECEIVER)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(limit)
                        .setResponseTimeout(limit)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .build();
    }

    /** The delivery client's only DNS: each lookup's answer is checked before any address of it is used. */
    private record PolicyResolver(ReceiverUrlPolicy policy) implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return policy.connectableAddressesOf(host);
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            // Used only for SPNEGO/Kerberos authentication, which deliveries never do.
            return host;
        }
    }

    public sealed interface Attempt {}

    public record Delivered(int statusCode) implements Attempt {}

    /** @param statusCode the receiver's answer, or null when there was none */
    public record Failed(Integer statusCode, String reason) implements Attempt {}

    public Attempt send(String url, String eventId, String body, List<String> secrets) {
        URI target;
        switch (policy.checkForm(url)) {
            case ReceiverUrlPolicy.Accepted accepted -> target = accepted.url();
            case ReceiverUrlPolicy.Refused refused -> {
                return new Failed(null, "The URL is no longer safe to send to: " + refused.reason());
            }
        }
        HttpPost request = new HttpPost(target);
        request.setHeader("User-Agent", "Lessonbook-Webhooks/1");
        request.setHeader(EVENT_ID_HEADER, eventId);
        request.setHeader(WebhookSignature.HEADER, WebhookSignature.header(clock.instant(), body, secrets));
        request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        // The whole attempt, connect to answer, within the limit: a receiver answering a byte at a
        // time would otherwise stay inside every socket timeout.
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(request::cancel,
                CompletableFuture.delayedExecutor(answerWithin.toMillis(), TimeUnit.MILLISECONDS));
        // The body is never read: closing the response drops the connection instead.
        try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
            int status = response.getCode();
            return status >= 200 && status < 300
                    ? new Delivered(status)
                    : new Failed(status, "The receiver answered " + status + ".");
        } catch (ReceiverUrlPolicy.NotPublic notPublic) {
            return new Failed(null, "The URL is no longer safe to send to: " + notPublic.reason());
        } catch (UnknownHostException unknown) {
            return new Failed(null, "The URL is no longer safe to send to: The URL's host does not resolve.");
        } catch (InterruptedIOException slow) {
            return new Failed(null, "The receiver did not answer within " + answerWithin.toMillis() + " ms.");
        } catch (IOException unreachable) {
            // The deadline's cancel closes the socket under a blocked read, which then fails as closed.
            return request.isCancelled()
                    ? new Failed(null, "The receiver did not answer within " + answerWithin.toMillis() + " ms.")
                    : new Failed(null, "The receiver could not be reached: " + unreachable.getClass().getSimpleName() + ".");
        } finally {
            deadline.cancel(false);
        }
    }
}
