package dev.lessonbook.http;

import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** RFC 9457 problem documents: {@code {type, title, status, detail, code, instance, …extras}}. */
public final class ProblemJson {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://lessonbook.dev/problems/";

    private static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "code", "instance");

    private ProblemJson() {}

    /** {@code https://lessonbook.dev/problems/version-mismatch} for VERSION_MISMATCH. */
    public static String type(ProblemCode code) {
        return TYPE_BASE + code.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Rendered render(Rejection rejection, String instance) {
        ProblemCode code = rejection.code();
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type(code));
        problem.put("title", code.title());
        problem.put("status", code.status());
        problem.put("detail", rejection.detail());
        problem.put("code", code.name());
        problem.put("instance", instance);
        List<String> unrendered = new ArrayList<>();
        // Sorted, so the same rejection always reads the same (extras are an unordered map).
        rejection.extras().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(extra -> {
            if (STANDARD_MEMBERS.contains(extra.getKey())) {
                unrendered.add(extra.getKey());
                return;
            }
            try {
                problem.put(extra.getKey(), JsonValues.render(extra.getValue()));
            } catch (JsonValues.NoJsonForm bug) {
                unrendered.add(extra.getKey());
            }
        });
        return new Rendered(problem, unrendered);
    }

    /**
     * The document, and the names of extras left out because no renderer knows their type (or
     * they would overwrite a standard member) — a bug worth a log line, not a failed answer.
     */
    public record Rendered(Map<String, Object> document, List<String> unrenderedExtras) {}
}
