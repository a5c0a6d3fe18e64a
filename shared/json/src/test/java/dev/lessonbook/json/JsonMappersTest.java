package dev.lessonbook.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class JsonMappersTest {
    private final ObjectMapper mapper = JsonMappers.standard();

    record Lesson(String id, Instant startsAt, LocalDate date, ZoneId timezone, long price) {}

    @Test
    void recordsRoundTripWithIsoTimes() throws Exception {
        Lesson lesson = new Lesson("bk_1", Instant.parse("2026-12-07T08:00:00Z"), LocalDate.parse("2026-12-07"),
                ZoneId.of("Europe/Berlin"), 6000);
        String json = mapper.writeValueAsString(lesson);
        assertThat(json).isEqualTo("{\"id\":\"bk_1\",\"startsAt\":\"2026-12-07T08:00:00Z\",\"date\":\"2026-12-07\","
                + "\"timezone\":\"Europe/Berlin\",\"price\":6000}");
        assertThat(mapper.readValue(json, Lesson.class)).isEqualTo(lesson);
    }

    @Test
    void unknownMembersOfOurOwnDocumentsAreIgnored() throws Exception {
        assertThat(mapper.readValue("{\"id\":\"bk_1\",\"price\":1,\"addedLater\":true}", Lesson.class).id())
                .isEqualTo("bk_1");
    }

    @Test
    void duplicateKeysAndTrailingContentAreRefused() {
        assertThatThrownBy(() -> mapper.readTree("{\"a\":1,\"a\":2}")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> mapper.readTree("{\"a\":1} {}")).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void aFractionStaysAFractionInTheTree() throws Exception {
        JsonNode tree = mapper.readTree("{\"whole\":60,\"fraction\":60.0}");
        assertThat(tree.get("whole").isIntegralNumber()).isTrue();
        assertThat(tree.get("fraction").isIntegralNumber()).isFalse();
        assertThat(tree.get("fraction").decimalValue().toPlainString()).isEqualTo("60.0");
    }
}
