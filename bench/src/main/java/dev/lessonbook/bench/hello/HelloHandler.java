package dev.lessonbook.bench.hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * The floor of the cold-start benchmark: a handler that does nothing, packaged like a function
 * (its class plus lib/aws-lambda-java-core) and started by the same emulator and JVM flags.
 */
public final class HelloHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Map.of("statusCode", 200, "body", "hello");
    }
}
