package dev.lessonbook.http;

import static dev.lessonbook.http.Outcomes.fieldErrors;
import static dev.lessonbook.http.Outcomes.rejected;
import static dev.lessonbook.http.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lessonbook.problem.ProblemCode;
import dev.lessonbook.problem.Rejection;
import dev.lessonbook.problem.Rejection.FieldError;
import dev.lessonbook.problem.Result;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyTest {

    private static Result<ObjectNode> required(String contentType, String body) {
        TestEvents.Builder request = TestEvents.request("POST", "/v1/bookings").body(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return JsonBody.required(request.build());
    }

    @Test
    void jsonObjectIsRead() {
        ObjectNode json = value(required("application/json", "{\"a\":1,\"b\":[true,null]}"));

        assertThat(json).hasToString("{\"a\":1,\"b\":[true,null]}");
        assertThat(json.get("a").isIntegralNumber()).isTrue();
        assertThat(json.get("b").get(1).isNull()).isTrue();
    }

    @Test
    void aNumberWrittenWithAFractionStaysAFraction() {
        ObjectNode json = value(required("application/json", "{\"a\":60.0,\"b\":6e1,\"c\":60}"));

        assertThat(json.get("a").isIntegralNumber()).isFalse();
        assertThat(json.get("b").isIntegralNumber()).isFalse();
        assertThat(json.get("c").isIntegralNumber()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=utf-8", "Application/JSON;charset=UTF-8", "application/json;charset=\"utf-8\""})
    void jsonWithUtf8CharsetIsAccepted(String contentType) {
        value(required(contentType, "{}"));
    }

    @Test
    void missingContentTypeIsReadAsJson() {
        value(required(null, "{}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/merge-patch+json", "application/jsonx"})
    void otherMediaTypesAreUnsupported(String contentType) {
        Rejection rejection = rejected(required(contentType, "{}"), ProblemCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(rejection.detail()).startsWith("Content-Type must be application/json");
    }

    @Test
    void nonUtf8CharsetIsUnsupported() {
        rejected(required("application/json; charset=iso-8859-1", "{}"), ProblemCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void oversizedBodyIsTooLargeBeforeItsMediaTypeOrSyntaxIsLookedAt() {
        rejected(required("text/plain", "x".repeat(Limits.MAX_BODY_BYTES + 1)), ProblemCode.PAYLOAD_TOO_LARGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":}", "not json", "{'a':1}", "{\"a\":1,}", "{} {}", "{\"a\":1}x", "   "})
    void textThatIsNotOneJsonValueIsMalformed(String body) {
        rejected(required("application/json", body), ProblemCode.MALFORMED_JSON);
    }

    @Test
    void duplicateKeysAreMalformed() {
        Rejection rejection = rejected(required("application/json", "{\"date\":\"2026-12-07\",\"date\":\"2026-12-08\"}"),
                ProblemCode.MALFORMED_JSON);

        assertThat(rejection.detail()).contains("Duplicate field 'date'").contains("line 1");
    }

    @Test
    void duplicateKeysInNestedObjectsAreMalformed() {
        rejected(required("application/json", "{\"windows\":[{\"start\":\"09:00\",\"start\":\"10:00\"}]}"),
                ProblemCode.MALFORMED_JSON);
    }

    @Test
    void nestingDeeperThanTheLimitIsMalformed() {
        int depth = JsonBody.MAX_NESTING_DEPTH + 1;
        Rejection rejection = rejected(required("application/json", "[".repeat(depth) + "]".repeat(depth)),
                ProblemCode.MALFORMED_JSON);

        assertThat(rejection.detail()).contains("nests deeper than 32 levels");
    }

    @Test
    void deeplyNestedBodyWithinTheSizeLimitStillFailsFastAsMalformed() {
        int depth = 10_000; // 60,000 bytes: under the size limit
        rejected(required("application/json", "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)), ProblemCode.MALFORMED_JSON);
    }

    @Test
    void nestingUpToTheLimitIsFine() {
        int depth = JsonBody.MAX_NESTING_DEPTH - 1;
        value(required("application/json", "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}"));
    }

    @Test
    void aNumberPastBigDecimalsRangeIsStillJsonAndLeftToTheFieldReaders() {
        JsonNode number = value(required("application/json", "{\"durationMinutes\":1e2147483649}")).get("durationMinutes");

        assertThat(number.isNumber()).isTrue();
        assertThat(number.doubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void numbersLongerThanTheLimitAreMalformed() {
        rejected(required("application/json", "{\"a\":" + "1".repeat(JsonBody.MAX_NUMBER_LENGTH + 1) + "}"),
                ProblemCode.MALFORMED_JSON);
        value(required("application/json", "{\"a\":" + "1".repeat(JsonBody.MAX_NUMBER_LENGTH) + "}"));
    }

    @Test
    void invalidUtf8IsMalformed() {
        String encoded = Base64.getEncoder().encodeToString(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'});
        rejected(JsonBody.required(TestEvents.request("POST", "/x").base64Body(encoded).build()), ProblemCode.MALFORMED_JSON);
    }

    @Test
    void aLoneSurrogateInAMemberNameIsMalformed() {
        // Values are the field readers' to judge (JsonFields' text rule); names never reach them.
        rejected(required("application/json", "{\"no\\ud800te\":1}"), ProblemCode.MALFORMED_JSON);
        rejected(required("application/json", "{\"note\\udc00\":1}"), ProblemCode.MALFORMED_JSON);
    }

    private static Result<ObjectNode> requiredBytes(byte[] body) {
        return JsonBody.required(TestEvents.request("POST", "/v1/bookings").header("Content-Type", "application/json")
                .base64Body(Base64.getEncoder().encodeToString(body)).build());
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"})
    void jsonInAnotherUnicodeEncodingIsMalformedWithOrWithoutItsByteOrderMark(String encoding) {
        Charset charset = Charset.forName(encoding);
        byte[] withoutBom = "{\"note\":\"é\"}".getBytes(charset);
        byte[] withBom = concat("\ufeff".getBytes(charset), withoutBom);

        for (byte[] body : List.of(withoutBom, withBom)) {
            assertThat(rejected(requiredBytes(body), ProblemCode.MALFORMED_JSON).detail()).startsWith("Request body must be UTF-8");
        }
    }

    @Test
    void utf16TextThatArrivedAsAStringIsMalformedToo() {
        // ASCII in UTF-16 is valid UTF-8 (with NULs), so a gateway may pass it on as text.
        String asText = new String("{\"a\":1}".getBytes(StandardCharsets.UTF_16LE), StandardCharsets.UTF_8);

        rejected(required("application/json", asText), ProblemCode.MALFORMED_JSON);
    }

    @Test
    void aUtf8ByteOrderMarkIsIgnoredAsRfc8259Allows() {
        byte[] body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(value(requiredBytes(body))).hasToString("{\"a\":\"é\"}");
        assertThat(value(required("application/json", "\ufeff{\"a\":1}"))).hasToString("{\"a\":1}");
    }

    @Test
    void invalidUtf8IsNamedByItsPosition() {
        assertThat(rejected(requiredBytes(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '(', '"', '}'}),
                ProblemCode.MALFORMED_JSON).detail()).isEqualTo("Request body must be UTF-8: byte 7 is not");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json\u0001", "\u0001application/json", "application/json;\u0000charset=utf-8",
            "application/json\u007f", "application/json\u00a0", "application/json; charset=utf-8\u001f"})
    void aMediaTypeWithControlOrNonAsciiCharactersIsUnsupported(String contentType) {
        assertThat(rejected(required(contentType, "{}"), ProblemCode.UNSUPPORTED_MEDIA_TYPE).detail())
                .contains("visible ASCII");
    }

    @Test
    void spacesAndTabsAroundTheMediaTypeAreFine() {
        value(required(" \tapplication/json ; charset=utf-8\t", "{}"));
    }

    @Test
    void emptyRequiredBodyIsMalformed() {
        assertThat(rejected(required("application/json", ""), ProblemCode.MALFORMED_JSON).detail())
                .isEqualTo("Request body is empty; a JSON object is expected");
        rejected(required("application/json", null), ProblemCode.MALFORMED_JSON);
    }

    @Test
    void emptyOptionalBodyReadsAsEmptyObject() {
        assertThat(value(JsonBody.optional(TestEvents.request("POST", "/x").build()))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"text\"", "42", "null", "true"})
    void jsonThatIsNotAnObjectFailsValidation(String body) {
        assertThat(fieldErrors(required("application/json", body))).containsExactly(new FieldError("body", "must be a JSON object"));
    }

    @Test
    void syntaxErrorsNameNoParserInternals() {
        for (String body : new String[] {"{} []", "{\"a\":tru}", "[1,2", "{\"a\":\"\\x\"}"}) {
            String detail = rejected(required("application/json", body), ProblemCode.MALFORMED_JSON).detail();
            assertThat(detail).doesNotContainIgnoringCase("jackson").doesNotContain("com.").doesNotContain("Exception");
        }
    }
}
