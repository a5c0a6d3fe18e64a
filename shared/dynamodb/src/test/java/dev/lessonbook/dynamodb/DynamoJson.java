package dev.lessonbook.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lessonbook.json.JsonMappers;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items written as DynamoDB's own JSON ({@code {"id":{"S":"bk_1"},"n":{"N":"60"}}}, what
 * {@code aws dynamodb get-item} prints): so a test can hold an item exactly as an earlier version
 * of the code stored it.
 */
public final class DynamoJson {
    private DynamoJson() {}

    public static Map<String, AttributeValue> item(String json) {
        try {
            return attributes(JsonMappers.standard().readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, AttributeValue> attributes(JsonNode object) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        object.properties().forEach(member -> item.put(member.getKey(), value(member.getValue())));
        return item;
    }

    private static AttributeValue value(JsonNode typed) {
        var member = typed.properties().iterator().next();
        JsonNode value = member.getValue();
        return switch (member.getKey()) {
            case "S" -> AttributeValue.fromS(value.textValue());
            case "N" -> AttributeValue.fromN(value.textValue());
            case "BOOL" -> AttributeValue.fromBool(value.booleanValue());
            case "NULL" -> AttributeValue.fromNul(true);
            case "M" -> AttributeValue.fromM(attributes(value));
            case "L" -> AttributeValue.fromL(java.util.stream.StreamSupport.stream(value.spliterator(), false)
                    .map(DynamoJson::value).toList());
            default -> throw new IllegalArgumentException("No DynamoDB type " + member.getKey());
        };
    }
}
