package dev.lessonbook.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lessonbook.aws.AwsSettings;
import dev.lessonbook.config.Env;
import dev.lessonbook.integration.DeliveryAttempts;
import dev.lessonbook.json.JsonMappers;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Webhook attempts on the delivery queue ({@code WEBHOOK_DELIVERY_QUEUE_URL}): one message per
 * attempt, {@code {"subscriptionId","deliveryId","attempt"}}, held back by SQS's message delay
 * (at most 15 minutes; a longer wait comes back early and is queued again).
 */
public final class SqsDeliveryAttempts implements DeliveryAttempts {
    /** SQS's longest message delay (DelaySeconds 900). */
    public static final Duration LONGEST_DELAY = Duration.ofMinutes(15);
    public static final String QUEUE_URL_SETTING = "WEBHOOK_DELIVERY_QUEUE_URL";

    private final SqsClient sqs;
    private final String queueUrl;
    private final ObjectMapper json = JsonMappers.standard();

    public SqsDeliveryAttempts(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public static SqsDeliveryAttempts fromEnvironment() {
        SqsClient sqs = AwsSettings.configure(SqsClient.builder()).httpClient(AwsSettings.httpClient())
                .overrideConfiguration(settings -> settings.apiCallTimeout(SqsEventPublisher.CALL_TIMEOUT)
                        .apiCallAttemptTimeout(SqsEventPublisher.ATTEMPT_TIMEOUT))
                .build();
        return new SqsDeliveryAttempts(sqs, Env.required(QUEUE_URL_SETTING));
    }

    @Override
    public void schedule(Attempt attempt, Duration delay) {
        long seconds = Math.max(0, Math.min(delay.toSeconds() + (delay.toNanosPart() > 0 ? 1 : 0), LONGEST_DELAY.toSeconds()));
        String body = json.createObjectNode()
                .put("subscriptionId", attempt.subscriptionId())
                .put("deliveryId", attempt.deliveryId())
                .put("attempt", attempt.attempt())
                .toString();
        sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody(body).delaySeconds((int) seconds));
    }

    @Override
    public Duration longestDelay() {
        return LONGEST_DELAY;
    }

    /** A message of this queue; one that is not is poison (it fails, and ends in the dead-letter queue). */
    public Attempt read(String body) {
        try {
            JsonNode message = json.readTree(body);
            if (!message.path("subscriptionId").isTextual() || !message.path("deliveryId").isTextual()
                    || !message.path("attempt").canConvertToInt()) {
                throw new IllegalArgumentException("Not a webhook attempt: " + body);
            }
            return new Attempt(message.get("subscriptionId").asText(), message.get("deliveryId").asText(),
                    message.get("attempt").intValue());
        } catch (JsonProcessingException notJson) {
            throw new IllegalArgumentException("Not a webhook attempt: " + body, notJson);
        }
    }
}
