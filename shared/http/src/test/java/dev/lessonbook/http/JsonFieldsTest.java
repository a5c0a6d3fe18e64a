package dev.lessonbook.http;

import static dev.lessonbook.http.Outcomes.fieldErrors;
import static dev.lessonbook.http.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lessonbook.json.JsonMappers;
import dev.lessonbook.problem.Rejection.FieldError;
import dev.lessonbook.problem.Result;
import dev.lessonbook.profile.LocationType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonFieldsTest {

    /** The members of {@code json}, read as a request body is. */
    private static JsonFields fields(String json) {
        return JsonFields.root(value(JsonBody.required(TestEvents.request("POST", "/x").body(json).build())));
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        JsonFields fields = fields("{\"date\":\"2026-02-30\",\"start\":\"9:00\",\"durationMinutes\":\"60\",\"colour\":\"red\"}");
        fields.requiredDate("date");
        fields.requiredTime("start");
        fields.requiredInt("durationMinutes");
        fields.requiredId("serviceId");

        assertThat(fieldErrors(fields.finish(() -> "never"))).containsExactly(
                new FieldError("date", "2026-02-30 is not a day of the calendar"),
                new FieldError("start", WireFormats.TIME_RULE),
                new FieldError("durationMinutes", "must be a whole number"),
                new FieldError("serviceId", "is required"),
                new FieldError("colour", "is not a known field; expected one of: date, start, durationMinutes, serviceId"));
    }

    @Test
    void aListOfTextsNamesEachBadItemByItsIndex() {
        JsonFields fields = fields("{\"events\":[\"BookingConfirmed\",42,\"\",\"\\u0007\",\"x\"]}");
        List<String> events = fields.requiredTexts("events", 5, 20);

        assertThat(events).containsExactly("BookingConfirmed", "x");
        assertThat(fieldErrors(fields.finish(() -> "never"))).extracting(FieldError::field)
                .containsExactly("events[1]", "events[2]", "events[3]");
        JsonFields tooMany = fields("{\"events\":[\"a\",\"b\",\"c\"]}");
        tooMany.requiredTexts("events", 2, 20);
        assertThat(fieldErrors(tooMany.finish(() -> "never"))).containsExactly(
                new FieldError("events", "must have at most 2 items, got 3"));
        JsonFields tooLong = fields("{\"events\":[\"abcdef\"]}");
        tooLong.requiredTexts("events", 2, 5);
        assertThat(fieldErrors(tooLong.finish(() -> "never"))).containsExactly(
                new FieldError("events[0]", "must be at most 5 characters"));
    }

    @Test
    void valueIsBuiltOnlyWithoutErrors() {
        JsonFields fields = fields("{\"start\":\"24:00\"}");
        Integer start = fields.requiredTime("start");

        assertThat(value(fields.finish(() -> start))).isEqualTo(1440);
    }

    @Test
    void explicitNullIsAbsent() {
        JsonFields fields = fields("{\"note\":null,\"date\":null}");
        assertThat(fields.optionalText("note", 10)).isEmpty();
        fields.requiredDate("date");

        assertThat(fieldErrors(fields.finish(() -> ""))).containsExactly(new FieldError("date", "is required"));
    }

    @Test
    void wrongTypesSayWhatIsExpected() {
        JsonFields fields = fields("{\"a\":1,\"b\":\"x\",\"c\":\"true\",\"d\":[],\"e\":{},\"f\":60.5,\"g\":1e2,\"h\":99999999999}");
        fields.requiredText("a", 10);
        fields.requiredObject("b");
        fields.optionalBoolean("c", true);
        fields.requiredObject("d");
        fields.requiredObjects("e", 5);
        fields.requiredInt("f");
        fields.requiredInt("g");
        fields.requiredInt("h");

        assertThat(fieldErrors(fields.finish(() -> ""))).extracting(FieldError::message).containsExactly(
                "must be a string", "must be an object", "must be true or false", "must be an object",
                "must be an array", "must be a whole number", "must be a whole number", "must be a whole number");
    }

    @Test
    void anUnknownFieldWithAnEmptyNameIsNamedAsJsonWritesIt() {
        JsonFields fields = fields("{\"\":1,\"windows\":[{\"\":2}]}");
        fields.requiredObjects("windows", 10);

        assertThat(fieldErrors(fields.finish(() -> ""))).extracting(FieldError::field)
                .containsExactlyInAnyOrder("\"\"", "windows[0].\"\"");
    }

    @Test
    void nestedFieldsAreNamedByTheirPath() {
        JsonFields fields = fields("{\"windows\":[{\"date\":\"x\"},7,{\"date\":\"2026-12-07\",\"extra\":1}]}");
        for (JsonFields window : fields.requiredObjects("windows", 10)) {
            window.requiredDate("date");
        }

        assertThat(fieldErrors(fields.finish(() -> ""))).containsExactlyInAnyOrder(
                new FieldError("windows[0].date", WireFormats.DATE_RULE),
                new FieldError("windows[1]", "must be an object"),
                new FieldError("windows[2].extra", "is not a known field; expected one of: date"));
    }

    @Test
    void tooManyItemsIsOneError() {
        JsonFields fields = fields("{\"xs\":[{},{},{}]}");
        assertThat(fields.requiredObjects("xs", 2)).isEmpty();

        assertThat(fieldErrors(fields.finish(() -> ""))).containsExactly(new FieldError("xs", "must have at most 2 items, got 3"));
    }

    @Test
    void lengthCountsCharactersNotBytes() {
        JsonFields fields = fields("{\"note\":\"" + "😀".repeat(10) + "\",\"reason\":\"" + "a".repeat(11) + "\"}");
        assertThat(fields.optionalText("note", 10)).hasValueSatisfying(note -> assertThat(note).hasSize(20));
        fields.optionalText("reason", 10);

        assertThat(fieldErrors(fields.finish(() -> ""))).containsExactly(new FieldError("reason", "must be at most 10 characters"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\\ud800", "x\\udbff", "\\udc00x", "a\\udfffb", "\\ude00\\ud83d"})
    void textWithALoneSurrogateIsNotUnicodeAndNamesTheField(String escaped) {
        JsonFields fields = fields("{\"note\":\"" + escaped + "\",\"services\":[{\"name\":\"" + escaped + "\"}]}");
        assertThat(fields.optionalText("note", 1000)).isEmpty();
        fields.requiredObjects("services", 5).forEach(service -> service.requiredText("name", 200));

        assertThat(fieldErrors(fields.finish(() -> ""))).extracting(FieldError::field, error -> error.message().startsWith(
                "must be valid Unicode text: a lone UTF-16 surrogate")).containsExactly(
                tuple("note", true), tuple("services[0].name", true));
    }

    @Test
    void aSurrogatePairIsOneCharacterAndWelcome() {
        JsonFields fields = fields("{\"note\":\"\\ud83d\\ude00 and 😀\"}");
        assertThat(fields.optionalText("note", 7)).contains("😀 and 😀");

        value(fields.finish(() -> ""));
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"0000", "0001", "0008", "000B", "000C", "000D", "001B", "001F", "007F", "0080", "0085", "009F"})
    void controlCharactersOtherThanNewlineAndTabAreRefused(String hex) {
        JsonFields fields = fields("{\"reason\":\"late\\u" + hex + "\"}");
        assertThat(fields.optionalText("reason", 500)).isEmpty();

        assertThat(fieldErrors(fields.finish(() -> ""))).containsExactly(new FieldError("reason",
                "must not contain control characters other than newline and tab; found U+" + hex + " at character 5"));
    }

    @Test
    void newlineTabAndEveryOtherCharacterAreText() throws JsonProcessingException {
        String text = "Line one\n\tindented, «quotes», \u200b zero width, \u202e bidi, \ufeff, \ufffd, end";
        JsonFields fields = fields("{\"note\":" + JsonMappers.standard().writeValueAsString(text) + "}");
        assertThat(fields.optionalText("note", 1000)).contains(text);

        value(fields.finish(() -> ""));
    }

    @Test
    void everyStringMemberGetsTheTextRuleIdsAndDatesToo() {
        JsonFields fields = fields("{\"instructorId\":\"ins\\u0000\",\"timezone\":\"Europe/Berlin\\ud800\","
                + "\"date\":\"2026-12-07\\u0001\",\"locationType\":\"online\\u007f\"}");
        fields.requiredId("instructorId");
        fields.requiredText("timezone", 64);
        fields.requiredDate("date");
        fields.requiredChoice("locationType", LocationType::fromWireName, List.of("online"));

        assertThat(Outcomes.fields(fields.finish(() -> ""))).containsExactly("instructorId", "timezone", "date", "locationType");
    }

    @Test
    void idsMustHaveTheIdShape() {
        JsonFields fields = fields("{\"a\":\"ok_id-1\",\"b\":\"no spaces\",\"c\":\"\",\"d\":\"" + "x".repeat(65) + "\"}");
        assertThat(fields.requiredId("a")).isEqualTo("ok_id-1");
        fields.requiredId("b");
        fields.requiredId("c");
        fields.optionalId("d");

        assertThat(Outcomes.fields(fields.finish(() -> ""))).containsExactly("b", "c", "d");
        JsonFields slash = fields("{\"b\":\"a/b\"}");
        slash.requiredId("b");
        assertThat(fieldErrors(slash.finish(() -> ""))).extracting(FieldError::message).containsExactly(Ids.RULE);
    }

    @Test
    void choiceListsTheAllowedValues() {
        JsonFields fields = fields("{\"locationType\":\"ONLINE\"}");
        fields.requiredChoice("locationType", LocationType::fromWireName, List.of("online", "instructor_location", "student_location"));

        assertThat(fieldErrors(fields.finish(() -> ""))).containsExactly(
                new FieldError("locationType", "must be one of: online, instructor_location, student_location"));
    }

    @Test
    void objectWithNoKnownMembersSaysSo() {
        JsonFields fields = fields("{\"x\":1}");

        assertThat(fieldErrors(fields.finish(() -> ""))).containsExactly(new FieldError("x", "is not a known field"));
    }

    @Test
    void nonNegativeWholeNumbers() {
        JsonFields fields = fields("{\"a\":6000,\"b\":-1,\"c\":1.5}");
        assertThat(fields.optionalLong("a", 0)).contains(6000L);
        fields.optionalLong("b", 0);
        fields.optionalLong("c", 0);

        assertThat(Outcomes.fields(fields.finish(() -> ""))).containsExactly("b", "c");
    }

    @Test
    void aWholeNumberIsOneWrittenWithoutFractionOrExponentWithinTheIntRange() {
        JsonFields fields = fields("{\"a\":2147483647,\"b\":-2147483648,\"c\":-0,\"d\":60.0,\"e\":6e1,"
                + "\"f\":2147483648,\"g\":-2147483649,\"h\":123456789012345678901234567890,\"i\":1e2147483649}");
        assertThat(List.of(fields.requiredInt("a"), fields.requiredInt("b"), fields.requiredInt("c")))
                .containsExactly(Integer.MAX_VALUE, Integer.MIN_VALUE, 0);
        for (String name : List.of("d", "e", "f", "g", "h", "i")) {
            fields.requiredInt(name);
        }

        assertThat(fieldErrors(fields.finish(() -> ""))).extracting(FieldError::field).containsExactly("d", "e", "f", "g", "h", "i");
    }

    @Test
    void aLongIsAWholeNumberWithinTheLongRange() {
        JsonFields fields = fields("{\"a\":9223372036854775807,\"b\":9223372036854775808,\"c\":6000.0,\"d\":6e3}");
        assertThat(fields.optionalLong("a", 0)).contains(Long.MAX_VALUE);
        fields.optionalLong("b", 0);
        fields.optionalLong("c", 0);
        fields.optionalLong("d", 0);

        assertThat(Outcomes.fields(fields.finish(() -> ""))).containsExactly("b", "c", "d");
    }

    @Test
    void errorsFromOutsideTheBodyJoinTheSameAnswer() {
        FieldErrors errors = new FieldErrors();
        errors.add("Idempotency-Key", "must be 1-255 visible ASCII characters");
        JsonFields fields = JsonFields.root(JsonNodeFactory.instance.objectNode(), errors);
        fields.requiredId("instructorId");

        Result<String> result = fields.finish(() -> "");
        assertThat(Outcomes.fields(result)).containsExactly("Idempotency-Key", "instructorId");
        assertThat(Outcomes.rejection(result).detail()).isEqualTo("2 fields are invalid");
    }
}
