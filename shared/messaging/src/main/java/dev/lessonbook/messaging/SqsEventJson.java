package dev.lessonbook.messaging;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.MessageAttribute;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lessonbook.json.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQS batch Lambda hands a {@link SqsFunction} read from, and its partial-failure answer
 * written to, the invocation's streams — mapped by hand over the shared mapper's tree, so the
 * Lambda runtime never builds its reflective mapper for the event classes at cold start. A text
 * field holding another scalar reads as that scalar's text, as the runtime coerces it
 * ({@link JsonNode#asText(String)}: null when absent or JSON null).
 */
public final class SqsEventJson {
    private static final ObjectMapper JSON = JsonMappers.standard();

    private SqsEventJson() {}

    public static SQSEvent readEvent(InputStream in) throws IOException {
        if (!(JSON.readTree(in) instanceof ObjectNode json)) {
            throw new IOException("The SQS event is not a JSON object");
        }
        SQSEvent event = new SQSEvent();
        if (json.get("Records") instanceof ArrayNode records) {
            List<SQSMessage> messages = new ArrayList<>(records.size());
            for (JsonNode record : records) {
                if (!(record instanceof ObjectNode message)) {
                    throw new IOException("An SQS record is not a JSON object");
                }
                messages.add(message(message));
            }
            event.setRecords(messages);
        }
        return event;
    }

    public static void writeResponse(SQSBatchResponse response, OutputStream out) throws IOException {
        List<Map<String, Object>> failures = new ArrayList<>();
        if (response.getBatchItemFailures() != null) {
            response.getBatchItemFailures().forEach(failure -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("itemIdentifier", failure.getItemIdentifier());
                failures.add(item);
            });
        }
        out.write(JSON.writeValueAsBytes(Map.of("batchItemFailures", failures))); // writeValue(out, …) would close it
    }

    /**
     * An SQS event of one record per body, shaped as Lambda delivers a batch (priming reads it
     * back with {@link #readEvent}).
     */
    static byte[] batchOf(List<String> bodies) throws IOException {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("messageId", "priming-" + i);
            record.put("receiptHandle", "priming");
            record.put("body", bodies.get(i));
            record.put("attributes", Map.of("ApproximateReceiveCount", "1", "SentTimestamp", "1767225600000"));
            record.put("messageAttributes", Map.of());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:priming");
            record.put("awsRegion", "us-east-1");
            records.add(record);
        }
        return JSON.writeValueAsBytes(Map.of("Records", records));
    }

    private static SQSMessage message(ObjectNode json) {
        SQSMessage message = new SQSMessage();
        message.setMessageId(json.path("messageId").asText(null));
        message.setReceiptHandle(json.path("receiptHandle").asText(null));
        message.setBody(json.path("body").asText(null));
        message.setMd5OfBody(json.path("md5OfBody").asText(null));
        message.setMd5OfMessageAttributes(json.path("md5OfMessageAttributes").asText(null));
        message.setEventSourceArn(json.path("eventSourceARN").asText(null));
        message.setEventSource(json.path("eventSource").asText(null));
        message.setAwsRegion(json.path("awsRegion").asText(null));
        if (json.get("attributes") instanceof ObjectNode attributes) {
            Map<String, String> texts = new LinkedHashMap<>();
            attributes.properties().forEach(attribute -> texts.put(attribute.getKey(), attribute.getValue().asText(null)));
            message.setAttributes(texts);
        }
        if (json.get("messageAttributes") instanceof ObjectNode attributes) {
            Map<String, MessageAttribute> values = new LinkedHashMap<>();
            attributes.properties().forEach(attribute -> {
                if (attribute.getValue() instanceof ObjectNode fields) {
                    values.put(attribute.getKey(), attribute(fields));
                }
            });
            message.setMessageAttributes(values);
        }
        return message;
    }

    private static MessageAttribute attribute(ObjectNode json) {
        MessageAttribute attribute = new MessageAttribute();
        attribute.setStringValue(json.path("stringValue").asText(null));
        binary(json.get("binaryValue")).ifPresent(attribute::setBinaryValue);
        if (json.get("stringListValues") instanceof ArrayNode strings) {
            attribute.setStringListValues(strings.valueStream().map(JsonNode::asText).toList());
        }
        if (json.get("binaryListValues") instanceof ArrayNode binaries) {
            attribute.setBinaryListValues(binaries.valueStream().map(SqsEventJson::binary).flatMap(Optional::stream).toList());
        }
        attribute.setDataType(json.path("dataType").asText(null));
        return attribute;
    }

    /** Binary attribute values arrive base64-encoded, as the runtime's mapper reads them. */
    private static Optional<ByteBuffer> binary(JsonNode value) {
        return value != null && value.isTextual()
                ? Optional.of(ByteBuffer.wrap(Base64.getDecoder().decode(value.textValue())))
                : Optional.empty();
    }
}
