package dev.lessonbook.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.lessonbook.json.JsonMappers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stream form of a worker reads batches and writes answers as the Lambda runtime's own mapper does. */
class SqsEventJsonTest {
    private static final Path SAMPLES = Path.of(System.getProperty("lessonbook.root", "../.."), "events", "sqs");

    @ParameterizedTest
    @ValueSource(strings = {"invalidation-batch.json", "notification-batch.json", "webhook-batch.json", "webhook-delivery-batch.json"})
    void everySampleBatchReadsAsTheRuntimesMapperReadsIt(String sample) throws IOException {
        SQSEvent ours = SqsEventJson.readEvent(Files.newInputStream(SAMPLES.resolve(sample)));

        assertThat(ours.getRecords()).isNotEmpty();
        assertThat(ours).usingRecursiveComparison().isEqualTo(EventLoader.loadSQSEvent(SAMPLES.resolve(sample).toString()));
    }

    @Test
    void messageAttributesOfEveryKindReadAsTheRuntimesMapperReadsThem() throws IOException {
        String batch = """
                {"Records":[{"messageId":"m1","body":"{}","eventSourceARN":"arn:aws:sqs:us-east-1:1:q","attributes":{"ApproximateReceiveCount":"2"},
                  "messageAttributes":{"s":{"stringValue":"text","dataType":"String"},"b":{"binaryValue":"AAEC","dataType":"Binary"},
                  "l":{"stringListValues":["x","y"],"binaryListValues":["AQ=="],"dataType":"String"}}}]}""";
        Path file = Files.createTempFile("sqs-batch", ".json");
        Files.writeString(file, batch);

        SQSEvent ours = SqsEventJson.readEvent(new ByteArrayInputStream(batch.getBytes(StandardCharsets.UTF_8)));

        assertThat(ours).usingRecursiveComparison().isEqualTo(EventLoader.loadSQSEvent(file.toString()));
        assertThat(ours.getRecords().get(0).getMessageAttributes().get("b").getBinaryValue().array()).containsExactly(0, 1, 2);
    }

    @Test
    void aBatchThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> SqsEventJson.readEvent(new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class);
    }

    @Test
    void partialFailuresAreWrittenAsTheRuntimesMapperWritesThem() throws IOException {
        for (SQSBatchResponse response : List.of(new SQSBatchResponse(List.of()), new SQSBatchResponse(List.of(
                new SQSBatchResponse.BatchItemFailure("m1"), new SQSBatchResponse.BatchItemFailure("m3"))))) {
            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            SqsEventJson.writeResponse(response, ours);
            ByteArrayOutputStream runtimes = new ByteArrayOutputStream();
            LambdaEventSerializers.serializerFor(SQSBatchResponse.class, getClass().getClassLoader()).toJson(response, runtimes);

            assertThat(JsonMappers.standard().readTree(ours.toByteArray()))
                    .isEqualTo(JsonMappers.standard().readTree(runtimes.toByteArray()));
        }
    }
}
