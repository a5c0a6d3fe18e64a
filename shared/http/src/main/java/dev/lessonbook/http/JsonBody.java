package dev.lessonbook.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lessonbook.json.JsonMappers;
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
import java.util.Optional;

/**
 * A request body read as one JSON object (databind's tree), checked in the order that costs least
 * first: size (413), media type (415), JSON syntax (400), then the shape (422, by the readers,
 * through {@link JsonFields}).
 */
public final class JsonBody {
    /** Deeper than any of our payloads (the profile is 5 levels) yet far from stack trouble. */
    static final int MAX_NESTING_DEPTH = 32;
    /** Longer than any string we accept; the body limit bounds it anyway. */
    static final int MAX_STRING_LENGTH = 64 * 1024;
    static final int MAX_NUMBER_LENGTH = 100;

    /**
     * The shared configuration ({"a":1,"a":2} refused: which one did the client mean?) with the
     * limits above. Fractions are read as doubles: no member of a request takes one, and a number
     * past BigDecimal's exponent range ({@code 1e2147483649}) is then +Infinity — still a number,
     * which the field readers refuse as not whole (422 naming the field) — where BigDecimal would
     * throw. {@code 60.0} stays a fraction either way.
     */
    private static final ObjectMapper MAPPER = JsonMappers.builder(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    /** Trailing content is looked for by {@link #readDocument}, which words it the way clients read it. */
    private static final ObjectReader TREE = MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBody() {}

    /** A body that must be present: an empty one is not JSON → 400 MALFORMED_JSON. */
    public static Result<ObjectNode> required(ApiRequest request) {
        if (!request.hasBody()) {
            return Result.rejected(ProblemCode.MALFORMED_JSON, "Request body is empty; a JSON object is expected");
        }
        return parse(request);
    }

    /** A body that may be left out (cancel's reason): absent reads as {@code {}}. */
    public static Result<ObjectNode> optional(ApiRequest request) {
        return request.hasBody() ? parse(request) : Result.ok(MAPPER.createObjectNode());
    }

    private static Result<ObjectNode> parse(ApiRequest request) {
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
        JsonNode json;
        try (JsonParser parser = MAPPER.createParser(((Result.Ok<String>) text).value())) {
            json = readDocument(parser);
        } catch (StreamConstraintsException tooDeep) {
            return Result.rejected(ProblemCode.MALFORMED_JSON, "Request body is not acceptable JSON: "
                    + "it nests deeper than " + MAX_NESTING_DEPTH + " levels or holds an over-long value");
        } catch (JsonProcessingException syntax) {
            return Result.rejected(ProblemCode.MALFORMED_JSON, "Request body is not valid JSON: " + describe(syntax));
        } catch (IOException unreadable) {
            return Result.rejected(ProblemCode.MALFORMED_JSON, "Request body is not valid JSON");
        }
        if (json instanceof ObjectNode object) {
            return Result.ok(object);
        }
        return Result.rejected(Rejection.validation(List.of(new FieldError("body", "must be a JSON object"))));
    }

    /**
     * Exactly one JSON value: empty input, trailing content, duplicate keys and any limit exceeded
     * fail with Jackson's {@link IOException} subtypes, which name the position.
     */
    private static JsonNode readDocument(JsonParser parser) throws IOException {
        if (parser.nextToken() == null) {
            throw new JsonParseException(parser, "no JSON value");
        }
        JsonNode value = TREE.readTree(parser);
        // What follows the value is read as something new, not as part of its last token: an error
        // there says "Unexpected end-of-input in null", as it always has.
        parser.clearCurrentToken();
        if (parser.nextToken() != null) {
            throw new JsonParseException(parser, "unexpected content after the JSON value");
        }
        return value;
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
