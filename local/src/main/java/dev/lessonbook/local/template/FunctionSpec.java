package dev.lessonbook.local.template;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code AWS::Serverless::Function} with Globals applied: its handler, limits, environment
 * (unresolved until the resources it names exist) and event sources.
 */
public record FunctionSpec(
        String logicalId,
        String functionName,
        String handlerClass,
        String handlerMethod,
        Duration timeout,
        int memoryMb,
        Map<String, Object> environment,
        List<HttpRoute> routes,
        List<QueueSource> queueSources,
        List<Schedule> schedules) {

    /**
     * An {@code HttpApi} event. {@code routeKey} is "METHOD /path" or "$default"; {@code authorizer}
     * overrides the API's default authorizer ("NONE" turns authorization off).
     */
    public record HttpRoute(String functionLogicalId, String eventName, String apiLogicalId, String method, String path,
            Optional<String> authorizer, List<String> authorizationScopes) {
        public static final String ANY = "ANY";
        public static final String DEFAULT_ROUTE = "$default";

        public String routeKey() {
            return path.equals(DEFAULT_ROUTE) ? DEFAULT_ROUTE : method + " " + path;
        }
    }

    /** An {@code SQS} event source; {@code queue} resolves to the queue's ARN. */
    public record QueueSource(String eventName, Object queue, int batchSize, boolean reportBatchItemFailures,
            boolean enabled) {}

    /** A {@code Schedule} (EventBridge rule) or {@code ScheduleV2} (EventBridge Scheduler) event. */
    public record Schedule(String eventName, String expression, boolean enabled, Optional<String> input) {}
}
