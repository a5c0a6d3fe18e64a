package dev.lessonbook.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lessonbook.json.JsonMappers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An incident is one JSON line that CloudWatch reads as a count of its metric (Embedded Metric Format). */
class IncidentsTest {
    private final List<String> lines = new ArrayList<>();

    @BeforeEach
    void capture() {
        Incidents.writeTo(lines::add);
    }

    @AfterEach
    void release() {
        Incidents.writeTo(System.out::println);
    }

    private JsonNode onlyLine() throws IOException {
        assertThat(lines).hasSize(1);
        return JsonMappers.standard().readTree(lines.get(0));
    }

    @Test
    void anIncidentCountsItsMetricOnceInTheLessonbookNamespace() throws IOException {
        Incidents.record("EventPublishFailed", "event left in the outbox", Map.of("eventId", "ev-1"), null);

        JsonNode line = onlyLine();
        JsonNode metrics = line.path("_aws").path("CloudWatchMetrics").path(0);
        assertThat(metrics.path("Namespace").asText()).isEqualTo("Lessonbook");
        assertThat(metrics.path("Dimensions")).hasToString("[[]]");
        assertThat(metrics.path("Metrics")).hasToString("[{\"Name\":\"EventPublishFailed\",\"Unit\":\"Count\"}]");
        assertThat(line.path("_aws").path("Timestamp").isIntegralNumber()).isTrue();
        assertThat(line.path("EventPublishFailed").asInt()).isEqualTo(1);
        assertThat(line.path("level").asText()).isEqualTo("WARN");
        assertThat(line.path("message").asText()).isEqualTo("event left in the outbox");
        assertThat(line.path("eventId").asText()).isEqualTo("ev-1");
        assertThat(line.has("error")).isFalse();
    }

    @Test
    void theCauseIsNamedWithoutItsStackAndAnyTextStaysOneJsonLine() throws IOException {
        String awkward = "quote \" backslash \\ newline \n tab \t control \u0001 end";
        Incidents.record("ViewCacheUnavailable", awkward, Map.of("view", awkward), new IllegalStateException(awkward));

        JsonNode line = onlyLine();
        assertThat(lines.get(0)).doesNotContain("\n");
        assertThat(line.path("message").asText()).isEqualTo(awkward);
        assertThat(line.path("view").asText()).isEqualTo(awkward);
        assertThat(line.path("error").path("type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(line.path("error").path("message").asText()).isEqualTo(awkward);
        assertThat(line.path("error").has("stackTrace")).isFalse();
    }
}
