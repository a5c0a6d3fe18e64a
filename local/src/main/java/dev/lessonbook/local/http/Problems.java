package dev.lessonbook.local.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lessonbook.problem.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The runtime's own answers in the API's error format (docs/spec.md §3), for requests no function handles. */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {}

    public static byte[] document(ProblemCode code, String detail, String instance) {
        ObjectNode problem = JSON.createObjectNode();
        problem.put("type", "https://lessonbook.dev/problems/" + code.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        problem.put("title", code.title());
        problem.put("status", code.status());
        problem.put("detail", detail);
        problem.put("code", code.name());
        problem.put("instance", instance);
        return problem.toString().getBytes(StandardCharsets.UTF_8);
    }
}
