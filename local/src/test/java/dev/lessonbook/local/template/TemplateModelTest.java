package dev.lessonbook.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lessonbook.emulators.ProjectRoot;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TemplateModelTest {
    private static final LocalNames NAMES = new LocalNames("lessonbook-local", "123456789012", "us-east-1");
    private static final Map<String, String> LOCAL_PARAMETERS =
            Map.of("JwtIssuer", "http://127.0.0.1:3000/_local", "JwtAudience", "lessonbook-local");

    static Path testTemplate() {
        try {
            return Path.of(Objects.requireNonNull(TemplateModelTest.class.getResource("/test-template.yaml")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TemplateModel read(Template template) {
        return TemplateModel.read(template,
                new Intrinsics(template, LOCAL_PARAMETERS, NAMES.pseudoParameters(), Intrinsics.ResourceValues.NONE), NAMES);
    }

    /** The project's own template.yaml: what the local runtime has to create for it. */
    @Nested
    class ProjectTemplate {
        private final TemplateModel model = read(Template.read(ProjectRoot.find().resolve("template.yaml")));

        @Test
        void theTableHasItsKeysIndexesAndTtl() {
            assertThat(model.tables()).hasSize(1);
            TableSpec table = model.tables().get(0);

            assertThat(table.logicalId()).isEqualTo("LessonbookTable");
            assertThat(table.tableName()).isEqualTo("lessonbook-local-LessonbookTable");
            assertThat(table.keySchema()).containsExactly(
                    new TableSpec.KeyElement("pk", "HASH"), new TableSpec.KeyElement("sk", "RANGE"));
            assertThat(table.globalIndexes()).extracting(TableSpec.Index::name).contains("gsi1", "gsi2", "due");
            assertThat(table.globalIndexes()).filteredOn(index -> index.name().equals("due"))
                    .extracting(TableSpec.Index::projectionType).containsExactly("KEYS_ONLY");
            assertThat(table.attributes()).contains(new TableSpec.Attribute("pk", "S"), new TableSpec.Attribute("gsi1sk", "S"));
            assertThat(table.ttlAttribute()).contains("expiresAt");
        }

        @Test
        void everyQueueWithARedrivePolicyDependsOnItsDeadLetterQueue() {
            assertThat(model.queues()).extracting(QueueSpec::logicalId).contains(
                    "InvalidationQueue", "InvalidationDeadLetterQueue", "NotificationQueue", "NotificationDeadLetterQueue");
            QueueSpec invalidation = queue("InvalidationQueue");

            assertThat(invalidation.dependsOn()).containsExactly("InvalidationDeadLetterQueue");
            assertThat(invalidation.visibilityTimeoutSeconds()).isEqualTo(60);
            assertThat(invalidation.redrivePolicy()).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("maxReceiveCount", 5);
            assertThat(queue("InvalidationDeadLetterQueue").redrivePolicy()).isEmpty();
        }

        @Test
        void theHttpApiAuthorizerTakesTheLocalIssuerAndAudience() {
            HttpApiSpec api = model.httpApis().get("HttpApi");

            assertThat(api.defaultAuthorizer()).contains("LessonbookJwt");
            assertThat(api.authorizers().get("LessonbookJwt")).isEqualTo(new HttpApiSpec.JwtAuthorizer("LessonbookJwt",
                    "$request.header.Authorization", "http://127.0.0.1:3000/_local", List.of("lessonbook-local")));
        }

        @Test
        void everyFunctionNamesAHandlerAndEveryRouteAnApi() {
            assertThat(model.functions()).allSatisfy(function -> {
                assertThat(function.handlerClass()).matches("[a-z][\\w.]*\\.[A-Z]\\w*");
                assertThat(function.handlerMethod()).isEqualTo("handleRequest");
                assertThat(function.timeout()).isPositive();
            });
            assertThat(model.routes()).allSatisfy(route -> assertThat(model.httpApis()).containsKey(route.apiLogicalId()));
        }

        private QueueSpec queue(String logicalId) {
            return model.queues().stream().filter(q -> q.logicalId().equals(logicalId)).findFirst().orElseThrow();
        }
    }

    /** The test template: functions with every kind of event source. */
    @Nested
    class TestTemplate {
        private final TemplateModel model = read(Template.read(testTemplate()));

        @Test
        void resourcesWhoseConditionIsFalseAreLeftOut() {
            assertThat(model.queues()).extracting(QueueSpec::logicalId).containsExactly("WorkDeadLetterQueue", "WorkQueue");
        }

        @Test
        void httpApiEventsBecomeRoutesWithUpperCaseMethods() {
            assertThat(model.routes()).extracting(FunctionSpec.HttpRoute::routeKey).contains(
                    "GET /v1/echo/{id}", "POST /v1/echo/{id}", "GET /v1/public/{proxy+}");
            assertThat(model.routes()).filteredOn(route -> route.eventName().equals("Public"))
                    .extracting(FunctionSpec.HttpRoute::authorizer).containsExactly(Optional.of("NONE"));
            assertThat(model.routes()).allSatisfy(route -> assertThat(route.apiLogicalId()).isEqualTo("HttpApi"));
        }

        @Test
        void functionsTakeGlobalsUnlessTheySayOtherwise() {
            FunctionSpec echo = function("EchoFunction");
            FunctionSpec worker = function("WorkerFunction");

            assertThat(echo.functionName()).isEqualTo("lessonbook-local-EchoFunction");
            assertThat(echo.handlerClass()).isEqualTo("dev.lessonbook.local.testfunctions.EchoHandler");
            assertThat(echo.timeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(echo.memoryMb()).isEqualTo(512);
            assertThat(worker.timeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(function("StallingFunction").timeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(function("TickFunction").handlerMethod()).isEqualTo("handleRequest");
        }

        @Test
        void environmentMergesGlobalsWithTheFunctionsOwnVariables() {
            assertThat(function("EchoFunction").environment()).containsKeys("TABLE_NAME", "ROLE_CLAIM", "WORK_QUEUE_URL", "GREETING");
            assertThat(function("WorkerFunction").environment()).containsOnlyKeys("TABLE_NAME", "ROLE_CLAIM", "JAVA_TOOL_OPTIONS");
        }

        @Test
        void sqsAndScheduleEventsAreReadWithTheirSettings() {
            FunctionSpec.QueueSource source = function("WorkerFunction").queueSources().get(0);

            assertThat(source.queue()).isEqualTo(Map.of("Fn::GetAtt", List.of("WorkQueue", "Arn")));
            assertThat(source.batchSize()).isEqualTo(5);
            assertThat(source.reportBatchItemFailures()).isTrue();
            assertThat(function("TickFunction").schedules())
                    .containsExactly(new FunctionSpec.Schedule("EveryMinute", "rate(1 minute)", true, Optional.empty()));
        }

        private FunctionSpec function(String logicalId) {
            return model.functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst().orElseThrow();
        }
    }

    @Test
    void aRouteOnAnApiTheTemplateDoesNotDeclareIsRejected() {
        Template template = Template.parse("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: x.Handler::handleRequest
                      Events:
                        Api:
                          Type: HttpApi
                          Properties:
                            ApiId: !Ref Elsewhere
                            Method: GET
                            Path: /x
                """);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(template))
                .isInstanceOf(TemplateException.class).hasMessageContaining("ApiId Elsewhere");
    }

    @Test
    void anHttpApiEventWithoutApiIdUsesSamsImplicitApiWithoutAuthorizer() {
        Template template = Template.parse("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: x.Handler
                      Events:
                        Api:
                          Type: HttpApi
                """);

        TemplateModel model = read(template);

        assertThat(model.routes()).singleElement().satisfies(route -> {
            assertThat(route.routeKey()).isEqualTo("$default");
            assertThat(model.httpApis().get(route.apiLogicalId()).authorizerFor(route)).isEmpty();
        });
    }
}
