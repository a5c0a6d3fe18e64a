package dev.lessonbook.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntrinsicsTest {
    private static final Template TEMPLATE = Template.parse("""
            Parameters:
              Stage:
                Type: String
                Default: dev
              Audience:
                Type: CommaDelimitedList
                Default: "a, b"
              Issuer:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
              IsNotProd: !Not [!Condition IsProd]
              Both: !And [!Condition IsNotProd, !Equals [x, x]]
            Mappings:
              Sizes:
                dev:
                  Memory: 256
            Resources:
              Queue:
                Type: AWS::SQS::Queue
              Table:
                Type: AWS::DynamoDB::Table
            """);
    private static final LocalNames NAMES = new LocalNames("stack", "123456789012", "eu-west-1");

    private final Intrinsics intrinsics = new Intrinsics(TEMPLATE, Map.of("Issuer", "http://issuer"), NAMES.pseudoParameters(),
            new Intrinsics.ResourceValues() {
                @Override
                public Optional<String> ref(String logicalId) {
                    return Optional.of("ref-of-" + logicalId);
                }

                @Override
                public Optional<String> attribute(String logicalId, String attribute) {
                    return Optional.of(attribute + "-of-" + logicalId);
                }
            });

    @Test
    void refOfAParameterIsItsLocalValueElseItsDefault() {
        assertThat(intrinsics.resolve(Map.of("Ref", "Issuer"))).isEqualTo("http://issuer");
        assertThat(intrinsics.resolve(Map.of("Ref", "Stage"))).isEqualTo("dev");
    }

    @Test
    void refOfACommaDelimitedListIsAList() {
        assertThat(intrinsics.resolve(Map.of("Ref", "Audience"))).isEqualTo(List.of("a", "b"));
    }

    @Test
    void refAndGetAttOfAResourceAskTheDeployment() {
        assertThat(intrinsics.resolve(Map.of("Ref", "Queue"))).isEqualTo("ref-of-Queue");
        assertThat(intrinsics.resolve(Map.of("Fn::GetAtt", List.of("Queue", "Arn")))).isEqualTo("Arn-of-Queue");
    }

    @Test
    void pseudoParametersAreLocal() {
        assertThat(intrinsics.resolve(Map.of("Ref", "AWS::Region"))).isEqualTo("eu-west-1");
        assertThat(intrinsics.resolve(Map.of("Ref", "AWS::StackName"))).isEqualTo("stack");
    }

    @Test
    void subReplacesParametersAttributesAndExplicitVariables() {
        assertThat(intrinsics.resolve(Map.of("Fn::Sub", "${AWS::Region}:${Stage}:${Table.Arn}/index:${!Literal}")))
                .isEqualTo("eu-west-1:dev:Arn-of-Table/index:${Literal}");
        assertThat(intrinsics.resolve(Map.of("Fn::Sub", List.of("${Name}-${Queue}", Map.of("Name", Map.of("Ref", "Stage"))))))
                .isEqualTo("dev-ref-of-Queue");
    }

    @Test
    void ifChoosesByConditionAndNoValueDropsTheProperty() {
        Object resolved = intrinsics.resolve(Map.of(
                "kept", Map.of("Fn::If", List.of("IsNotProd", "yes", "no")),
                "dropped", Map.of("Fn::If", List.of("IsProd", "x", Map.of("Ref", "AWS::NoValue")))));

        assertThat(resolved).isEqualTo(Map.of("kept", "yes"));
        assertThat(intrinsics.condition("Both")).isTrue();
    }

    @Test
    void joinSelectSplitAndFindInMapWork() {
        assertThat(intrinsics.resolve(Map.of("Fn::Join", List.of("-", List.of("a", Map.of("Ref", "Stage")))))).isEqualTo("a-dev");
        assertThat(intrinsics.resolve(Map.of("Fn::Select", List.of(1, Map.of("Fn::Split", List.of(",", "x,y,z")))))).isEqualTo("y");
        assertThat(intrinsics.resolve(Map.of("Fn::FindInMap", List.of("Sizes", Map.of("Ref", "Stage"), "Memory")))).isEqualTo(256);
    }

    @Test
    void aParameterWithoutDefaultOrLocalValueCannotBeResolved() {
        Intrinsics withoutIssuer = new Intrinsics(TEMPLATE, Map.of(), NAMES.pseudoParameters(), Intrinsics.ResourceValues.NONE);

        assertThatThrownBy(() -> withoutIssuer.resolve(Map.of("Ref", "Issuer")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Issuer");
    }

    @Test
    void aResourceNotYetDeployedCannotBeResolved() {
        Intrinsics beforeProvisioning = new Intrinsics(TEMPLATE, Map.of(), NAMES.pseudoParameters(), Intrinsics.ResourceValues.NONE);

        assertThatThrownBy(() -> beforeProvisioning.resolve(Map.of("Fn::GetAtt", List.of("Queue", "Arn"))))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Queue.Arn");
    }
}
