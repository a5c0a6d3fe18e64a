package dev.lessonbook.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A queue worker of the test template: records each message it handles in the table, and
 * reports "fail-once…" messages as failed on their first receive and "always-fail…" on every one.
 */
public final class RecordingWorker implements RequestHandler<SQSEvent, SQSBatchResponse> {

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            String receiveCount = message.getAttributes().get("ApproximateReceiveCount");
            boolean fails = message.getBody().startsWith("always-fail")
                    || message.getBody().startsWith("fail-once") && "1".equals(receiveCount);
            if (fails) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            SQSEvent.MessageAttribute kind = message.getMessageAttributes().get("kind");
            TestAws.DYNAMO.putItem(p -> p.tableName(TestAws.TABLE).item(Map.of(
                    "pk", AttributeValue.fromS("work#" + message.getBody()),
                    "sk", AttributeValue.fromS("done"),
                    "receiveCount", AttributeValue.fromS(receiveCount),
                    "kind", AttributeValue.fromS(kind == null ? "none" : kind.getStringValue()),
                    "eventSource", AttributeValue.fromS(message.getEventSource() + " " + message.getEventSourceArn()))));
        }
        return new SQSBatchResponse(failures);
    }
}
