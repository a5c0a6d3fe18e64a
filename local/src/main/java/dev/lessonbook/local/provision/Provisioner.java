package dev.lessonbook.local.provision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lessonbook.json.JsonMappers;
import dev.lessonbook.local.template.Intrinsics;
import dev.lessonbook.local.template.QueueSpec;
import dev.lessonbook.local.template.TableSpec;
import dev.lessonbook.local.template.TemplateException;
import dev.lessonbook.local.template.TemplateModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Creates on the AWS endpoint what the template declares and the functions expect to find:
 * tables (keys, indexes, TTL), queues (dead-letter queues before the queues that redrive into
 * them), SecureString parameters and SES identities. Everything that already exists is kept, so
 * running against a long-lived endpoint twice is fine.
 */
public final class Provisioner {
    private static final ObjectMapper JSON = JsonMappers.standard();

    private final AwsConnection aws;
    private final Consumer<String> log;

    public Provisioner(AwsConnection aws, Consumer<String> log) {
        this.aws = aws;
        this.log = log;
    }

    /** A SecureString parameter to put, and an SES identity to verify. */
    public record Extras(Map<String, String> secureParameters, List<String> emailIdentities) {}

    public Deployment provision(TemplateModel model, Intrinsics intrinsics, Deployment deployment, Extras extras) {
        try (DynamoDbClient dynamo = aws.dynamoDb()) {
            for (TableSpec table : model.tables()) {
                deployment.add(createTable(dynamo, table));
            }
        }
        Intrinsics resolver = intrinsics.withResources(deployment);
        try (SqsClient sqs = aws.sqs()) {
            for (QueueSpec queue : inDependencyOrder(model.queues())) {
                deployment.add(createQueue(sqs, queue, resolver));
            }
        }
        if (!extras.secureParameters().isEmpty()) {
            try (SsmClient ssm = aws.ssm()) {
                extras.secureParameters().forEach((name, value) -> {
                    ssm.putParameter(p -> p.name(name).value(value).type(ParameterType.SECURE_STRING).overwrite(true));
                    log.accept("provisioned SSM SecureString " + name);
                });
            }
        }
        if (!extras.emailIdentities().isEmpty()) {
            try (SesV2Client ses = aws.sesV2()) {
                for (String identity : extras.emailIdentities()) {
                    try {
                        ses.createEmailIdentity(c -> c.emailIdentity(identity));
                    } catch (AlreadyExistsException exists) {
                        // verified by an earlier run
                    }
                    log.accept("provisioned SES identity " + identity);
                }
            }
        }
        return deployment;
    }

    private Deployment.PhysicalResource createTable(DynamoDbClient dynamo, TableSpec table) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(table.tableName())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(table.attributes().stream()
                        .map(a -> AttributeDefinition.builder().attributeName(a.name()).attributeType(a.type()).build())
                        .toList())
                .keySchema(keys(table.keySchema()));
        if (!table.globalIndexes().isEmpty()) {
            request.globalSecondaryIndexes(table.globalIndexes().stream()
                    .map(index -> GlobalSecondaryIndex.builder().indexName(index.name()).keySchema(keys(index.keySchema()))
                            .projection(projection(index)).build())
                    .toList());
        }
        if (!table.localIndexes().isEmpty()) {
            request.localSecondaryIndexes(table.localIndexes().stream()
                    .map(index -> LocalSecondaryIndex.builder().indexName(index.name()).keySchema(keys(index.keySchema()))
                            .projection(projection(index)).build())
                    .toList());
        }
        boolean created = true;
        try {
            dynamo.createTable(request.build());
        } catch (ResourceInUseException exists) {
            created = false;
        }
        dynamo.waiter().waitUntilTableExists(d -> d.tableName(table.tableName()));
        table.ttlAttribute().ifPresent(attribute -> enableTtl(dynamo, table.tableName(), attribute));
        String arn = dynamo.describeTable(d -> d.tableName(table.tableName())).table().tableArn();
        log.accept((created ? "created" : "kept existing") + " table " + table.tableName()
                + " (" + table.globalIndexes().size() + " GSIs" + table.ttlAttribute().map(a -> ", TTL on " + a).orElse("") + ")");
        return new Deployment.PhysicalResource(table.logicalId(), table.tableName(), Map.of("Arn", arn));
    }

    private static void enableTtl(DynamoDbClient dynamo, String tableName, String attribute) {
        var current = dynamo.describeTimeToLive(d -> d.tableName(tableName)).timeToLiveDescription();
        boolean enabled = current != null && attribute.equals(current.attributeName())
                && (current.timeToLiveStatus() == TimeToLiveStatus.ENABLED || current.timeToLiveStatus() == TimeToLiveStatus.ENABLING);
        if (!enabled) {
            dynamo.updateTimeToLive(u -> u.tableName(tableName)
                    .timeToLiveSpecification(t -> t.attributeName(attribute).enabled(true)));
        }
    }

    private static List<KeySchemaElement> keys(List<TableSpec.KeyElement> schema) {
        return schema.stream().map(k -> KeySchemaElement.builder().attributeName(k.name()).keyType(k.keyType()).build()).toList();
    }

    private static Projection projection(TableSpec.Index index) {
        Projection.Builder projection = Projection.builder().projectionType(index.projectionType());
        if (!index.nonKeyAttributes().isEmpty()) {
            projection.nonKeyAttributes(index.nonKeyAttributes());
        }
        return projection.build();
    }

    private Deployment.PhysicalResource createQueue(SqsClient sqs, QueueSpec queue, Intrinsics resolver) {
        Map<String, String> attributes = new HashMap<>(queue.attributes());
        queue.redrivePolicy().ifPresent(policy -> attributes.put("RedrivePolicy", json(resolver.resolve(policy))));
        String url;
        try {
            url = sqs.createQueue(c -> c.queueName(queue.queueName()).attributesWithStrings(attributes)).queueUrl();
        } catch (QueueNameExistsException differentAttributes) {
            url = sqs.getQueueUrl(g -> g.queueName(queue.queueName())).queueUrl();
            String existing = url;
            sqs.setQueueAttributes(s -> s.queueUrl(existing).attributesWithStrings(attributes));
        }
        String queueUrl = url;
        String arn = sqs.getQueueAttributes(g -> g.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        log.accept("provisioned queue " + queue.queueName()
                + (attributes.containsKey("RedrivePolicy") ? " (redrive " + attributes.get("RedrivePolicy") + ")" : ""));
        return new Deployment.PhysicalResource(queue.logicalId(), queueUrl,
                Map.of("Arn", arn, "QueueName", queue.queueName(), "QueueUrl", queueUrl));
    }

    /** SQS wants the redrive policy as a JSON string; the template may give it as a mapping. */
    private static String json(Object policy) {
        if (policy instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new TemplateException("RedrivePolicy is not JSON-serializable: " + policy);
        }
    }

    /** Queues that others redrive into come first. */
    static List<QueueSpec> inDependencyOrder(List<QueueSpec> queues) {
        Map<String, QueueSpec> byId = new LinkedHashMap<>();
        queues.forEach(queue -> byId.put(queue.logicalId(), queue));
        List<QueueSpec> ordered = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (QueueSpec queue : queues) {
            visit(queue, byId, done, new LinkedHashSet<>(), ordered);
        }
        return ordered;
    }

    private static void visit(QueueSpec queue, Map<String, QueueSpec> byId, Set<String> done, Set<String> visiting,
            List<QueueSpec> ordered) {
        if (done.contains(queue.logicalId())) {
            return;
        }
        if (!visiting.add(queue.logicalId())) {
            throw new TemplateException("Queues redrive into each other in a cycle: " + visiting);
        }
        for (String dependency : queue.dependsOn()) {
            QueueSpec other = byId.get(dependency);
            if (other != null) {
                visit(other, byId, done, visiting, ordered);
            }
        }
        done.add(queue.logicalId());
        ordered.add(queue);
    }
}
