package dev.lessonbook.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP function of the local runtime's tests that outlives any Timeout on {@code /stall} (it
 * waits for an interrupt, as a call to a dependency that never answers would), and otherwise tells
 * which execution environment answered: its class loader and how many invocations that
 * environment has served.
 */
public final class StallingHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** Per environment: a new one starts counting again. */
    private static final AtomicInteger INVOCATIONS = new AtomicInteger();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        int invocation = INVOCATIONS.incrementAndGet();
        if (event.getRawPath() != null && event.getRawPath().endsWith("/stall")) {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException interrupted) {
                throw new IllegalStateException("interrupted while stalled", interrupted);
            }
        }
        String headers = event.getHeaders() == null ? "0" : Integer.toString(event.getHeaders().size());
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody("{\"environment\":\"" + getClass().getClassLoader().getName() + "\",\"invocation\":" + invocation
                        + ",\"headers\":" + headers + "}")
                .build();
    }
}
