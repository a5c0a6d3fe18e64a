package dev.lessonbook.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The one Jackson configuration of the HTTP layer. Only the tree model is used: every mapping
 * between JSON and our types is written out by hand, so nothing is bound by reflection.
 */
public final class Json {
    /** Deeper than any of our payloads (the profile is 5 levels) yet far from stack trouble. */
    public static final int MAX_NESTING_DEPTH = 32;
    /** Longer than any string we accept; the body limit bounds it anyway. */
    public static final int MAX_STRING_LENGTH = 64 * 1024;
    public static final int MAX_NUMBER_LENGTH = 100;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            // {"a":1,"a":2} is ambiguous: which one did the client mean? Refuse it.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private Json() {}

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** Parses one JSON value; trailing content, duplicate keys and deep nesting all fail. */
    static JsonNode parse(byte[] utf8) throws IOException {
        try (JsonParser parser = FACTORY.createParser(utf8)) {
            JsonNode node = MAPPER.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw new JsonParseException(parser, "no JSON value");
            }
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "unexpected content after the JSON value");
            }
            return node;
        }
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // A tree of our own making always serializes.
            throw new IllegalStateException("Unserializable JSON tree", e);
        }
    }
}
