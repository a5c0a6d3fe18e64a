package dev.lessonbook.messaging;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A function fed by an SQS event source mapping (with partial batch responses). Lambda calls the
 * stream form (see {@code HttpFunction} for why), mapped by {@link SqsEventJson}; tests and the
 * local runtime call the event form, and both run the same
 * {@link #handleRequest(SQSEvent, Context)}.
 */
public interface SqsFunction extends RequestHandler<SQSEvent, SQSBatchResponse>, RequestStreamHandler {

    @Override
    default void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        SqsEventJson.writeResponse(handleRequest(SqsEventJson.readEvent(in), context), out);
    }
}
