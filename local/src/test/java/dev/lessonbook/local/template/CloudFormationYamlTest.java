package dev.lessonbook.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudFormationYamlTest {

    @Test
    void shortFormTagsBecomeTheirLongForm() {
        Map<String, Object> document = CloudFormationYaml.parse("""
                a: !Ref Table
                b: !GetAtt Queue.Arn
                c: !Sub "${AWS::Region}-x"
                d: !If [IsProd, !Ref A, !Ref AWS::NoValue]
                e: !Join [",", [x, !Ref B]]
                f: !Not [!Equals [!Ref P, ""]]
                g: !Condition HasTopic
                h: !GetAtt [Queue, QueueName]
                """);

        assertThat(document).containsEntry("a", Map.of("Ref", "Table"))
                .containsEntry("b", Map.of("Fn::GetAtt", List.of("Queue", "Arn")))
                .containsEntry("c", Map.of("Fn::Sub", "${AWS::Region}-x"))
                .containsEntry("d", Map.of("Fn::If", List.of("IsProd", Map.of("Ref", "A"), Map.of("Ref", "AWS::NoValue"))))
                .containsEntry("e", Map.of("Fn::Join", List.of(",", List.of("x", Map.of("Ref", "B")))))
                .containsEntry("f", Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "P"), "")))))
                .containsEntry("g", Map.of("Condition", "HasTopic"))
                .containsEntry("h", Map.of("Fn::GetAtt", List.of("Queue", "QueueName")));
    }

    @Test
    void plainScalarsKeepTheirYamlTypes() {
        Map<String, Object> document = CloudFormationYaml.parse("""
                timeout: 10
                enabled: true
                version: "2010-09-09"
                schedule: rate(1 minute)
                """);

        assertThat(document).containsEntry("timeout", 10).containsEntry("enabled", true)
                .containsEntry("version", "2010-09-09").containsEntry("schedule", "rate(1 minute)");
    }

    @Test
    void aDocumentThatIsNoMappingIsRejected() {
        assertThatThrownBy(() -> CloudFormationYaml.parse("- a\n- b\n")).isInstanceOf(TemplateException.class);
    }
}
