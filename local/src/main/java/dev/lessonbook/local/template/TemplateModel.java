package dev.lessonbook.local.template;

import static dev.lessonbook.local.template.CloudFormationValues.flag;
import static dev.lessonbook.local.template.CloudFormationValues.integer;
import static dev.lessonbook.local.template.CloudFormationValues.listOfMappings;
import static dev.lessonbook.local.template.CloudFormationValues.mapping;
import static dev.lessonbook.local.template.CloudFormationValues.text;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the local runtime has to create and run, read from the template: tables, queues, HTTP APIs
 * and functions with their event sources. Only parameters and pseudo parameters are resolved here;
 * values naming other resources (queue URLs, ARNs) are resolved after provisioning.
 */
public record TemplateModel(
        List<TableSpec> tables,
        List<QueueSpec> queues,
        Map<String, HttpApiSpec> httpApis,
        List<FunctionSpec> functions,
        List<String> warnings) {

    private static final Set<String> QUEUE_ATTRIBUTES = Set.of("VisibilityTimeout", "MessageRetentionPeriod",
            "DelaySeconds", "MaximumMessageSize", "ReceiveMessageWaitTimeSeconds", "FifoQueue", "ContentBasedDeduplication");
    private static final int DEFAULT_TIMEOUT_SECONDS = 3;
    private static final int DEFAULT_MEMORY_MB = 128;

    public static TemplateModel read(Template template, Intrinsics intrinsics, LocalNames names) {
        List<String> warnings = new ArrayList<>();
        List<Template.Resource> present = template.resources().values().stream()
                .filter(resource -> resource.condition().map(intrinsics::condition).orElse(true))
                .toList();
        List<TableSpec> tables = new ArrayList<>();
        List<QueueSpec> queues = new ArrayList<>();
        List<FunctionSpec> functions = new ArrayList<>();
        Map<String, HttpApiSpec> apis = new LinkedHashMap<>();
        for (Template.Resource resource : present) {
            switch (resource.type()) {
                case "AWS::DynamoDB::Table" -> tables.add(table(resource, intrinsics, names));
                case "AWS::SQS::Queue" -> queues.add(queue(resource, intrinsics, names));
                case "AWS::Serverless::HttpApi" -> apis.put(resource.logicalId(),
                        httpApi(resource.logicalId(), resource.properties(), intrinsics));
                case "AWS::Serverless::Function" -> functions.add(function(template, resource, intrinsics, names, warnings::add));
                default -> { /* alarms, policies and the like have no local counterpart */ }
            }
        }
        boolean implicitApiUsed = functions.stream().flatMap(f -> f.routes().stream())
                .anyMatch(route -> route.apiLogicalId().equals(HttpApiSpec.IMPLICIT_API));
        if (implicitApiUsed && !apis.containsKey(HttpApiSpec.IMPLICIT_API)) {
            apis.put(HttpApiSpec.IMPLICIT_API, httpApi(HttpApiSpec.IMPLICIT_API, template.globals("HttpApi"), intrinsics));
        }
        for (FunctionSpec.HttpRoute route : functions.stream().flatMap(f -> f.routes().stream()).toList()) {
            if (!apis.containsKey(route.apiLogicalId())) {
                throw new TemplateException(route.functionLogicalId() + "." + route.eventName() + ": ApiId "
                        + route.apiLogicalId() + " is not an AWS::Serverless::HttpApi of the template");
            }
        }
        return new TemplateModel(List.copyOf(tables), List.copyOf(queues), Map.copyOf(apis), List.copyOf(functions),
                List.copyOf(warnings));
    }

    public List<FunctionSpec.HttpRoute> routes() {
        return functions.stream().flatMap(function -> function.routes().stream()).toList();
    }

    private static TableSpec table(Template.Resource resource, Intrinsics intrinsics, LocalNames names) {
        Map<String, Object> properties = intrinsics.resolveMapping(resource.properties());
        String name = text(properties, "TableName").orElse(names.physicalName(resource.logicalId()));
        List<TableSpec.Attribute> attributes = listOfMappings(properties, "AttributeDefinitions").stream()
                .map(a -> new TableSpec.Attribute(text(a, "AttributeName").orElseThrow(), text(a, "AttributeType").orElseThrow()))
                .toList();
        Map<String, Object> ttl = mapping(properties, "TimeToLiveSpecification");
        Optional<String> ttlAttribute = flag(ttl, "Enabled", false) ? text(ttl, "AttributeName") : Optional.empty();
        return new TableSpec(resource.logicalId(), name, attributes, keySchema(properties),
                indexes(properties, "GlobalSecondaryIndexes"), indexes(properties, "LocalSecondaryIndexes"), ttlAttribute);
    }

    private static List<TableSpec.KeyElement> keySchema(Map<String, Object> properties) {
        return listOfMappings(properties, "KeySchema").stream()
                .map(k -> new TableSpec.KeyElement(text(k, "AttributeName").orElseThrow(), text(k, "KeyType").orElseThrow()))
                .toList();
    }

    private static List<TableSpec.Index> indexes(Map<String, Object> properties, String section) {
        return listOfMappings(properties, section).stream().map(index -> {
            Map<String, Object> projection = mapping(index, "Projection");
            return new TableSpec.Index(text(index, "IndexName").orElseThrow(), keySchema(index),
                    text(projection, "ProjectionType").orElse("ALL"),
                    CloudFormationValues.strings(projection.get("NonKeyAttributes")));
        }).toList();
    }

    private static QueueSpec queue(Template.Resource resource, Intrinsics intrinsics, LocalNames names) {
        Map<String, Object> raw = resource.properties();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String attribute : QUEUE_ATTRIBUTES) {
            if (raw.containsKey(attribute)) {
                attributes.put(attribute, intrinsics.resolveText(raw.get(attribute)));
            }
        }
        boolean fifo = Boolean.parseBoolean(attributes.getOrDefault("FifoQueue", "false"));
        String name = raw.containsKey("QueueName") ? intrinsics.resolveText(raw.get("QueueName"))
                : names.physicalName(resource.logicalId()) + (fifo ? ".fifo" : "");
        Optional<Object> redrive = Optional.ofNullable(raw.get("RedrivePolicy"));
        Set<String> dependsOn = new LinkedHashSet<>();
        redrive.ifPresent(policy -> collectReferences(policy, dependsOn));
        return new QueueSpec(resource.logicalId(), name, Map.copyOf(attributes), redrive, Set.copyOf(dependsOn));
    }

    private static HttpApiSpec httpApi(String logicalId, Map<String, Object> rawProperties, Intrinsics intrinsics) {
        Map<String, Object> auth = mapping(rawProperties, "Auth");
        Map<String, HttpApiSpec.JwtAuthorizer> authorizers = new LinkedHashMap<>();
        mapping(auth, "Authorizers").forEach((name, body) -> {
            Map<String, Object> definition = mapping(Map.of(name, body), name);
            Map<String, Object> jwt = mapping(definition, "JwtConfiguration");
            if (jwt.isEmpty()) {
                return; // Lambda authorizers have no local counterpart; routes naming them fail loudly
            }
            Map<String, Object> resolved = intrinsics.resolveMapping(jwt);
            String identitySource = definition.containsKey("IdentitySource")
                    ? intrinsics.resolveText(definition.get("IdentitySource")) : "$request.header.Authorization";
            authorizers.put(name, new HttpApiSpec.JwtAuthorizer(name, identitySource,
                    text(resolved, "issuer").orElseThrow(() -> new TemplateException("Authorizer " + name + " has no issuer")),
                    CloudFormationValues.strings(resolved.get("audience"))));
        });
        Optional<String> defaultAuthorizer = Optional.ofNullable(auth.get("DefaultAuthorizer")).map(intrinsics::resolveText);
        return new HttpApiSpec(logicalId, defaultAuthorizer, Map.copyOf(authorizers));
    }

    private static FunctionSpec function(Template template, Template.Resource resource, Intrinsics intrinsics,
            LocalNames names, Consumer<String> warn) {
        Map<String, Object> globals = template.globals("Function");
        Map<String, Object> properties = resource.properties();
        String logicalId = resource.logicalId();
        Object handlerProperty = properties.getOrDefault("Handler", globals.get("Handler"));
        if (handlerProperty == null) {
            throw new TemplateException(logicalId + " has no Handler");
        }
        String handler = intrinsics.resolveText(handlerProperty);
        int separator = handler.indexOf("::");
        String handlerClass = separator < 0 ? handler : handler.substring(0, separator);
        String handlerMethod = separator < 0 ? "handleRequest" : handler.substring(separator + 2);
        String name = properties.containsKey("FunctionName") ? intrinsics.resolveText(properties.get("FunctionName"))
                : names.physicalName(logicalId);
        int timeout = Integer.parseInt(intrinsics.resolveText(
                properties.getOrDefault("Timeout", globals.getOrDefault("Timeout", DEFAULT_TIMEOUT_SECONDS))));
        int memory = Integer.parseInt(intrinsics.resolveText(
                properties.getOrDefault("MemorySize", globals.getOrDefault("MemorySize", DEFAULT_MEMORY_MB))));

        Map<String, Object> environment = new LinkedHashMap<>(variables(globals));
        environment.putAll(variables(properties));

        List<FunctionSpec.HttpRoute> routes = new ArrayList<>();
        List<FunctionSpec.QueueSource> queueSources = new ArrayList<>();
        List<FunctionSpec.Schedule> schedules = new ArrayList<>();
        mapping(properties, "Events").forEach((eventName, body) -> {
            Map<String, Object> event = mapping(Map.of(eventName, body), eventName);
            String type = text(event, "Type").orElse("");
            Map<String, Object> eventProperties = mapping(event, "Properties");
            switch (type) {
                case "HttpApi" -> routes.add(route(logicalId, eventName, eventProperties, intrinsics));
                case "SQS" -> queueSources.add(queueSource(eventName, eventProperties, intrinsics));
                case "Schedule" -> schedules.add(schedule(eventName, eventProperties, "Schedule", intrinsics));
                case "ScheduleV2" -> schedules.add(schedule(eventName, eventProperties, "ScheduleExpression", intrinsics));
                default -> warn.accept(logicalId + ": event " + eventName + " of type " + type + " is not run locally");
            }
        });
        return new FunctionSpec(logicalId, name, handlerClass, handlerMethod, Duration.ofSeconds(timeout), memory,
                java.util.Collections.unmodifiableMap(environment), List.copyOf(routes), List.copyOf(queueSources),
                List.copyOf(schedules));
    }

    private static Map<String, Object> variables(Map<String, Object> functionProperties) {
        return mapping(mapping(functionProperties, "Environment"), "Variables");
    }

    private static FunctionSpec.HttpRoute route(String functionId, String eventName, Map<String, Object> raw,
            Intrinsics intrinsics) {
        String apiId = HttpApiSpec.IMPLICIT_API;
        Object apiRef = raw.get("ApiId");
        if (apiRef instanceof Map<?, ?> ref && ref.get("Ref") instanceof String logicalId) {
            apiId = logicalId;
        } else if (apiRef != null) {
            throw new TemplateException(functionId + "." + eventName + ": ApiId must be !Ref of an HttpApi in this template");
        }
        Map<String, Object> properties = intrinsics.resolveMapping(
                raw.entrySet().stream().filter(e -> !e.getKey().equals("ApiId"))
                        .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll));
        String path = text(properties, "Path").orElse(FunctionSpec.HttpRoute.DEFAULT_ROUTE);
        String method = text(properties, "Method").map(m -> m.toUpperCase(Locale.ROOT)).orElse(FunctionSpec.HttpRoute.ANY);
        if (method.equals("*")) {
            method = FunctionSpec.HttpRoute.ANY;
        }
        Map<String, Object> auth = mapping(properties, "Auth");
        return new FunctionSpec.HttpRoute(functionId, eventName, apiId, method, path, text(auth, "Authorizer"),
                CloudFormationValues.strings(auth.get("AuthorizationScopes")));
    }

    private static FunctionSpec.QueueSource queueSource(String eventName, Map<String, Object> raw, Intrinsics intrinsics) {
        Map<String, Object> properties = new LinkedHashMap<>(raw);
        Object queue = properties.remove("Queue");
        if (queue == null) {
            throw new TemplateException("SQS event " + eventName + " has no Queue");
        }
        Map<String, Object> resolved = intrinsics.resolveMapping(properties);
        boolean reportFailures = CloudFormationValues.strings(resolved.get("FunctionResponseTypes"))
                .contains("ReportBatchItemFailures");
        return new FunctionSpec.QueueSource(eventName, queue, integer(resolved, "BatchSize").orElse(10), reportFailures,
                flag(resolved, "Enabled", true));
    }

    private static FunctionSpec.Schedule schedule(String eventName, Map<String, Object> raw, String expressionKey,
            Intrinsics intrinsics) {
        Map<String, Object> properties = intrinsics.resolveMapping(raw);
        String expression = text(properties, expressionKey)
                .orElseThrow(() -> new TemplateException("Schedule event " + eventName + " has no " + expressionKey));
        boolean enabled = flag(properties, "Enabled", true)
                && !text(properties, "State").map(state -> state.equalsIgnoreCase("DISABLED")).orElse(false);
        return new FunctionSpec.Schedule(eventName, expression, enabled, text(properties, "Input"));
    }

    /** Logical ids named by Ref, Fn::GetAtt or Fn::Sub anywhere inside {@code value}. */
    static void collectReferences(Object value, Set<String> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> {
                if ("Ref".equals(key) && item instanceof String id && !id.startsWith("AWS::")) {
                    into.add(id);
                } else if ("Fn::GetAtt".equals(key) && item instanceof List<?> parts && !parts.isEmpty()) {
                    into.add(String.valueOf(parts.get(0)));
                } else if ("Fn::Sub".equals(key)) {
                    String text = item instanceof List<?> parts ? String.valueOf(parts.get(0)) : String.valueOf(item);
                    java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9]+)[.}]").matcher(text);
                    while (matcher.find()) {
                        into.add(matcher.group(1));
                    }
                }
                collectReferences(item, into);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collectReferences(item, into));
        }
    }
}
