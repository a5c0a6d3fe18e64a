package dev.lessonbook.local.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** What a batch handed to a worker leaves on the queue: Lambda's event source mapping semantics. */
class QueuePollerTest {
    private static final String ARN = "arn:aws:sqs:us-east-1:123456789012:work";
    private static final List<Message> BATCH = List.of(message("m1"), message("m2"), message("m3"));

    private final List<String> deletedReceipts = new ArrayList<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final SqsClient sqs = new SqsClient() {
        @Override
        public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
            request.entries().stream().map(DeleteMessageBatchRequestEntry::receiptHandle).forEach(deletedReceipts::add);
            return DeleteMessageBatchResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {}
    };

    private static Message message(String id) {
        return Message.builder().messageId(id).receiptHandle("receipt-" + id).body("body-" + id).md5OfBody("md5-" + id)
                .attributes(Map.of(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"))
                .messageAttributes(Map.of("kind", MessageAttributeValue.builder().dataType("String").stringValue("test").build(),
                        "blob", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromUtf8String("x")).build()))
                .build();
    }

    private QueuePoller poller(boolean reportBatchItemFailures, Function<SQSEvent, Object> function) {
        return new QueuePoller(sqs, new QueuePoller.Source("worker", "http://queue", ARN, "us-east-1", 10,
                reportBatchItemFailures), function, new PrintStream(log, true));
    }

    private static SQSBatchResponse failing(String... ids) {
        return new SQSBatchResponse(java.util.Arrays.stream(ids).map(SQSBatchResponse.BatchItemFailure::new).toList());
    }

    @Test
    void messagesTheWorkerHandledAreDeletedAndTheReportedFailuresKept() {
        poller(true, event -> failing("m2")).deliver(BATCH);

        assertThat(deletedReceipts).containsExactly("receipt-m1", "receipt-m3");
        assertThat(log.toString()).contains("SQS worker batch=3 failures=1");
    }

    @Test
    void aWorkerThatThrowsKeepsTheWholeBatch() {
        poller(true, event -> {
            throw new IllegalStateException("down");
        }).deliver(BATCH);

        assertThat(deletedReceipts).isEmpty();
        assertThat(log.toString()).contains("failures=3");
    }

    @Test
    void aFailureNamingNoMessageOfTheBatchFailsTheWholeBatch() {
        poller(true, event -> failing("m1", "not-in-batch")).deliver(BATCH);

        assertThat(deletedReceipts).isEmpty();
    }

    @Test
    void withoutReportBatchItemFailuresAReturnedResponseIsIgnored() {
        poller(false, event -> failing("m2")).deliver(BATCH);

        assertThat(deletedReceipts).containsExactly("receipt-m1", "receipt-m2", "receipt-m3");
    }

    @Test
    void theEventCarriesEachMessageAsLambdaDelivers() {
        SQSEvent.SQSMessage record = poller(true, event -> null).event(BATCH).getRecords().get(0);

        assertThat(record.getMessageId()).isEqualTo("m1");
        assertThat(record.getReceiptHandle()).isEqualTo("receipt-m1");
        assertThat(record.getBody()).isEqualTo("body-m1");
        assertThat(record.getMd5OfBody()).isEqualTo("md5-m1");
        assertThat(record.getAttributes()).containsEntry("ApproximateReceiveCount", "1");
        assertThat(record.getMessageAttributes().get("kind").getStringValue()).isEqualTo("test");
        assertThat(record.getMessageAttributes().get("kind").getDataType()).isEqualTo("String");
        assertThat(record.getMessageAttributes().get("blob").getBinaryValue().remaining()).isEqualTo(1);
        assertThat(record.getEventSource()).isEqualTo("aws:sqs");
        assertThat(record.getEventSourceArn()).isEqualTo(ARN);
        assertThat(record.getAwsRegion()).isEqualTo("us-east-1");
    }
}
