package dev.lessonbook.e2e.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.local.template.Template;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The API of docs/api/openapi.yaml is the API template.yaml deploys: the same (method, path)
 * pairs, so neither can gain or lose a route without the other.
 */
class OpenApiRoutesTest {

    @Test
    void theOperationsOfTheOpenApiFileAreTheHttpApiRoutesOfTheTemplate() {
        Set<String> templateRoutes = templateRoutes();
        Set<String> documented = new TreeSet<>(OpenApiContract.ofProject().operationKeys());

        assertThat(templateRoutes).as("HttpApi routes of template.yaml").isNotEmpty();
        assertThat(documented)
                .as("operations of docs/api/openapi.yaml vs HttpApi events of template.yaml")
                .containsExactlyInAnyOrderElementsOf(templateRoutes);
    }

    @Test
    void everyOperationHasAnIdAndDocumentsItsSuccessAndTheMissingToken() {
        for (OpenApiContract.Operation operation : OpenApiContract.ofProject().operations()) {
            assertThat(operation.node().path("operationId").asText()).as(operation.key()).isNotBlank();
            assertThat(operation.node().path("responses").has("401")).as(operation.key() + " documents 401").isTrue();
            assertThat(operation.node().path("responses").has("503")).as(operation.key() + " documents 503").isTrue();
            boolean success = operation.node().path("responses").has("200") || operation.node().path("responses").has("201");
            assertThat(success).as(operation.key() + " documents its success").isTrue();
        }
    }

    /** {@code "METHOD /path"} of every HttpApi event of every AWS::Serverless::Function. */
    static Set<String> templateRoutes() {
        Template template = Template.read(OpenApiContract.projectRoot().resolve("template.yaml"));
        Set<String> routes = new TreeSet<>();
        for (Template.Resource function : template.resourcesOfType("AWS::Serverless::Function")) {
            if (!(function.properties().get("Events") instanceof Map<?, ?> events)) {
                continue;
            }
            for (Object event : events.values()) {
                if (event instanceof Map<?, ?> spec && "HttpApi".equals(spec.get("Type"))
                        && spec.get("Properties") instanceof Map<?, ?> properties) {
                    routes.add(String.valueOf(properties.get("Method")).toUpperCase(Locale.ROOT) + " " + properties.get("Path"));
                }
            }
        }
        return routes;
    }
}
