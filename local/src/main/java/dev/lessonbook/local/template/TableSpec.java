package dev.lessonbook.local.template;

import java.util.List;
import java.util.Optional;

/** An {@code AWS::DynamoDB::Table} as the local runtime creates it. */
public record TableSpec(
        String logicalId,
        String tableName,
        List<Attribute> attributes,
        List<KeyElement> keySchema,
        List<Index> globalIndexes,
        List<Index> localIndexes,
        Optional<String> ttlAttribute) {

    public record Attribute(String name, String type) {}

    /** {@code keyType} is HASH or RANGE. */
    public record KeyElement(String name, String keyType) {}

    public record Index(String name, List<KeyElement> keySchema, String projectionType, List<String> nonKeyAttributes) {}
}
