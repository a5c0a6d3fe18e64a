package dev.lessonbook.http;

import dev.lessonbook.problem.Rejection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an endpoint answers: a JSON document, or a problem the {@link Route} renders as
 * {@code application/problem+json} (it knows the request path, the problem's {@code instance}).
 * A document's body is anything the shared mapper ({@link dev.lessonbook.json.JsonMappers}) writes:
 * a record, a map, a list; null for no body. A {@link Text} is a body that is not JSON (the
 * calendar feed's {@code text/calendar}), sent as it is.
 */
public sealed interface ApiResponse {

    int status();

    Map<String, String> headers();

    ApiResponse withHeader(String name, String value);

    record Document(int status, Object body, Map<String, String> headers) implements ApiResponse {
        public Document {
            headers = Map.copyOf(headers);
        }

        @Override
        public Document withHeader(String name, String value) {
            return new Document(status, body, plus(headers, name, value));
        }
    }

    record Text(int status, String contentType, String body, Map<String, String> headers) implements ApiResponse {
        public Text {
            headers = Map.copyOf(headers);
        }

        @Override
        public Text withHeader(String name, String value) {
            return new Text(status, contentType, body, plus(headers, name, value));
        }
    }

    record Problem(Rejection rejection, Map<String, String> headers) implements ApiResponse {
        public Problem {
            headers = Map.copyOf(headers);
        }

        @Override
        public int status() {
            return rejection.code().status();
        }

        @Override
        public Problem withHeader(String name, String value) {
            return new Problem(rejection, plus(headers, name, value));
        }
    }

    static Document ok(Object body) {
        return new Document(200, body, Map.of());
    }

    static Document created(Object body, String location) {
        return new Document(201, body, Map.of("Location", location));
    }

    static Document status(int status, Object body) {
        return new Document(status, body, Map.of());
    }

    static Text text(String contentType, String body) {
        return new Text(200, contentType, body, Map.of());
    }

    static Problem problem(Rejection rejection) {
        return new Problem(rejection, Map.of());
    }

    private static Map<String, String> plus(Map<String, String> headers, String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return more;
    }
}
