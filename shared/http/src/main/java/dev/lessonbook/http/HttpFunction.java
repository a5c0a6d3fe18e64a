package dev.lessonbook.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A function behind the HTTP API. Lambda calls the stream form — its runtime prefers
 * {@link RequestStreamHandler} and, for a handler named {@code Class::handleRequest}, the overload
 * with the most parameters — so the event JSON is mapped by {@link ApiGatewayJson} instead of the
 * runtime's reflective mapper. Tests and the local runtime call the event form; both run the same
 * {@link #handleRequest(APIGatewayV2HTTPEvent, Context)}.
 */
public interface HttpFunction extends RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, RequestStreamHandler {

    @Override
    default void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        ApiGatewayJson.writeResponse(handleRequest(ApiGatewayJson.readEvent(in), context), out);
    }
}
