package dev.lessonbook.config;

import java.util.Optional;

/**
 * Configuration of a function: a JVM system property of the same name wins over the environment
 * variable, so the local runtime can host many functions in one JVM with their own settings
 * while Lambda configures them through the environment only.
 */
public final class Env {
    private Env() {}

    public static Optional<String> optional(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public static String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException("Missing configuration " + name));
    }

    public static String orDefault(String name, String fallback) {
        return optional(name).orElse(fallback);
    }
}
