package dev.lessonbook.functions.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.lessonbook.booking.CancellationSettlement;
import dev.lessonbook.config.Env;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.messaging.PublishingTables;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payment.SchedulingPayments;
import dev.lessonbook.payments.stripe.StripePaymentGateway;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every 5 minutes: the payment work that fell due ({@link SchedulingPayments}). */
public final class PaymentSchedulerHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {
    private static final DynamoBookingStore BOOKINGS = new DynamoBookingStore(PublishingTables.fromEnvironment());
    private static final StripePaymentGateway PAYMENTS = StripePaymentGateway.fromConfiguration(Env::optional);
    private static final PaymentIncidents INCIDENTS = PaymentIncidents.loggedAndCounted();
    private static final SchedulingPayments SCHEDULING = new SchedulingPayments(BOOKINGS, PAYMENTS,
            new CancellationSettlement(BOOKINGS, PAYMENTS, INCIDENTS), INCIDENTS, Clock.systemUTC());

    /** What the run did, also as one log line: a run that keeps deferring shows there. */
    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent event, Context context) {
        SchedulingPayments.Run run = SCHEDULING.run();
        Map<String, Integer> summary = new LinkedHashMap<>();
        summary.put("authorized", run.authorized());
        summary.put("paymentFailed", run.paymentFailed());
        summary.put("deferred", run.deferred());
        summary.put("expired", run.expired());
        summary.put("settled", run.settled());
        System.out.println("{\"level\":\"INFO\",\"message\":\"payment scheduler run\",\"run\":" + json(summary) + "}");
        return summary;
    }

    private static String json(Map<String, Integer> summary) {
        StringBuilder out = new StringBuilder("{");
        summary.forEach((name, count) -> out.append(out.length() > 1 ? "," : "").append('"').append(name).append("\":").append(count));
        return out.append('}').toString();
    }
}
