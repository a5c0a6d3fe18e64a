package dev.lessonbook.local.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.local.template.FunctionSpec;
import dev.lessonbook.local.template.Intrinsics;
import dev.lessonbook.local.template.LocalNames;
import dev.lessonbook.local.template.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FunctionConfigurationTest {
    private static final Template TEMPLATE = Template.parse("""
            Parameters:
              Stage:
                Type: String
                Default: local
            Resources:
              Queue:
                Type: AWS::SQS::Queue
              Topic:
                Type: AWS::SNS::Topic
            """);
    private final Intrinsics resolver = new Intrinsics(TEMPLATE, Map.of(),
            new LocalNames("s", "123456789012", "us-east-1").pseudoParameters(), new Intrinsics.ResourceValues() {
                @Override
                public Optional<String> ref(String logicalId) {
                    return logicalId.equals("Queue") ? Optional.of("http://queue-url") : Optional.empty();
                }

                @Override
                public Optional<String> attribute(String logicalId, String attribute) {
                    return Optional.empty();
                }
            });
    private final List<String> warnings = new ArrayList<>();

    private static FunctionSpec function(String logicalId, Map<String, Object> environment) {
        return new FunctionSpec(logicalId, logicalId, "x.Handler", "handleRequest", Duration.ofSeconds(3), 128, environment,
                List.of(), List.of(), List.of());
    }

    @Test
    void variablesAreResolvedAgainstTheLocalResourcesAndPlatformValuesAdded() {
        Map<String, String> properties = FunctionConfiguration.resolve(List.of(function("A", Map.of(
                        "QUEUE_URL", Map.of("Ref", "Queue"), "STAGE", Map.of("Ref", "Stage"), "LIMIT", 5))),
                resolver, Map.of("AWS_REGION", "us-east-1"), warnings::add);

        assertThat(properties).isEqualTo(Map.of("QUEUE_URL", "http://queue-url", "STAGE", "local", "LIMIT", "5",
                "AWS_REGION", "us-east-1"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void theLambdaJvmsOwnOptionsAndNoValueAreLeftOut() {
        Map<String, String> properties = FunctionConfiguration.resolve(List.of(function("A", Map.of(
                        "JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1", "GONE", Map.of("Ref", "AWS::NoValue")))),
                resolver, Map.of(), warnings::add);

        assertThat(properties).isEmpty();
    }

    @Test
    void aVariableNamingAResourceWithoutLocalCounterpartIsLeftUnsetWithAWarning() {
        Map<String, String> properties = FunctionConfiguration.resolve(List.of(function("A", Map.of(
                "TOPIC_ARN", Map.of("Ref", "Topic")))), resolver, Map.of(), warnings::add);

        assertThat(properties).isEmpty();
        assertThat(warnings).singleElement().asString().contains("A: environment variable TOPIC_ARN is left unset");
    }

    @Test
    void twoFunctionsDisagreeingOnAVariableAreReportedAndTheFirstWins() {
        Map<String, String> properties = FunctionConfiguration.resolve(List.of(function("A", Map.of("MODE", "fast")),
                function("B", Map.of("MODE", "slow"))), resolver, Map.of(), warnings::add);

        assertThat(properties).containsEntry("MODE", "fast");
        assertThat(warnings).singleElement().asString().contains("B sets MODE=slow but A set it to fast");
    }
}
