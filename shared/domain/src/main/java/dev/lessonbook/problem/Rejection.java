package dev.lessonbook.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request the rules refuse: a value, not an exception. {@code extras} become extra members of
 * the problem document (e.g. {@code conflictScope}, {@code currentVersion}, {@code errors}).
 */
public record Rejection(ProblemCode code, String detail, Map<String, Object> extras) {

    public Rejection {
        // Kept in insertion order: the problem document lists its extras as the rule added them.
        extras = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    public static Rejection of(ProblemCode code, String detail) {
        return new Rejection(code, detail, Map.of());
    }

    public Rejection with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extras);
        more.put(name, value);
        return new Rejection(code, detail, more);
    }

    /** 422 VALIDATION_FAILED with one entry per offending field. */
    public static Rejection validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new Rejection(ProblemCode.VALIDATION_FAILED, detail, Map.of("errors", List.copyOf(errors)));
    }

    public record FieldError(String field, String message) {}
}
