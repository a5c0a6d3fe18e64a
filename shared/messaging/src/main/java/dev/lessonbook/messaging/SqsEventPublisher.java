package dev.lessonbook.messaging;

import dev.lessonbook.aws.AwsSettings;
import dev.lessonbook.aws.priming.MarshalOnly;
import dev.lessonbook.aws.priming.Primer;
import dev.lessonbook.config.Env;
import dev.lessonbook.event.DomainEvent;
import dev.lessonbook.event.EventPublisher;
import dev.lessonbook.eventjson.EventJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Fans an event out: one message per queue (invalidation, notification, webhooks), so each consumer gets
 * its own copy and its own retries. Consumers are idempotent by eventId, so publishing an event
 * again after a partial failure is safe.
 */
public final class SqsEventPublisher implements EventPublisher, Primer {
    /**
     * How long one SendMessage may take, retries included, and each attempt. Writers publish after
     * their transaction committed, inside an HTTP function's 10 s Timeout; a publish that fails
     * costs nothing (the event stays in the outbox and the relay delivers it), so a stalled SQS is
     * given up quickly rather than with the SDK's defaults (no call limit, 25 s socket reads).
     */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);
    /** The webhook dispatch worker's queue: events fan out to the marketplace's systems from there. */
    public static final String WEBHOOK_QUEUE_URL = "WEBHOOK_QUEUE_URL";

    private final SqsClient sqs;
    private final List<String> queueUrls;
    /** Held from construction, so the mapper is built at the function's init, not in its first request. */
    private final EventJson json = EventJson.standard();

    public SqsEventPublisher(SqsClient sqs, List<String> queueUrls) {
        this.sqs = sqs;
        this.queueUrls = List.copyOf(queueUrls);
    }

    /**
     * The queues of {@code INVALIDATION_QUEUE_URL} and {@code NOTIFICATION_QUEUE_URL}, and of
     * {@code WEBHOOK_QUEUE_URL} where it is set (template.yaml sets it for every function).
     */
    public static SqsEventPublisher fromEnvironment() {
        SqsClient sqs = AwsSettings.configure(SqsClient.builder()).httpClient(AwsSettings.httpClient())
                .overrideConfiguration(settings -> settings.apiCallTimeout(CALL_TIMEOUT).apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .addExecutionInterceptor(new MarshalOnly()))
                .build();
        List<String> queues = new ArrayList<>(List.of(Env.required("INVALIDATION_QUEUE_URL"), Env.required("NOTIFICATION_QUEUE_URL")));
        Env.optional(WEBHOOK_QUEUE_URL).ifPresent(queues::add);
        return new SqsEventPublisher(sqs, queues);
    }

    /**
     * Primes publishing without publishing (docs/decisions.md, "SnapStart priming"): each sample
     * event written as JSON and read back, and one SendMessage of it built, marshalled and signed
     * for the first queue, then stopped before it is sent ({@link MarshalOnly}; this client
     * carries it when built by {@link #fromEnvironment}).
     */
    @Override
    public void prime() {
        json.prime();
        String body = json.write(json.primingSamples().getFirst());
        MarshalOnly.run(sqs, () -> sqs.sendMessage(send -> send.queueUrl(queueUrls.getFirst()).messageBody(body)
                .overrideConfiguration(MarshalOnly.marked())));
    }

    @Override
    public String name() {
        return "SQS event publisher";
    }

    @Override
    public void publish(DomainEvent event) {
        String body = json.write(event);
        for (String queueUrl : queueUrls) {
            sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody(body));
        }
    }
}
