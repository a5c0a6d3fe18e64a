package dev.lessonbook.messaging;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.MessageAttribute;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.lessonbook.json.Json;
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
 * written to, the invocation's streams — mapped by hand with {@link Json}, so the Lambda runtime
 * never builds its reflective mapper for the event classes at cold start.
 */
public final class SqsEventJson {
    private static final Json READER = Json.reader();

    private SqsEventJson() {}

    public static SQSEvent readEvent(InputStream in) throws IOException {
        Map<String, Object> json = READER.readObject(in, "The SQS event");
        SQSEvent event = new SQSEvent();
        if (json.get("Records") instanceof List<?> records) {
            List<SQSMessage> messages = new ArrayList<>(records.size());
            for (Object record : records) {
                messages.add(message(Json.asObject(record)
                        .orElseThrow(() -> new IOException("An SQS record is not a JSON object"))));
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
        out.write(Json.writeBytes(Map.of("batchItemFailures", failures)));
    }

    private static SQSMessage message(Map<String, Object> json) {
        SQSMessage message = new SQSMessage();
        message.setMessageId(text(json, "messageId"));
        message.setReceiptHandle(text(json, "receiptHandle"));
        message.setBody(text(json, "body"));
        message.setMd5OfBody(text(json, "md5OfBody"));
        message.setMd5OfMessageAttributes(text(json, "md5OfMessageAttributes"));
        message.setEventSourceArn(text(json, "eventSourceARN"));
        message.setEventSource(text(json, "eventSource"));
        message.setAwsRegion(text(json, "awsRegion"));
        Json.asObject(json.get("attributes")).ifPresent(attributes -> {
            Map<String, String> texts = new LinkedHashMap<>();
            attributes.forEach((name, value) -> texts.put(name, value == null ? null : String.valueOf(value)));
            message.setAttributes(texts);
        });
        Json.asObject(json.get("messageAttributes")).ifPresent(attributes -> {
            Map<String, MessageAttribute> values = new LinkedHashMap<>();
            attributes.forEach((name, value) -> Json.asObject(value).ifPresent(fields -> values.put(name, attribute(fields))));
            message.setMessageAttributes(values);
        });
        return message;
    }

    private static MessageAttribute attribute(Map<String, Object> json) {
        MessageAttribute attribute = new MessageAttribute();
        attribute.setStringValue(text(json, "stringValue"));
        binary(json.get("binaryValue")).ifPresent(attribute::setBinaryValue);
        if (json.get("stringListValues") instanceof List<?> strings) {
            attribute.setStringListValues(strings.stream().map(String::valueOf).toList());
        }
        if (json.get("binaryListValues") instanceof List<?> binaries) {
            attribute.setBinaryListValues(binaries.stream().map(SqsEventJson::binary).flatMap(Optional::stream).toList());
        }
        attribute.setDataType(text(json, "dataType"));
        return attribute;
    }

    /** Binary attribute values arrive base64-encoded, as the runtime's mapper reads them. */
    private static Optional<ByteBuffer> binary(Object value) {
        return value instanceof String base64 ? Optional.of(ByteBuffer.wrap(Base64.getDecoder().decode(base64))) : Optional.empty();
    }

    private static String text(Map<String, Object> json, String name) {
        Object value = json.get(name);
        return value == null ? null : value instanceof String text ? text : String.valueOf(value);
    }
}
