package dev.lessonbook.functions.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.lessonbook.aws.priming.Priming;
import dev.lessonbook.booking.CancellationSettlement;
import dev.lessonbook.booking.SchedulingPayments;
import dev.lessonbook.config.Env;
import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.Tables;
import dev.lessonbook.dynamodb.booking.DynamoBookingStore;
import dev.lessonbook.messaging.PublishingTables;
import dev.lessonbook.payment.PaymentIncidents;
import dev.lessonbook.payments.stripe.StripePaymentGateway;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every minute: all the payment work that fell due, {@code PAYMENT_SCHEDULER_WORKERS} bookings at once ({@link SchedulingPayments}). */
public final class PaymentSchedulerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Tables TABLES = PublishingTables.fromEnvironment();
    private static final DynamoBookingStore BOOKINGS = new DynamoBookingStore(TABLES);
    private static final StripePaymentGateway PAYMENTS = StripePaymentGateway.fromConfiguration(Env::optional);
    private static final PaymentIncidents INCIDENTS = PaymentIncidents.loggedAndCounted();
    private static final SchedulingPayments.Workers WORKERS = SchedulingPayments.Workers.fromEnvironment();
    private static final SchedulingPayments SCHEDULING = new SchedulingPayments(BOOKINGS, PAYMENTS,
            new CancellationSettlement(BOOKINGS, PAYMENTS, INCIDENTS), INCIDENTS, CLOCK, WORKERS);

    /**
     * SnapStart priming (docs/decisions.md): the table client and the event publisher (marshalled,
     * not sent), and Stripe from canned answers (no call), its key re-read after a restore.
     */
    static final Priming PRIMING = Priming.register(TABLES.primer(), TABLES.queryPrimer(Keys.DUE_INDEX), PAYMENTS.primer());

    /**
     * The run is given the invocation's deadline, so it starts no booking it might not finish
     * before Lambda ends it ({@link SchedulingPayments#SAFETY_MARGIN}). What it did is also one
     * log line: a run that keeps deferring or running out of time shows there, and its bookings,
     * work time and workers give the scheduler's throughput (docs/capacity.md).
     */
    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        SchedulingPayments.Run run = SCHEDULING.run(CLOCK.instant().plusMillis(context.getRemainingTimeInMillis()));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("authorized", run.authorized());
        summary.put("paymentFailed", run.paymentFailed());
        summary.put("deferred", run.deferred());
        summary.put("expired", run.expired());
        summary.put("released", run.released());
        summary.put("settled", run.settled());
        summary.put("completed", run.completed());
        summary.put("renewed", run.renewed());
        summary.put("actionRequired", run.actionRequired());
        summary.put("authenticationLapsed", run.authenticationLapsed());
        summary.put("bookings", run.bookings());
        summary.put("workMillis", run.workMillis());
        summary.put("workers", WORKERS.count());
        summary.put("outOfTime", run.outOfTime());
        System.out.println("{\"level\":\"INFO\",\"message\":\"payment scheduler run\",\"run\":" + json(summary) + "}");
        return summary;
    }

    /** Numbers and booleans only, which print as JSON. */
    private static String json(Map<String, Object> summary) {
        StringBuilder out = new StringBuilder("{");
        summary.forEach((name, value) -> out.append(out.length() > 1 ? "," : "").append('"').append(name).append("\":").append(value));
        return out.append('}').toString();
    }
}
