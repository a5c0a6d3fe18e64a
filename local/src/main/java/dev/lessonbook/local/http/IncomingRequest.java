package dev.lessonbook.local.http;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as it arrived, independent of the server that received it: header names
 * lower-cased, each with its values in arrival order; path and query still percent-encoded.
 */
public record IncomingRequest(
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> headers,
        byte[] body,
        String sourceIp,
        String protocol) {

    public String header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
