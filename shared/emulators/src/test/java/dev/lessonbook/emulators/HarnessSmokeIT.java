package dev.lessonbook.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.stripe.StripeClient;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentCreateParams;
import dev.lessonbook.emulators.junit.LocalServersExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Proves the test harness talks to real local servers with the behaviour our design relies on:
 * DynamoDB transactions and conditions on moto, SQS, and manual-capture PaymentIntents on localstripe.
 */
@ExtendWith(LocalServersExtension.class)
class HarnessSmokeIT {

    @Test
    void failedConditionCheckCancelsTheTransactionWithReasonsInRequestOrder(LocalServers.Endpoints endpoints) {
        try (DynamoDbClient dynamo = dynamo(endpoints)) {
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
    void exactlyOneOfTwentyConcurrentConditionalPutsOnOneKeySucceeds(LocalServers.Endpoints endpoints) throws Exception {
        try (DynamoDbClient dynamo = dynamo(endpoints)) {
            String table = createTable(dynamo);
            int writers = 20;
            CountDownLatch go = new CountDownLatch(1);
            List<Callable<Boolean>> puts = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String writer = "writer-" + i;
                puts.add(() -> {
                    go.await();
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
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                List<Future<Boolean>> results = puts.stream().map(pool::submit).toList();
                go.countDown();
                long winners = 0;
                for (Future<Boolean> result : results) {
                    winners += result.get() ? 1 : 0;
                }
                assertThat(winners).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void sqsMessageIsSentReceivedAndDeleted(LocalServers.Endpoints endpoints) {
        try (SqsClient sqs = SqsClient.builder()
                .endpointOverride(endpoints.aws())
                .region(Region.of(endpoints.region()))
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

    @Test
    void manualCapturePaymentIntentCapturesHalfOnTheStripeSide(LocalServers.Endpoints endpoints) throws Exception {
        StripeClient stripe = StripeClient.builder()
                .setApiKey(LocalServers.STRIPE_TEST_KEY)
                .setApiBase(endpoints.stripe().toString())
                .build();

        PaymentIntent authorized = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(6000L)
                .setCurrency("usd")
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL)
                .setPaymentMethod("pm_card_visa")
                .setConfirm(true)
                .build());
        assertThat(authorized.getStatus()).isEqualTo("requires_capture");

        stripe.v1().paymentIntents().capture(authorized.getId(),
                PaymentIntentCaptureParams.builder().setAmountToCapture(3000L).build());

        PaymentIntent onStripe = stripe.v1().paymentIntents().retrieve(authorized.getId());
        assertThat(onStripe.getStatus()).isEqualTo("succeeded");
        assertThat(netCaptured(onStripe.getLatestChargeObject())).isEqualTo(3000L);
    }

    /**
     * Stripe reports a partial capture as {@code amount_captured}; localstripe captures the whole
     * charge and refunds the rest. Either way the money kept is captured minus refunded.
     */
    private static long netCaptured(Charge charge) {
        long captured = charge.getAmountCaptured() != null ? charge.getAmountCaptured() : charge.getAmount();
        return captured - charge.getAmountRefunded();
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

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
