package dev.lessonbook.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    @SuppressWarnings("unchecked")
    void readsEveryJsonTypeAsPlainJavaValuesInDocumentOrder() throws Exception {
        Object value = Json.reader().read(
                "{\"z\":\"text\",\"a\":[1,-2.50,true,false,null],\"big\":123456789012345678901234567890,\"o\":{}}");

        assertThat(value).isInstanceOf(Map.class);
        Map<String, Object> object = (Map<String, Object>) value;
        assertThat(object.keySet()).containsExactly("z", "a", "big", "o");
        assertThat(object.get("z")).isEqualTo("text");
        assertThat((List<Object>) object.get("a")).containsExactly(1L, new BigDecimal("-2.50"), true, false, null);
        assertThat(object.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(object.get("o")).isEqualTo(Map.of());
    }

    @Test
    void readsANumberPastBigDecimalsExponentAsTheDoubleItRoundsTo() throws Exception {
        assertThat(Json.reader().read("[1e2147483649,-1e99999999999,1e-2147483649,1e2147483647]")).isEqualTo(List.of(
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, new BigDecimal("1e2147483647")));
    }

    @Test
    void refusesDuplicateKeysTrailingContentAndEmptyInput() {
        assertThatThrownBy(() -> Json.reader().read("{\"a\":1,\"a\":2}")).isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> Json.reader().read("{} {}")).isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> Json.reader().read("   ")).isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> Json.reader().read("{\"a\":")).isInstanceOf(JsonParseException.class);
    }

    @Test
    void anErrorAfterTheValueIsNotBlamedOnItsLastToken() {
        assertThatThrownBy(() -> Json.reader().read("{\"a\":1} 1e".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonParseException.class)
                .hasMessageStartingWith("Unexpected end-of-input in null");
    }

    @Test
    void enforcesTheReadersLimits() {
        Json strict = Json.reader(2, 5, 3);

        assertThatThrownBy(() -> strict.read("[[[1]]]")).isInstanceOf(StreamConstraintsException.class);
        assertThatThrownBy(() -> strict.read("\"123456\"")).isInstanceOf(StreamConstraintsException.class);
        assertThatThrownBy(() -> strict.read("12345")).isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void writesCompactJsonThatReadsBackEqual() throws Exception {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("s", "quote \" and é");
        object.put("n", 42);
        object.put("d", new BigDecimal("0.10"));
        object.put("list", Arrays.asList(true, null, 7L));
        object.put("nested", Map.of("k", "v"));

        String text = Json.write(object);

        assertThat(text).isEqualTo(
                "{\"s\":\"quote \\\" and é\",\"n\":42,\"d\":0.10,\"list\":[true,null,7],\"nested\":{\"k\":\"v\"}}");
        assertThat(Json.reader().read(text.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Json.reader().read(Json.write(Json.reader().read(text))));
    }

    @Test
    void anObjectReadsAsAMapAndNothingElseDoes() throws Exception {
        assertThat(Json.asObject(Json.reader().read("{\"a\":[1]}"))).hasValue(Map.of("a", List.of(1L)));
        for (String other : List.of("[]", "\"{}\"", "1", "true", "null")) {
            assertThat(Json.asObject(Json.reader().read(other))).as(other).isEmpty();
        }
    }

    @Test
    void readsAWholeStreamAsOneObjectOrSaysWhatWasExpected() throws Exception {
        assertThat(Json.reader().readObject(new java.io.ByteArrayInputStream("{\"a\":1}".getBytes(StandardCharsets.UTF_8)), "The event"))
                .isEqualTo(Map.of("a", 1L));
        assertThatThrownBy(() -> Json.reader().readObject(new java.io.ByteArrayInputStream("[1]".getBytes(StandardCharsets.UTF_8)), "The event"))
                .isInstanceOf(java.io.IOException.class).hasMessage("The event is not a JSON object");
    }

    @Test
    void refusesValuesWithNoJsonForm() {
        assertThatThrownBy(() -> Json.write(Map.of("when", new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
    }
}
