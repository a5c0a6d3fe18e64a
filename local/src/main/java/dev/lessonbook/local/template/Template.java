package dev.lessonbook.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sections of a SAM template the local runtime reads, still unresolved. */
public final class Template {
    private final Map<String, Object> root;
    private final Map<String, Parameter> parameters;
    private final Map<String, Resource> resources;

    private Template(Map<String, Object> root) {
        this.root = root;
        this.parameters = readParameters(section(root, "Parameters"));
        this.resources = readResources(section(root, "Resources"));
    }

    public static Template read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    public static Template parse(String yaml) {
        return new Template(CloudFormationYaml.parse(yaml));
    }

    public record Parameter(String name, String type, Optional<String> defaultValue) {
        public boolean isList() {
            return type.startsWith("CommaDelimitedList") || type.startsWith("List<");
        }
    }

    public record Resource(String logicalId, String type, Map<String, Object> properties, Optional<String> condition) {}

    public Map<String, Parameter> parameters() {
        return parameters;
    }

    public Map<String, Resource> resources() {
        return resources;
    }

    public List<Resource> resourcesOfType(String type) {
        return resources.values().stream().filter(resource -> resource.type().equals(type)).toList();
    }

    public Map<String, Object> conditions() {
        return section(root, "Conditions");
    }

    public Map<String, Object> mappings() {
        return section(root, "Mappings");
    }

    /** {@code Globals.Function}, {@code Globals.HttpApi}: defaults SAM applies to every such resource. */
    public Map<String, Object> globals(String resourceKind) {
        return section(section(root, "Globals"), resourceKind);
    }

    static Map<String, Object> section(Map<String, Object> parent, String name) {
        Object value = parent.get(name);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new TemplateException(name + " must be a mapping");
        }
        return CloudFormationYaml.asStringMap(map);
    }

    private static Map<String, Parameter> readParameters(Map<String, Object> section) {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        section.forEach((name, body) -> {
            Map<String, Object> definition = section(Map.of(name, body), name);
            Object fallback = definition.get("Default");
            parameters.put(name, new Parameter(name, String.valueOf(definition.getOrDefault("Type", "String")),
                    Optional.ofNullable(fallback).map(CloudFormationValues::scalarText)));
        });
        return Map.copyOf(parameters);
    }

    private static Map<String, Resource> readResources(Map<String, Object> section) {
        Map<String, Resource> resources = new LinkedHashMap<>();
        section.forEach((logicalId, body) -> {
            Map<String, Object> definition = section(Map.of(logicalId, body), logicalId);
            Object type = definition.get("Type");
            if (!(type instanceof String typeName)) {
                throw new TemplateException("Resource " + logicalId + " has no Type");
            }
            resources.put(logicalId, new Resource(logicalId, typeName, section(definition, "Properties"),
                    Optional.ofNullable(definition.get("Condition")).map(String::valueOf)));
        });
        return java.util.Collections.unmodifiableMap(resources);
    }
}
