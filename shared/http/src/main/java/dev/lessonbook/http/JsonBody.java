package dev.lessonbook.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.lessonbook.json.Json;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Rejection.FieldError;
import dev.lessonbook.problem.Result;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request body read as one JSON object, checked in the order that costs least first:
 * size (413), media type (415), JSON syntax (400), then the shape (422, by the readers).
 */
public final class JsonBody {
    /** Deeper than any of our payloads (the profile is 5 levels) yet far from stack trouble. */
    static final int MAX_NESTING_DEPTH = 32;
    /** Longer than any string we accept; the body limit bounds it anyway. */
    static final int MAX_STRING_LENGTH = 64 * 1024;
    static final int MAX_NUMBER_LENGTH = 100;

    // {"a":1,"a":2} is ambiguous: which one did the client mean? The reader refuses it.
    private static final Json READER = Json.reader(MAX_NESTING_DEPTH, MAX_STRING_LENGTH, MAX_NUMBER_LENGTH);

    private JsonBody() {}

    /** A body that must be present: an empty one is not JSON → 400 MALFORMED_JSON. */
    public static Result<Map<String, Object>> required(ApiRequest request) {
        if (!request.hasBody()) {
            return Result.rejected(ProblemCode.MALFORMED_JSON, "Request body is empty; a JSON object is expected");
        }
        return parse(request);
    }

    /** A body that may be left out (cancel's reason): absent reads as {@code {}}. */
    public static Result<Map<String, Object>> optional(ApiRequest request) {
        return request.hasBody() ? parse(request) : Result.ok(Map.of());
    }

    private static Result<Map<String, Object>> parse(ApiRequest request) {
        Result<byte[]> body = request.body();
        if (body instanceof Result.Rejected<byte[]> rejected) {
            return Result.rejected(rejected.rejection());
        }
        Optional<String> mediaTypeProblem = mediaTypeProblem(request.header("Content-Type"));
        if (mediaTypeProblem.isPresent()) {
            return Result.rejected(ProblemCode.UNSUPPORTED_MEDIA_TYPE, mediaTypeProblem.get());
        }
        Object json;
        try {
            json = READER.read(((Result.Ok<byte[]>) body).value());
        } catch (StreamConstraintsException tooDeep) {
            return Result.rejected(ProblemCode.MALFORMED_JSON, "Request body is not acceptable JSON: "
                    + "it nests deeper than " + MAX_NESTING_DEPTH + " levels or holds an over-long value");
        } catch (JsonProcessingException syntax) {
            return Result.rejected(ProblemCode.MALFORMED_JSON, "Request body is not valid JSON: " + describe(syntax));
        } catch (IOException unreadable) {
            return Result.rejected(ProblemCode.MALFORMED_JSON, "Request body is not valid JSON");
        }
        Optional<Map<String, Object>> object = Json.asObject(json);
        if (object.isPresent()) {
            return Result.ok(object.get());
        }
        return Result.rejected(Rejection.validation(List.of(new FieldError("body", "must be a JSON object"))));
    }

    /**
     * JSON, and only JSON: {@code application/json}, with an optional {@code charset=utf-8}
     * (JSON is UTF-8, RFC 8259). A missing Content-Type is read as JSON: the body must parse
     * anyway, and refusing it would only punish minimal clients.
     */
    static Optional<String> mediaTypeProblem(Optional<String> contentType) {
        if (contentType.isEmpty() || contentType.get().isBlank()) {
            return Optional.empty();
        }
        String[] parts = contentType.get().split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json")) {
            return Optional.of("Content-Type must be application/json, got " + printable(parts[0].trim()));
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")
                    && !parameter.equals("charset=\"utf-8\"")) {
                return Optional.of("Content-Type charset must be utf-8");
            }
        }
        return Optional.empty();
    }

    /** Jackson's own words minus its internals: what is wrong, and where. */
    private static String describe(JsonProcessingException e) {
        String message = Optional.ofNullable(e.getOriginalMessage()).orElse("unreadable");
        int cut = message.indexOf('\n');
        if (cut >= 0) {
            message = message.substring(0, cut);
        }
        if (message.contains("jackson") || message.contains("`")) {
            message = "unexpected content"; // never show the parser's internals
        }
        if (message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            message += " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        return message;
    }

    private static String printable(String text) {
        String shortened = text.length() > 100 ? text.substring(0, 100) + "…" : text;
        return shortened.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
