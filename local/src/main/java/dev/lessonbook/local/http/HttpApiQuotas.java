package dev.lessonbook.local.http;

import java.time.Duration;

/**
 * The quotas of an API Gateway HTTP API that decide an answer before, or instead of, a function's
 * ("Quotas for configuring and running an HTTP API in API Gateway"; none can be increased). The
 * local server enforces them so that a request over one is answered as the deployed API answers
 * it (docs/decisions.md, "Local runtime").
 *
 * @param integrationTimeout how long the API waits for a function before answering 503 itself
 * @param requestLineAndHeaderValues the combined size, in bytes, of the request line and the header values
 * @param payloadBytes the largest request body
 */
public record HttpApiQuotas(Duration integrationTimeout, int requestLineAndHeaderValues, int payloadBytes) {
    /** Maximum integration timeout 30 s; request line and header values 10240 bytes; payload 10 MB. */
    public static final HttpApiQuotas DOCUMENTED = new HttpApiQuotas(Duration.ofSeconds(30), 10_240, 10 * 1024 * 1024);
}
