package dev.lessonbook.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lessonbook.json.JsonMappers;
import java.io.UncheckedIOException;

/** A response document as JSON text: a record as the shared mapper writes it, a body as the route does. */
public final class Written {
    private Written() {}

    /** The record as the shared mapper writes it. */
    public static String json(Object document) {
        try {
            return JsonMappers.standard().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of a document response as the route writes it. */
    public static String body(ApiResponse.Document response) {
        try {
            return Route.JSON.writeValueAsString(response.body());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
