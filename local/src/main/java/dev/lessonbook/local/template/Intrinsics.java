package dev.lessonbook.local.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation's intrinsic functions and conditions against local values: parameters,
 * pseudo parameters, and whatever the local deployment knows about each resource.
 */
public final class Intrinsics {
    /** Stands for {@code AWS::NoValue}: the enclosing property or list item disappears. */
    public static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    /** What a resource answers to {@code Ref} and {@code Fn::GetAtt}, once it exists locally. */
    public interface ResourceValues {
        Optional<String> ref(String logicalId);

        Optional<String> attribute(String logicalId, String attribute);

        ResourceValues NONE = new ResourceValues() {
            @Override
            public Optional<String> ref(String logicalId) {
                return Optional.empty();
            }

            @Override
            public Optional<String> attribute(String logicalId, String attribute) {
                return Optional.empty();
            }
        };
    }

    private final Template template;
    private final Map<String, String> parameterValues;
    private final Map<String, String> pseudoParameters;
    private final ResourceValues resources;

    public Intrinsics(Template template, Map<String, String> parameterValues, Map<String, String> pseudoParameters,
            ResourceValues resources) {
        this.template = template;
        this.parameterValues = Map.copyOf(parameterValues);
        this.pseudoParameters = Map.copyOf(pseudoParameters);
        this.resources = resources;
    }

    public Intrinsics withResources(ResourceValues values) {
        return new Intrinsics(template, parameterValues, pseudoParameters, values);
    }

    /** Resolves every intrinsic inside {@code value}; maps and lists lose their {@code AWS::NoValue} entries. */
    public Object resolve(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> properties = CloudFormationYaml.asStringMap(map);
            if (properties.size() == 1) {
                String key = properties.keySet().iterator().next();
                if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition") && isConditionReference(properties)) {
                    return function(key, properties.get(key));
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            properties.forEach((name, item) -> {
                Object itemValue = resolve(item);
                if (itemValue != NO_VALUE) {
                    resolved.put(name, itemValue);
                }
            });
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : list) {
                Object itemValue = resolve(item);
                if (itemValue != NO_VALUE) {
                    resolved.add(itemValue);
                }
            }
            return resolved;
        }
        return value;
    }

    public String resolveText(Object value) {
        return CloudFormationValues.scalarText(resolve(value));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> resolveMapping(Map<String, Object> value) {
        return (Map<String, Object>) resolve(value);
    }

    public boolean condition(String name) {
        Object definition = template.conditions().get(name);
        if (definition == null) {
            throw new TemplateException("Unknown condition " + name);
        }
        return truth(definition);
    }

    /** A condition name appears as {@code {Condition: Name}} inside Fn::And/Or/Not; elsewhere it is a plain key. */
    private static boolean isConditionReference(Map<String, Object> properties) {
        return properties.get("Condition") instanceof String;
    }

    private Object function(String name, Object argument) {
        return switch (name) {
            case "Ref" -> ref(CloudFormationValues.scalarText(argument));
            case "Fn::GetAtt" -> getAtt(argument);
            case "Fn::Sub" -> sub(argument);
            case "Fn::Join" -> join(arguments(name, argument, 2));
            case "Fn::Select" -> select(arguments(name, argument, 2));
            case "Fn::Split" -> split(arguments(name, argument, 2));
            case "Fn::If" -> choose(arguments(name, argument, 3));
            case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Condition" -> truth(Map.of(name, argument));
            case "Fn::FindInMap" -> findInMap(arguments(name, argument, 3));
            case "Fn::Base64" -> Base64.getEncoder().encodeToString(resolveText(argument).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case "Fn::ToJsonString" -> throw new TemplateException("Fn::ToJsonString is not supported locally");
            default -> throw new TemplateException(name + " is not supported by the local runtime");
        };
    }

    private Object ref(String name) {
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        if (pseudoParameters.containsKey(name)) {
            return pseudoParameters.get(name);
        }
        Template.Parameter parameter = template.parameters().get(name);
        if (parameter != null) {
            String value = parameterValues.get(name);
            if (value == null) {
                value = parameter.defaultValue().orElseThrow(() -> new TemplateException(
                        "Parameter " + name + " has no Default and no local value"));
            }
            return parameter.isList() ? Arrays.stream(value.split(",")).map(String::trim).toList() : value;
        }
        if (!template.resources().containsKey(name)) {
            throw new TemplateException("Ref to unknown parameter or resource " + name);
        }
        return resources.ref(name).orElseThrow(() -> new TemplateException(
                "Ref " + name + " (" + template.resources().get(name).type() + ") has no local value"));
    }

    private Object getAtt(Object argument) {
        List<Object> parts = arguments("Fn::GetAtt", argument, 2);
        String logicalId = resolveText(parts.get(0));
        String attribute = resolveText(parts.get(1));
        return attribute(logicalId, attribute);
    }

    private String attribute(String logicalId, String attribute) {
        if (!template.resources().containsKey(logicalId)) {
            throw new TemplateException("Fn::GetAtt of unknown resource " + logicalId);
        }
        return resources.attribute(logicalId, attribute).orElseThrow(() -> new TemplateException(
                "Fn::GetAtt " + logicalId + "." + attribute + " has no local value"));
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> list) {
            text = CloudFormationValues.scalarText(list.get(0));
            variables = list.size() > 1 && list.get(1) instanceof Map<?, ?> map ? CloudFormationYaml.asStringMap(map) : Map.of();
        } else {
            text = CloudFormationValues.scalarText(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String replacement;
            if (variable.startsWith("!")) {
                replacement = "${" + variable.substring(1) + "}";
            } else if (variables.containsKey(variable)) {
                replacement = resolveText(variables.get(variable));
            } else if (variable.contains(".") && !pseudoParameters.containsKey(variable)) {
                int dot = variable.indexOf('.');
                replacement = attribute(variable.substring(0, dot), variable.substring(dot + 1));
            } else {
                Object value = ref(variable);
                replacement = value instanceof List<?> list ? String.join(",", CloudFormationValues.strings(list))
                        : CloudFormationValues.scalarText(value);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String join(List<Object> arguments) {
        String delimiter = resolveText(arguments.get(0));
        return String.join(delimiter, CloudFormationValues.strings(resolve(arguments.get(1))));
    }

    private Object select(List<Object> arguments) {
        int index = Integer.parseInt(resolveText(arguments.get(0)));
        Object list = resolve(arguments.get(1));
        return CloudFormationValues.strings(list).get(index);
    }

    private List<String> split(List<Object> arguments) {
        String delimiter = resolveText(arguments.get(0));
        return List.of(resolveText(arguments.get(1)).split(Pattern.quote(delimiter), -1));
    }

    private Object choose(List<Object> arguments) {
        return condition(CloudFormationValues.scalarText(arguments.get(0))) ? resolve(arguments.get(1)) : resolve(arguments.get(2));
    }

    private Object findInMap(List<Object> arguments) {
        Map<String, Object> top = Template.section(template.mappings(), resolveText(arguments.get(0)));
        Map<String, Object> second = Template.section(top, resolveText(arguments.get(1)));
        Object value = second.get(resolveText(arguments.get(2)));
        if (value == null) {
            throw new TemplateException("Fn::FindInMap found nothing for " + arguments);
        }
        return resolve(value);
    }

    private boolean truth(Object definition) {
        if (definition instanceof Boolean bool) {
            return bool;
        }
        if (!(definition instanceof Map<?, ?> map) || map.size() != 1) {
            throw new TemplateException("Not a condition: " + definition);
        }
        Map.Entry<?, ?> entry = map.entrySet().iterator().next();
        String name = String.valueOf(entry.getKey());
        Object argument = entry.getValue();
        return switch (name) {
            case "Condition" -> condition(CloudFormationValues.scalarText(argument));
            case "Fn::Equals" -> {
                List<Object> pair = arguments(name, argument, 2);
                yield comparable(resolve(pair.get(0))).equals(comparable(resolve(pair.get(1))));
            }
            case "Fn::Not" -> !truth(arguments(name, argument, 1).get(0));
            case "Fn::And" -> arguments(name, argument, -1).stream().allMatch(this::truth);
            case "Fn::Or" -> arguments(name, argument, -1).stream().anyMatch(this::truth);
            default -> throw new TemplateException("Not a condition function: " + name);
        };
    }

    private static Object comparable(Object value) {
        return value instanceof List<?> ? CloudFormationValues.strings(value) : CloudFormationValues.scalarText(value);
    }

    private static List<Object> arguments(String function, Object argument, int count) {
        if (!(argument instanceof List<?> list) || count >= 0 && list.size() != count) {
            throw new TemplateException(function + " takes " + (count < 0 ? "a list" : count + " arguments") + ": " + argument);
        }
        return new ArrayList<>(list);
    }
}
