package dev.lessonbook.local.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lessonbook.http.ProblemJson;
import dev.lessonbook.json.JsonMappers;
import dev.lessonbook.problem.ProblemCode;
import java.io.UncheckedIOException;

/** The runtime's own answers in the API's error format (docs/spec.md §3), for requests no function handles. */
public final class Problems {
    public static final String MEDIA_TYPE = ProblemJson.MEDIA_TYPE;
    private static final ObjectMapper JSON = JsonMappers.standard();

    private Problems() {}

    public static byte[] document(ProblemCode code, String detail, String instance) {
        ObjectNode problem = JSON.createObjectNode();
        problem.put("type", ProblemJson.type(code));
        problem.put("title", code.title());
        problem.put("status", code.status());
        problem.put("detail", detail);
        problem.put("code", code.name());
        problem.put("instance", instance);
        try {
            return JSON.writeValueAsBytes(problem);
        } catch (JsonProcessingException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }
}
