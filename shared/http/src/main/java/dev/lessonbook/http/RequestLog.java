package dev.lessonbook.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lessonbook.problem.ProblemCode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one structured log line of a request. It holds what an operator needs to find and judge a
 * request — method, path, route, status, code, duration, correlation id — and never headers, the
 * body or claims, so no token or card data can reach the logs.
 */
final class RequestLog {
    private final Map<String, Object> line = new LinkedHashMap<>();
    private final String correlationId;
    private boolean bug;

    RequestLog(ApiRequest request, String correlationId) {
        this.correlationId = correlationId;
        line.put("level", "INFO");
        line.put("message", "request");
        line.put("method", request.method());
        line.put("path", request.path());
        line.put("route", request.routeKey());
        line.put("correlationId", correlationId);
    }

    String correlationId() {
        return correlationId;
    }

    void status(int status) {
        line.put("status", status);
        if (status >= 500) {
            line.put("level", bug ? "ERROR" : "WARN");
        }
    }

    void problem(ProblemCode code, List<String> unrenderedExtras) {
        line.put("code", code.name());
        if (!unrenderedExtras.isEmpty()) {
            line.put("level", "WARN");
            line.put("unrenderedExtras", String.join(",", unrenderedExtras));
        }
    }

    /** A busy dependency is expected weather (type and message); anything else is a bug (stack too). */
    void failure(Throwable unexpected, boolean dependencyBusy) {
        bug = !dependencyBusy;
        Map<String, Object> error = new LinkedHashMap<>();
        line.put("error", error);
        error.put("type", unexpected.getClass().getName());
        error.put("message", String.valueOf(unexpected.getMessage()));
        if (bug) {
            error.put("stackTrace", Route.stackTrace(unexpected));
        }
    }

    String finish(Duration elapsed) {
        line.put("ms", Math.round(elapsed.toNanos() / 1_000.0) / 1_000.0);
        try {
            return Route.JSON.writeValueAsString(line);
        } catch (JsonProcessingException impossible) {
            // strings, numbers and a map of strings: nothing here the mapper cannot write
            throw new UncheckedIOException("Writing the request log line failed", impossible);
        }
    }
}
