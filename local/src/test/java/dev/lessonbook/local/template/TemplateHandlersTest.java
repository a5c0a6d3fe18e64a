package dev.lessonbook.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.lessonbook.emulators.ProjectRoot;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every function of template.yaml names a handler class that exists: a renamed or mistyped
 * Handler fails the build here, not at deploy time (cfn-lint cannot see the classes). A function
 * behind the HTTP API or fed by a queue also takes the stream form ({@code HttpFunction},
 * {@code SqsFunction}).
 */
class TemplateHandlersTest {

    @Test
    void everyHandlerOfTheTemplateIsARequestHandlerOnTheClasspath() {
        Template template = Template.read(ProjectRoot.find().resolve("template.yaml"));
        LocalNames names = new LocalNames("lessonbook-local", "123456789012", "us-east-1");
        TemplateModel model = TemplateModel.read(template, new Intrinsics(template,
                Map.of("JwtIssuer", "http://127.0.0.1/_local", "JwtAudience", "lessonbook-local"),
                names.pseudoParameters(), Intrinsics.ResourceValues.NONE), names);

        assertThat(model.functions()).isNotEmpty().allSatisfy(function -> {
            // Loaded without initialising: static init would build AWS clients.
            Class<?> handler = Class.forName(function.handlerClass(), false, getClass().getClassLoader());
            assertThat(RequestHandler.class).isAssignableFrom(handler);
            if (!function.routes().isEmpty() || !function.queueSources().isEmpty()) {
                // Lambda then calls the stream form, and its runtime builds no reflective JSON mapper.
                assertThat(RequestStreamHandler.class).as(function.logicalId()).isAssignableFrom(handler);
            }
        });
    }
}
