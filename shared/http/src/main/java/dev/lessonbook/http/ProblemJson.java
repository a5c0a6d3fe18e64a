package dev.lessonbook.http;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lessonbook.json.JsonMappers;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * RFC 9457 problem documents: {@code {type, title, status, detail, code, instance, …extras}}, the
 * extras' members after the standard ones in name order (so the same rejection always reads the
 * same), each extra a record written by the mapper under its components' names.
 */
public final class ProblemJson {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://lessonbook.dev/problems/";

    private static final ObjectMapper MAPPER = JsonMappers.standard();
    private static final TypeReference<LinkedHashMap<String, Object>> MEMBERS = new TypeReference<>() {};
    private static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "code", "instance");

    private ProblemJson() {}

    /** The document: the standard members in this order, then the extras' members (as the mapper wrote them). */
    public record Document(String type, String title, int status, String detail, String code, String instance,
            @JsonAnyGetter Map<String, Object> extras) {}

    /** {@code correlationId}: the reference of a failure, to quote when reporting it; the log line has it too. */
    public record CorrelationId(String correlationId) implements Rejection.Extra {}

    /** {@code https://lessonbook.dev/problems/version-mismatch} for VERSION_MISMATCH. */
    public static String type(ProblemCode code) {
        return TYPE_BASE + code.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Rendered render(Rejection rejection, String instance) {
        ProblemCode code = rejection.code();
        List<String> unrendered = new ArrayList<>();
        Map<String, Object> members = new TreeMap<>();
        for (Rejection.Extra extra : rejection.extras()) {
            Map<String, Object> written;
            try {
                written = MAPPER.convertValue(extra, MEMBERS);
            } catch (IllegalArgumentException bug) {
                // An extra the mapper cannot write: a bug in the code that made it, not in the request.
                unrendered.add(extra.getClass().getSimpleName());
                continue;
            }
            written.forEach((name, value) -> {
                if (STANDARD_MEMBERS.contains(name) || members.containsKey(name)) {
                    unrendered.add(name);
                } else {
                    members.put(name, value);
                }
            });
        }
        return new Rendered(new Document(type(code), code.title(), code.status(), rejection.detail(), code.name(),
                instance, members), unrendered);
    }

    /**
     * The document, and the names of extras left out because the mapper cannot write them (or
     * they would overwrite a member already there) — a bug worth a log line, not a failed answer.
     */
    public record Rendered(Document document, List<String> unrenderedExtras) {}
}
