package dev.lessonbook.local.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a CloudFormation/SAM YAML document into plain maps, lists and scalars. The short-form
 * tags ({@code !Ref X}, {@code !GetAtt X.Arn}, {@code !Sub ...}) become their long form
 * ({@code {Ref: X}}, {@code {Fn::GetAtt: [X, Arn]}}, {@code {Fn::Sub: ...}}), so the resolver
 * has one shape to evaluate whichever form the template uses.
 */
public final class CloudFormationYaml {
    private CloudFormationYaml() {}

    public static Map<String, Object> parse(String yaml) {
        LoadSettings settings = LoadSettings.builder().setLabel("template.yaml").build();
        Object document = new Load(settings, new TagTolerantConstructor(settings)).loadFromString(yaml);
        if (!(document instanceof Map<?, ?> map)) {
            throw new TemplateException("The template is not a YAML mapping");
        }
        return asStringMap(map);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asStringMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }

    private static final class TagTolerantConstructor extends StandardConstructor {
        TagTolerantConstructor(LoadSettings settings) {
            super(settings);
        }

        @Override
        protected Optional<ConstructNode> findConstructorFor(Node node) {
            String tag = node.getTag().getValue();
            if (tag.startsWith("!") && !tag.startsWith("!!")) {
                return Optional.of(this::longForm);
            }
            return super.findConstructorFor(node);
        }

        private Object longForm(Node node) {
            String function = node.getTag().getValue().substring(1);
            Object argument = switch (node) {
                case ScalarNode scalar -> scalar.getValue();
                case SequenceNode sequence -> constructSequence(sequence);
                case MappingNode mapping -> constructMapping(mapping);
                default -> throw new TemplateException("Unexpected node for !" + function);
            };
            return switch (function) {
                case "Ref", "Condition" -> Map.of(function, argument);
                case "GetAtt" -> Map.of("Fn::GetAtt", argument instanceof String dotted ? splitGetAtt(dotted) : argument);
                default -> Map.of("Fn::" + function, argument);
            };
        }

        private static List<String> splitGetAtt(String dotted) {
            int dot = dotted.indexOf('.');
            if (dot < 1) {
                throw new TemplateException("!GetAtt needs Resource.Attribute, got " + dotted);
            }
            return List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
        }
    }
}
