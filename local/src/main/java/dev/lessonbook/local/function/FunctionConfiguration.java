package dev.lessonbook.local.function;

import dev.lessonbook.local.template.CloudFormationValues;
import dev.lessonbook.local.template.FunctionSpec;
import dev.lessonbook.local.template.Intrinsics;
import dev.lessonbook.local.template.TemplateException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The configuration every function in this JVM reads (through {@code dev.lessonbook.config.Env},
 * system property first): the environment variables template.yaml gives the functions, resolved
 * against the local resources, plus the endpoints and credentials Lambda's environment would carry.
 * All functions share one JVM, so a variable two functions set differently is reported.
 */
public final class FunctionConfiguration {
    /** Configures the Lambda JVM itself, not a function. */
    private static final List<String> NOT_FOR_FUNCTIONS = List.of("JAVA_TOOL_OPTIONS");

    private FunctionConfiguration() {}

    public static Map<String, String> resolve(List<FunctionSpec> functions, Intrinsics resolver, Map<String, String> platform,
            Consumer<String> warn) {
        Map<String, String> properties = new TreeMap<>();
        Map<String, String> setBy = new TreeMap<>();
        for (FunctionSpec function : functions) {
            function.environment().forEach((name, raw) -> {
                if (NOT_FOR_FUNCTIONS.contains(name)) {
                    return;
                }
                String value;
                try {
                    Object resolved = resolver.resolve(raw);
                    if (resolved == Intrinsics.NO_VALUE) {
                        return;
                    }
                    value = resolved instanceof List<?> list ? String.join(",", CloudFormationValues.strings(list))
                            : CloudFormationValues.scalarText(resolved);
                } catch (TemplateException unresolvable) {
                    warn.accept(function.logicalId() + ": environment variable " + name + " is left unset: "
                            + unresolvable.getMessage());
                    return;
                }
                String earlier = properties.putIfAbsent(name, value);
                if (earlier == null) {
                    setBy.put(name, function.logicalId());
                } else if (!earlier.equals(value)) {
                    warn.accept(function.logicalId() + " sets " + name + "=" + value + " but " + setBy.get(name)
                            + " set it to " + earlier + "; one JVM hosts both, so both read " + earlier);
                }
            });
        }
        properties.putAll(platform);
        return properties;
    }
}
