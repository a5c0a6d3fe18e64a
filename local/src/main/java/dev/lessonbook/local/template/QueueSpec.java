package dev.lessonbook.local.template;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An {@code AWS::SQS::Queue}: its SQS attributes, and its redrive policy still unresolved because
 * it names the dead-letter queue's ARN, known only once that queue exists ({@code dependsOn}).
 */
public record QueueSpec(
        String logicalId,
        String queueName,
        Map<String, String> attributes,
        Optional<Object> redrivePolicy,
        Set<String> dependsOn) {

    public int visibilityTimeoutSeconds() {
        return Integer.parseInt(attributes.getOrDefault("VisibilityTimeout", "30"));
    }
}
