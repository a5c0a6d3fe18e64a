package dev.lessonbook.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What our design relies on from DynamoDB and SQS, checked against whichever emulator a subclass
 * names: transactions cancelled with reasons in request order, a transaction's ClientRequestToken
 * making its retries idempotent, one winner of concurrent conditional puts, and SQS
 * send/receive/delete.
 */
abstract class AwsBehaviourContract {

    /** Where the AWS emulator under test listens. */
    abstract LocalServers.Endpoints endpoints();

    @Test
    void failedConditionCheckCancelsTheTransactionWithReasonsInRequestOrder() {
        try (DynamoDbClient dynamo = dynamo(endpoints())) {
            String table = createTable(dynamo);
            dynamo.putItem(p -> p.tableName(table).item(Map.of("pk", s("existing"))));

            TransactionCanceledException cancelled = catchThrowableOfType(TransactionCanceledException.class,
                    () -> dynamo.transactWriteItems(t -> t.transactItems(
                            TransactWriteItem.builder().put(Put.builder().tableName(table)
                                    .item(Map.of("pk", s("new"))).build()).build(),
                            TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                                    .key(Map.of("pk", s("existing")))
                                    .conditionExpression("attribute_not_exists(pk)").build()).build())));

            assertThat(cancelled).isNotNull();
            assertThat(cancelled.cancellationReasons()).extracting(CancellationReason::code)
                    .containsExactly("None", "ConditionalCheckFailed");
            assertThat(dynamo.getItem(g -> g.tableName(table).key(Map.of("pk", s("new")))).hasItem())
                    .as("nothing of a cancelled transaction is written").isFalse();
        }
    }

    @Test
    void cancelledTransactionLeavesOverwrittenUpdatedAndDeletedItemsAsTheyWere() {
        try (DynamoDbClient dynamo = dynamo(endpoints())) {
            String table = createTable(dynamo);
            for (String key : List.of("overwritten", "updated", "deleted", "blocking")) {
                dynamo.putItem(p -> p.tableName(table).item(Map.of("pk", s(key), "v", s("before"))));
            }

            TransactionCanceledException cancelled = catchThrowableOfType(TransactionCanceledException.class,
                    () -> dynamo.transactWriteItems(t -> t.transactItems(
                            TransactWriteItem.builder().put(Put.builder().tableName(table)
                                    .item(Map.of("pk", s("overwritten"), "v", s("after"))).build()).build(),
                            TransactWriteItem.builder().update(Update.builder().tableName(table)
                                    .key(Map.of("pk", s("updated"))).updateExpression("SET v = :v")
                                    .expressionAttributeValues(Map.of(":v", s("after"))).build()).build(),
                            TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                                    .key(Map.of("pk", s("deleted"))).build()).build(),
                            TransactWriteItem.builder().put(Put.builder().tableName(table)
                                    .item(Map.of("pk", s("created"), "v", s("after"))).build()).build(),
                            TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                                    .key(Map.of("pk", s("blocking")))
                                    .conditionExpression("attribute_not_exists(pk)").build()).build())));

            assertThat(cancelled).isNotNull();
            Map<String, String> items = new TreeMap<>();
            dynamo.scanPaginator(r -> r.tableName(table)).items()
                    .forEach(item -> items.put(item.get("pk").s(), item.get("v").s()));
            assertThat(items).containsExactlyInAnyOrderEntriesOf(Map.of("overwritten", "before",
                    "updated", "before", "deleted", "before", "blocking", "before"));
        }
    }

    @Test
    void exactlyOneOfTwentyConcurrentConditionalPutsOnOneKeySucceeds() throws Exception {
        try (DynamoDbClient dynamo = dynamo(endpoints())) {
            String table = createTable(dynamo);
            List<Callable<Boolean>> puts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String writer = "writer-" + i;
                puts.add(() -> {
                    try {
                        dynamo.putItem(p -> p.tableName(table)
                                .item(Map.of("pk", s("contended"), "writer", s(writer)))
                                .conditionExpression("attribute_not_exists(pk)"));
                        return true;
                    } catch (ConditionalCheckFailedException lost) {
                        return false;
                    }
                });
            }

            assertThat(Concurrently.run(puts, puts.size())).filteredOn(won -> won).hasSize(1);
        }
    }

    /** A transaction that puts {@code pk} only if absent, under {@code token}. */
    private static TransactWriteItemsRequest putIfAbsent(String table, String pk, String value, String token) {
        return TransactWriteItemsRequest.builder().clientRequestToken(token).transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(Map.of("pk", s(pk), "v", s(value)))
                        .conditionExpression("attribute_not_exists(pk)").build()).build()).build();
    }

    @Test
    void aCommittedTransactionRepeatedWithItsTokenSucceedsWithoutWritingAgain() {
        try (DynamoDbClient dynamo = dynamo(endpoints())) {
            String table = createTable(dynamo);
            String token = UUID.randomUUID().toString();
            dynamo.transactWriteItems(putIfAbsent(table, "once", "first", token));
            dynamo.putItem(p -> p.tableName(table).item(Map.of("pk", s("once"), "v", s("changed since"))));

            // Its condition would fail now: the token, not the condition, answers the repeat.
            dynamo.transactWriteItems(putIfAbsent(table, "once", "first", token));

            assertThat(dynamo.getItem(g -> g.tableName(table).key(Map.of("pk", s("once")))).item().get("v").s())
                    .isEqualTo("changed since");
        }
    }

    @Test
    void aTokenRepeatedWithOtherParametersIsRefused() {
        try (DynamoDbClient dynamo = dynamo(endpoints())) {
            String table = createTable(dynamo);
            String token = UUID.randomUUID().toString();
            dynamo.transactWriteItems(putIfAbsent(table, "a", "first", token));

            assertThat(catchThrowableOfType(IdempotentParameterMismatchException.class,
                    () -> dynamo.transactWriteItems(putIfAbsent(table, "b", "other", token)))).isNotNull();
            assertThat(dynamo.getItem(g -> g.tableName(table).key(Map.of("pk", s("b")))).hasItem()).isFalse();
        }
    }

    @Test
    void aCancelledTransactionRepeatedWithItsTokenRunsAgain() {
        try (DynamoDbClient dynamo = dynamo(endpoints())) {
            String table = createTable(dynamo);
            String token = UUID.randomUUID().toString();
            dynamo.putItem(p -> p.tableName(table).item(Map.of("pk", s("busy"), "v", s("taken"))));
            assertThat(catchThrowableOfType(TransactionCanceledException.class,
                    () -> dynamo.transactWriteItems(putIfAbsent(table, "busy", "mine", token)))).isNotNull();
            dynamo.deleteItem(d -> d.tableName(table).key(Map.of("pk", s("busy"))));

            dynamo.transactWriteItems(putIfAbsent(table, "busy", "mine", token));

            assertThat(dynamo.getItem(g -> g.tableName(table).key(Map.of("pk", s("busy")))).item().get("v").s())
                    .isEqualTo("mine");
        }
    }

    /**
     * A Query reads one partition of the table or of a global index: exactly the items that carry
     * its key now, however they got it or lost it (put, update, delete, a cancelled transaction).
     */
    @Test
    void aQueryReturnsExactlyTheItemsThatCarryItsPartitionKeyNow() {
        try (DynamoDbClient dynamo = dynamo(endpoints())) {
            String table = createTableWithIndex(dynamo);
            dynamo.putItem(p -> p.tableName(table).item(Map.of("pk", s("a"), "sk", s("1"), "gpk", s("X"), "gsk", s("1"))));
            dynamo.putItem(p -> p.tableName(table).item(Map.of("pk", s("a"), "sk", s("2"), "gpk", s("X"), "gsk", s("2"))));
            dynamo.putItem(p -> p.tableName(table).item(Map.of("pk", s("b"), "sk", s("1"), "gpk", s("X"), "gsk", s("3"))));
            dynamo.putItem(p -> p.tableName(table).item(Map.of("pk", s("c"), "sk", s("1"), "gpk", s("X"), "gsk", s("4"))));
            // a#2 moves to Y, b#1 is deleted, d#1 gets its key by an update that creates it.
            dynamo.updateItem(u -> u.tableName(table).key(Map.of("pk", s("a"), "sk", s("2")))
                    .updateExpression("SET gpk = :y").expressionAttributeValues(Map.of(":y", s("Y"))));
            dynamo.deleteItem(d -> d.tableName(table).key(Map.of("pk", s("b"), "sk", s("1"))));
            dynamo.updateItem(u -> u.tableName(table).key(Map.of("pk", s("d"), "sk", s("1")))
                    .updateExpression("SET gpk = :x, gsk = :k").expressionAttributeValues(Map.of(":x", s("X"), ":k", s("5"))));
            // A cancelled transaction would have moved c#1 to Y and put e#1 under X: neither happened.
            catchThrowableOfType(TransactionCanceledException.class, () -> dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(
                            Map.of("pk", s("c"), "sk", s("1"), "gpk", s("Y"), "gsk", s("4"))).build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(
                            Map.of("pk", s("e"), "sk", s("1"), "gpk", s("X"), "gsk", s("6"))).build()).build(),
                    TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                            .key(Map.of("pk", s("a"), "sk", s("1"))).conditionExpression("attribute_not_exists(pk)").build())
                            .build())));

            assertThat(queryIndex(dynamo, table, "X")).containsExactly("a#1", "c#1", "d#1");
            assertThat(queryIndex(dynamo, table, "Y")).containsExactly("a#2");
            assertThat(queryIndex(dynamo, table, "Z")).isEmpty();
            assertThat(dynamo.query(q -> q.tableName(table).keyConditionExpression("pk = :a")
                            .expressionAttributeValues(Map.of(":a", s("a")))).items())
                    .extracting(item -> item.get("sk").s()).containsExactly("1", "2");
        }
    }

    @Test
    void sqsMessageIsSentReceivedAndDeleted() {
        try (SqsClient sqs = SqsClient.builder()
                .endpointOverride(endpoints().aws())
                .region(Region.of(endpoints().region()))
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            String queueUrl = sqs.createQueue(q -> q.queueName("smoke-" + UUID.randomUUID())).queueUrl();
            sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody("{\"hello\":\"moto\"}"));

            List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(5)).messages();
            assertThat(received).extracting(Message::body).containsExactly("{\"hello\":\"moto\"}");

            sqs.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(received.get(0).receiptHandle()));
            assertThat(sqs.getQueueAttributes(a -> a.queueUrl(queueUrl).attributeNamesWithStrings(
                            "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                    .attributesAsStrings())
                    .containsEntry("ApproximateNumberOfMessages", "0")
                    .containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
        }
    }

    private static DynamoDbClient dynamo(LocalServers.Endpoints endpoints) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoints.aws())
                .region(Region.of(endpoints.region()))
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalServers.ACCESS_KEY, LocalServers.SECRET_KEY));
    }

    private static String createTable(DynamoDbClient dynamo) {
        String table = "smoke-" + UUID.randomUUID();
        dynamo.createTable(c -> c.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        return table;
    }

    /** A table keyed by pk and sk, with a global index {@code g} keyed by gpk and gsk. */
    private static String createTableWithIndex(DynamoDbClient dynamo) {
        String table = "smoke-" + UUID.randomUUID();
        dynamo.createTable(c -> c.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Stream.of("pk", "sk", "gpk", "gsk").map(name -> AttributeDefinition.builder()
                        .attributeName(name).attributeType(ScalarAttributeType.S).build()).toList())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("g")
                        .keySchema(KeySchemaElement.builder().attributeName("gpk").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("gsk").keyType(KeyType.RANGE).build())
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));
        return table;
    }

    /** The items of index {@code g}'s partition {@code gpk}, as pk#sk, in index order. */
    private static List<String> queryIndex(DynamoDbClient dynamo, String table, String gpk) {
        return dynamo.query(q -> q.tableName(table).indexName("g").keyConditionExpression("gpk = :g")
                        .expressionAttributeValues(Map.of(":g", s(gpk)))).items().stream()
                .map(item -> item.get("pk").s() + "#" + item.get("sk").s()).toList();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
