package dev.lessonbook.payments.stripe;

import com.stripe.net.HttpHeaders;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Stripe's answers to the gateway's requests, as documents of the shape Stripe documents (API
 * reference: PaymentIntent, Customer, SetupIntent, Refund, the card error), for priming: every
 * operation is built, encoded and parsed in full, and nothing leaves the process. The ids are
 * ours and exist nowhere; a request carrying {@link #DECLINED_CARD} is declined as a card error
 * (HTTP 402), so the exception path is primed as well. No {@code Request-Id} header: stripe-java
 * would report it to Stripe in the next request's telemetry.
 */
final class CannedStripe {
    static final String BOOKING = "bk_priming_never_a_booking";
    static final String DECLINED_CARD = "pm_priming_declined";

    private static final String INTENT = """
            {"id":"pi_priming","object":"payment_intent","amount":6000,"amount_capturable":%d,"amount_received":%d,
             "capture_method":"manual","confirmation_method":"automatic","currency":"usd","customer":null,
             "last_payment_error":null,"livemode":false,"metadata":{"bookingId":"bk_priming_never_a_booking"},
             "payment_method":"pm_priming","payment_method_types":["card"],"status":"%s","created":1767225600}""";
    private static final String CUSTOMER = """
            {"id":"cus_priming","object":"customer","livemode":false,"metadata":{"bookingId":"bk_priming_never_a_booking"},
             "created":1767225600}""";
    private static final String SETUP_INTENT = """
            {"id":"seti_priming","object":"setup_intent","customer":"cus_priming","last_setup_error":null,"livemode":false,
             "metadata":{"bookingId":"bk_priming_never_a_booking"},"payment_method":%s,"payment_method_types":["card"],
             "status":"%s","usage":"off_session","created":1767225600}""";
    private static final String REFUND = """
            {"id":"re_priming","object":"refund","amount":6000,"currency":"usd","payment_intent":"pi_priming",
             "metadata":{"bookingId":"bk_priming_never_a_booking"},"status":"succeeded","created":1767225600}""";
    private static final String CARD_DECLINED = """
            {"error":{"type":"card_error","code":"card_declined","decline_code":"generic_decline",
             "message":"Your card was declined.","param":"payment_method"}}""";
    private static final String NO_SUCH_PATH = """
            {"error":{"type":"invalid_request_error","message":"Priming has no canned answer for this request."}}""";

    private CannedStripe() {}

    static StripeResponse answer(StripeRequest request) {
        String path = request.url().getPath();
        String form = request.content() == null ? "" : new String(request.content().byteArrayContent(), StandardCharsets.UTF_8);
        if (form.contains("payment_method=" + DECLINED_CARD)) {
            return json(402, CARD_DECLINED);
        }
        return switch (path) {
            case "/v1/payment_intents" -> json(200, INTENT.formatted(6000, 0, "requires_capture"));
            case "/v1/payment_intents/pi_priming/capture" -> json(200, INTENT.formatted(0, 6000, "succeeded"));
            case "/v1/payment_intents/pi_priming/cancel", "/v1/payment_intents/pi_priming" ->
                    json(200, INTENT.formatted(0, 0, "canceled"));
            case "/v1/customers" -> json(200, CUSTOMER);
            case "/v1/setup_intents" -> json(200, SETUP_INTENT.formatted("null", "requires_confirmation"));
            case "/v1/setup_intents/seti_priming/confirm", "/v1/setup_intents/seti_priming" ->
                    json(200, SETUP_INTENT.formatted("\"pm_priming\"", "succeeded"));
            case "/v1/setup_intents/seti_priming/cancel" -> json(200, SETUP_INTENT.formatted("\"pm_priming\"", "canceled"));
            case "/v1/refunds" -> json(200, REFUND);
            default -> json(404, NO_SUCH_PATH);
        };
    }

    private static StripeResponse json(int status, String body) {
        return new StripeResponse(status, HttpHeaders.of(Map.of("Content-Type", List.of("application/json"))), body);
    }
}
