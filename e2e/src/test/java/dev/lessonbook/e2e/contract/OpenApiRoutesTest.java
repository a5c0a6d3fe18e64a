package dev.lessonbook.e2e.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lessonbook.local.template.Template;
import dev.lessonbook.problem.ProblemCode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
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
            // An operation without security (the calendar feed, opened by its token) cannot answer 401.
            boolean open = operation.node().has("security") && operation.node().path("security").isEmpty();
            assertThat(operation.node().path("responses").has("401")).as(operation.key() + " documents 401").isEqualTo(!open);
            assertThat(operation.node().path("responses").has("503")).as(operation.key() + " documents 503").isTrue();
            // 200, 201, 202 or 204 (a DELETE answers no body).
            boolean success = java.util.stream.Stream.of("200", "201", "202", "204").anyMatch(operation.node().path("responses")::has);
            assertThat(success).as(operation.key() + " documents its success").isTrue();
        }
    }

    @Test
    void theProblemCodesOfTheFileAreTheCodesOfTheDomainWithTheirStatuses() {
        JsonNode schemas = OpenApiContract.ofProject().document().path("components").path("schemas");
        Set<String> documented = texts(schemas.path("ProblemCode").path("enum"));
        Set<String> statuses = texts(schemas.path("Problem").path("properties").path("status").path("enum"));

        assertThat(documented).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ProblemCode.values()).map(Enum::name).toList());
        assertThat(statuses).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ProblemCode.values()).map(code -> Integer.toString(code.status())).collect(Collectors.toSet()));
        for (ProblemCode code : ProblemCode.values()) {
            String ok = problem(code, code.status());
            String wrong = problem(code, code.status() == 422 ? 409 : 422);
            assertThat(OpenApiContract.ofProject().schemaViolations("Problem", ok)).as(code + " with its status").isEmpty();
            assertThat(OpenApiContract.ofProject().schemaViolations("Problem", wrong)).as(code + " with another status").isNotEmpty();
        }
    }

    /** A problem document of {@code code} with the extension members that code promises. */
    private static String problem(ProblemCode code, int status) {
        String extras = switch (code) {
            case VALIDATION_FAILED -> ",\"errors\":[{\"field\":\"date\",\"message\":\"is required\"}]";
            case BOOKING_CONFLICT -> ",\"conflictScope\":\"student\"";
            case VERSION_MISMATCH -> ",\"currentVersion\":\"AAAAAAAAAAAAAAAA\"";
            case AVAILABILITY_OVERLAP -> ",\"date\":\"2026-12-07\",\"window\":{\"start\":\"10:00\",\"end\":\"11:00\"},"
                    + "\"conflictsWith\":{\"start\":\"09:00\",\"end\":\"10:30\"}";
            case INVALID_TIME -> ",\"date\":\"2026-12-07\",\"window\":{\"start\":\"10:00\",\"end\":\"25:00\"}";
            case PAST_DATE, DATE_OUTSIDE_WEEK -> ",\"date\":\"2026-12-07\"";
            case INVALID_WEEK_START -> ",\"weekStart\":\"2026-12-08\"";
            case INVALID_DURATION -> ",\"durationOptions\":[30,60]";
            default -> "";
        };
        return "{\"type\":\"https://lessonbook.dev/problems/" + code.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + "\",\"title\":\"" + code.title() + "\",\"status\":" + status + ",\"detail\":\"d\",\"code\":\""
                + code.name() + "\",\"instance\":\"/v1/bookings\"" + extras + "}";
    }

    private static Set<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).collect(Collectors.toCollection(TreeSet::new));
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
