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
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
        Result<String> text = utf8(((Result.Ok<byte[]>) body).value());
        if (text instanceof Result.Rejected<String> notUtf8) {
            return Result.rejected(notUtf8.rejection());
        }
        Object json;
        try {
            json = READER.read(((Result.Ok<String>) text).value());
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
     * The body as text, decoded as UTF-8 and nothing else: JSON on the wire is UTF-8 (RFC 8259
     * §8.1), while Jackson, handed bytes, would guess UTF-16 or UTF-32 from a byte order mark or
     * from zero bytes and read them. Bytes that are not UTF-8 are 400, and so is a NUL, which no
     * JSON text holds but every UTF-16 or UTF-32 one of ASCII does. A UTF-8 byte order mark is
     * ignored, as §8.1 allows a parser to do (it is unambiguous, and some Windows tools write one).
     */
    private static Result<String> utf8(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length); // UTF-8 never decodes to more chars than bytes
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        if (decoder.decode(in, out, true).isError() || decoder.flush(out).isError()) {
            return Result.rejected(ProblemCode.MALFORMED_JSON,
                    "Request body must be UTF-8: byte " + (in.position() + 1) + " is not");
        }
        String text = out.flip().toString();
        if (text.indexOf('\u0000') >= 0) {
            return Result.rejected(ProblemCode.MALFORMED_JSON,
                    "Request body must be UTF-8: it holds NUL bytes, as UTF-16 and UTF-32 text does");
        }
        return Result.ok(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    /**
     * JSON, and only JSON: {@code application/json}, with an optional {@code charset=utf-8}
     * (JSON is UTF-8, RFC 8259). A missing Content-Type is read as JSON: the body must parse
     * anyway, and refusing it would only punish minimal clients. The value is visible ASCII,
     * spaces and tabs (RFC 9110 leaves other bytes no meaning in a media type), so
     * {@code application/json\u0001} is not JSON with a stray byte but no media type we know.
     */
    static Optional<String> mediaTypeProblem(Optional<String> contentType) {
        if (contentType.isEmpty() || contentType.get().isBlank()) {
            return Optional.empty();
        }
        if (!contentType.get().chars().allMatch(c -> c == '\t' || (c >= 0x20 && c <= 0x7E))) {
            return Optional.of("Content-Type must be application/json in visible ASCII, got "
                    + printable(contentType.get().strip()));
        }
        String[] parts = contentType.get().split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json")) {
            return Optional.of("Content-Type must be application/json, got " + printable(parts[0].strip()));
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT).replace(" ", "").replace("\t", "");
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
