package dev.lessonbook.local.provision;

import dev.lessonbook.local.template.Intrinsics;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local counterpart of a deployed stack: for each logical id, what {@code Ref} and
 * {@code Fn::GetAtt} answer (a table's name and ARN, a queue's URL, ARN and name, ...).
 */
public final class Deployment implements Intrinsics.ResourceValues {

    /** One created (or simulated) resource. */
    public record PhysicalResource(String logicalId, String ref, Map<String, String> attributes) {}

    private final Map<String, PhysicalResource> resources = new ConcurrentHashMap<>();

    public void add(PhysicalResource resource) {
        resources.put(resource.logicalId(), resource);
    }

    public Optional<PhysicalResource> get(String logicalId) {
        return Optional.ofNullable(resources.get(logicalId));
    }

    /** The queue whose ARN this is; the URL is its {@code Ref}. */
    public Optional<PhysicalResource> queueByArn(String arn) {
        return resources.values().stream()
                .filter(resource -> arn.equals(resource.attributes().get("Arn")) && resource.attributes().containsKey("QueueUrl"))
                .findFirst();
    }

    @Override
    public Optional<String> ref(String logicalId) {
        return get(logicalId).map(PhysicalResource::ref);
    }

    @Override
    public Optional<String> attribute(String logicalId, String attribute) {
        return get(logicalId).map(resource -> resource.attributes().get(attribute));
    }
}
