package dev.lessonbook.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading resolved property values, which YAML may have typed as numbers, booleans or text. */
public final class CloudFormationValues {
    private CloudFormationValues() {}

    public static String scalarText(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new TemplateException("Expected a scalar, got " + value);
    }

    public static Optional<String> text(Map<String, Object> properties, String name) {
        return Optional.ofNullable(properties.get(name)).map(CloudFormationValues::scalarText);
    }

    public static Optional<Integer> integer(Map<String, Object> properties, String name) {
        return text(properties, name).map(Integer::parseInt);
    }

    public static boolean flag(Map<String, Object> properties, String name, boolean fallback) {
        return text(properties, name).map(Boolean::parseBoolean).orElse(fallback);
    }

    public static Map<String, Object> mapping(Map<String, Object> properties, String name) {
        return Template.section(properties, name);
    }

    public static List<Map<String, Object>> listOfMappings(Map<String, Object> properties, String name) {
        Object value = properties.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new TemplateException(name + " must be a list");
        }
        return list.stream().map(item -> {
            if (!(item instanceof Map<?, ?> map)) {
                throw new TemplateException(name + " must be a list of mappings");
            }
            return CloudFormationYaml.asStringMap(map);
        }).toList();
    }

    public static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CloudFormationValues::scalarText).toList();
        }
        return List.of(scalarText(value));
    }
}
