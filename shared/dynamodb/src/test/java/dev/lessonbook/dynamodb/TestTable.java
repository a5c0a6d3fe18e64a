package dev.lessonbook.dynamodb;

import dev.lessonbook.aws.AwsSettings;
import dev.lessonbook.emulators.LocalServers;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** A fresh table with the key schema of template.yaml's LessonbookTable, one per test class. */
public final class TestTable {
    private TestTable() {}

    public static Tables create(LocalServers.Endpoints endpoints) {
        DynamoDbClient client = clientFor(endpoints.aws(), endpoints.region());
        String name = "lessonbook-test-" + UUID.randomUUID();
        client.createTable(create -> create
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute("pk"), attribute("sk"), attribute("gsi1pk"), attribute("gsi1sk"),
                        attribute("gsi2pk"), attribute("gsi2sk"), attribute("duepk"), attribute("duesk"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(
                        index(Keys.GSI1, "gsi1pk", "gsi1sk", ProjectionType.ALL),
                        index(Keys.GSI2, "gsi2pk", "gsi2sk", ProjectionType.ALL),
                        index(Keys.DUE_INDEX, "duepk", "duesk", ProjectionType.KEYS_ONLY)));
        return new Tables(client, name);
    }

    /** A client of the emulator at {@code endpoint} (or of a proxy in front of it). */
    public static DynamoDbClient clientFor(URI endpoint, String region) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalServers.ACCESS_KEY, LocalServers.SECRET_KEY)))
                .httpClient(AwsSettings.httpClient())
                .build();
    }

    /**
     * A fresh table whose client adds the name of every DynamoDB operation it sends to
     * {@code operations} (an SDK interceptor, on the wire): what the cost tests count.
     */
    public static Tables counting(LocalServers.Endpoints endpoints, List<String> operations) {
        Tables created = create(endpoints);
        DynamoDbClient counted = DynamoDbClient.builder()
                .endpointOverride(endpoints.aws())
                .region(Region.of(endpoints.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalServers.ACCESS_KEY, LocalServers.SECRET_KEY)))
                .httpClient(AwsSettings.httpClient())
                .overrideConfiguration(override -> override.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                    }
                }))
                .build();
        return new Tables(counted, created.tableName());
    }

    /** Every item of the table, for before/after comparisons. */
    public static List<java.util.Map<String, AttributeValue>> scan(Tables tables) {
        return tables.client().scanPaginator(scan -> scan.tableName(tables.tableName()).consistentRead(true))
                .items().stream().toList();
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex index(String name, String pk, String sk, ProjectionType projection) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(key(pk, KeyType.HASH), key(sk, KeyType.RANGE))
                .projection(Projection.builder().projectionType(projection).build())
                .build();
    }
}
