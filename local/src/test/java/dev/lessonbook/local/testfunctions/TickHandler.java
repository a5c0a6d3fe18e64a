package dev.lessonbook.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A scheduled function of the test template: counts its invocations in the table. */
public final class TickHandler implements RequestHandler<ScheduledEvent, Void> {

    @Override
    public Void handleRequest(ScheduledEvent event, Context context) {
        TestAws.DYNAMO.updateItem(u -> u.tableName(TestAws.TABLE)
                .key(Map.of("pk", AttributeValue.fromS("tick"), "sk", AttributeValue.fromS("count")))
                .updateExpression("ADD n :one SET #source = :source")
                .expressionAttributeNames(Map.of("#source", "source"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                        ":source", AttributeValue.fromS(event.getSource() + " " + event.getDetailType()))));
        return null;
    }
}
