package dev.lessonbook.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.access.Caller;
import dev.lessonbook.access.Permissions;
import dev.lessonbook.access.Role;
import dev.lessonbook.dynamodb.integration.DynamoWebhookSubscriptions;
import dev.lessonbook.integration.SubscribingAWebhook;
import dev.lessonbook.problem.Result;
import dev.lessonbook.webhook.ReceiverUrlPolicy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Issue 18's "a booking's own latency does not change with the number of subscriptions": warm
 * create-booking invocations (composed as its handler composes them, Stripe timed, as the warm
 * latency section does) on two tables that differ only in their webhook subscriptions — none, and
 * 20 that match every event type — taken in turn, one booking on each, so drift on the machine
 * falls on both alike. The functions publish to the webhook queue as template.yaml sets them up.
 *
 * <p>Verdict: the same AWS requests per booking in both (exact, from the SDK interceptor), and a
 * p50 difference below the threshold: the mean time of one DynamoDB GetItem on moto in the same
 * run. A booking that depended on its subscriptions would do at least one request more for them
 * (reading them), and fanning out to 20 in the request would add 20; one request's time is the
 * smallest such change, and differences below it are the machine's noise.
 */
public final class WebhookLatency {
    static final int SUBSCRIPTIONS = 20;
    private static final int SLOTS_PER_INSTRUCTOR = 147;

    private final BenchEnvironment environment;
    private final int warmUp;
    private final int measured;

    public WebhookLatency(BenchEnvironment environment, int warmUp, int measured) {
        this.environment = environment;
        this.warmUp = warmUp;
        this.measured = measured;
    }

    public Map<String, Object> run() {
        int perArm = warmUp + measured;
        Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> none = arm("inst_wh0_", perArm, 0);
        Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> twenty = arm("inst_wh20_", perArm, SUBSCRIPTIONS);
        int matching = (int) new DynamoWebhookSubscriptions(environment.tables()).all().stream()
                .filter(subscription -> subscription.wants("BookingConfirmed")).count();

        SdkCalls.drainByOperation();
        WarmLatency.Sample withNone = new WarmLatency.Sample();
        WarmLatency.Sample withTwenty = new WarmLatency.Sample();
        Map<String, Integer> requestsWithNone = new TreeMap<>();
        Map<String, Integer> requestsWithTwenty = new TreeMap<>();
        for (int n = 0; n < perArm; n++) {
            boolean counted = n >= warmUp;
            book(none, "inst_wh0_", n, withNone, requestsWithNone, counted);
            book(twenty, "inst_wh20_", n, withTwenty, requestsWithTwenty, counted);
        }
        Map<String, Object> calls = SdkCalls.drainByOperation();
        double threshold = calls.entrySet().stream()
                .filter(entry -> entry.getKey().endsWith(".GetItem"))
                .mapToDouble(entry -> ((Number) ((Map<?, ?>) entry.getValue()).get("meanMs")).doubleValue())
                .findFirst().orElse(Double.NaN);

        Map<String, Object> noneRow = withNone.row(warmUp);
        Map<String, Object> twentyRow = withTwenty.row(warmUp);
        double difference = Percentiles.round(p50(twentyRow, "totalMs") - p50(noneRow, "totalMs"));
        boolean sameRequests = requestsWithNone.keySet().equals(requestsWithTwenty.keySet());
        List<String> misses = new ArrayList<>();
        if (!sameRequests) {
            misses.add("AWS requests per booking differ: " + requestsWithNone + " with none, " + requestsWithTwenty + " with "
                    + SUBSCRIPTIONS);
        }
        if (!(Math.abs(difference) <= threshold)) {
            misses.add("total p50 differs by " + difference + " ms (threshold " + threshold + " ms)");
        }
        if (matching != SUBSCRIPTIONS) {
            misses.add(matching + " subscriptions match BookingConfirmed, not " + SUBSCRIPTIONS);
        }
        if (((Number) noneRow.get("unexpectedStatus")).intValue() + ((Number) twentyRow.get("unexpectedStatus")).intValue() > 0) {
            misses.add("bookings answered otherwise than 201");
        }

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("bookingsPerArm", measured);
        result.put("warmUpPerArm", warmUp);
        result.put("matchingSubscriptions", Map.of("none", 0, "twenty", matching));
        result.put("none", noneRow);
        result.put("twenty", twentyRow);
        result.put("awsRequestsPerBooking", Map.of("none", requestsWithNone, "twenty", requestsWithTwenty));
        result.put("totalP50DifferenceMs", difference);
        result.put("ourCodeP50DifferenceMs", Percentiles.round(p50(twentyRow, "ourCodeMs") - p50(noneRow, "ourCodeMs")));
        result.put("thresholdMs", threshold);
        result.put("thresholdBasis", "mean DynamoDB GetItem on moto in this section: the least one more request per booking would add");
        result.put("awsCallsOnMoto", calls);
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("met", misses.isEmpty());
        verdict.put("misses", misses);
        result.put("verdict", verdict);
        System.out.println("[bench] webhook latency " + result);
        return result;
    }

    /**
     * A fresh table with {@code perArm} bookable slots over instructors named {@code prefix}k, and
     * {@code subscriptions} webhook subscriptions to every event type; create-booking composed on it.
     */
    private Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> arm(String prefix, int perArm, int subscriptions) {
        environment.useFreshTable();
        for (int k = 0; k < (perArm + SLOTS_PER_INSTRUCTOR - 1) / SLOTS_PER_INSTRUCTOR; k++) {
            environment.instructor(prefix + k);
            for (int w = 0; w < 3; w++) {
                environment.openWeek(prefix + k, BenchEnvironment.MONDAY.plusWeeks(w));
            }
        }
        // Loopback receivers that are never called: the bench measures the booking, not the delivery.
        SubscribingAWebhook subscribing = new SubscribingAWebhook(new DynamoWebhookSubscriptions(environment.tables()),
                ReceiverUrlPolicy.local(), Clock.systemUTC());
        Permissions.Administrator admin = ((Result.Ok<Permissions.Administrator>) Permissions.toManageWebhooks(
                new Caller("adm_bench", Role.ADMIN))).value();
        for (int i = 0; i < subscriptions; i++) {
            Result<?> made = subscribing.subscribe(new SubscribingAWebhook.Subscribe(admin, "http://127.0.0.1:9/hook-" + i,
                    List.of("*"), "bench receiver " + i));
            if (!(made instanceof Result.Ok<?>)) {
                throw new IllegalStateException("could not subscribe: " + made);
            }
        }
        return Functions.createBookingTimed();
    }

    /** The n-th booking of an arm: lessons two hours apart, 7 a day over three weeks per instructor. */
    private static void book(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> create, String prefix, int n,
            WarmLatency.Sample sample, Map<String, Integer> requests, boolean counted) {
        int slot = n % SLOTS_PER_INSTRUCTOR;
        APIGatewayV2HTTPEvent event = Functions.createBooking("stud_" + prefix + n, prefix + (n / SLOTS_PER_INSTRUCTOR),
                BenchEnvironment.MONDAY.plusDays(slot / 7), (7 + 2 * (slot % 7)) * 60, prefix + "key-" + n);
        SdkCalls.record();
        sample.invoke(create, event, 201, counted);
        List<SdkCalls.Call> calls = SdkCalls.stopRecording();
        if (counted) {
            Map<String, Integer> these = new TreeMap<>();
            calls.forEach(call -> these.merge(call.service() + "." + call.operation(), 1, Integer::sum));
            // Each distinct set of requests a booking made, and how many bookings made it.
            requests.merge(these.toString(), 1, Integer::sum);
        }
    }

    @SuppressWarnings("unchecked")
    private static double p50(Map<String, Object> row, String column) {
        return ((Number) ((Map<String, Object>) row.get(column)).get("p50")).doubleValue();
    }

    /** The section's part of docs/performance.md. */
    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> results) {
        Object section = results.get("webhookLatency");
        if (!(section instanceof Map<?, ?>)) {
            return "";
        }
        Map<String, Object> w = (Map<String, Object>) section;
        Map<String, Object> verdict = (Map<String, Object>) w.get("verdict");
        Map<String, Object> requests = (Map<String, Object>) w.get("awsRequestsPerBooking");
        StringBuilder md = new StringBuilder("\n## Booking latency and webhook subscriptions\n\n");
        md.append("Issue 18: a booking's own latency must not change with the number of webhook subscriptions. Warm ")
                .append("create-booking invocations, composed as the handler composes them (as in *Warm latency*), with the webhook ")
                .append("queue set as template.yaml sets it, on two tables alike but for their subscriptions: none, and ")
                .append(SUBSCRIPTIONS).append(" subscribed to `*` (").append(((Map<String, Object>) w.get("matchingSubscriptions")).get("twenty"))
                .append(" match `BookingConfirmed`). One booking on each in turn, ").append(w.get("bookingsPerArm"))
                .append(" each after ").append(w.get("warmUpPerArm")).append(" warm-up each. Run ")
                .append(w.get("date")).append(" with `").append(w.get("command")).append("` (").append(w.get("seconds")).append(" s).\n\n")
                .append("| subscriptions | total p50 | total p99 | our code p50 | our code p99 | AWS SDK p50 | Stripe p50 | unexpected status |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String arm : List.of("none", "twenty")) {
            Map<String, Object> row = (Map<String, Object>) w.get(arm);
            md.append("| ").append(arm.equals("none") ? "0" : String.valueOf(SUBSCRIPTIONS)).append(" | ")
                    .append(Report.p(row, "totalMs", "p50")).append(" | ").append(Report.p(row, "totalMs", "p99")).append(" | ")
                    .append(Report.p(row, "ourCodeMs", "p50")).append(" | ").append(Report.p(row, "ourCodeMs", "p99")).append(" | ")
                    .append(Report.p(row, "awsSdkMs", "p50")).append(" | ").append(Report.p(row, "stripeMs", "p50")).append(" | ")
                    .append(row.get("unexpectedStatus")).append(" |\n");
        }
        md.append("\nAWS requests per booking (each distinct set, and how many bookings made it) — with none: ")
                .append(requests.get("none")).append("; with ").append(SUBSCRIPTIONS).append(": ").append(requests.get("twenty"))
                .append(".\n\n")
                .append("Total p50 difference (").append(SUBSCRIPTIONS).append(" − 0): ").append(w.get("totalP50DifferenceMs"))
                .append(" ms; our code: ").append(w.get("ourCodeP50DifferenceMs")).append(" ms. Threshold: ").append(w.get("thresholdMs"))
                .append(" ms, the mean DynamoDB GetItem on moto in this section — a booking that read its subscriptions would make at ")
                .append("least one request more (and one that fanned out to them, ").append(SUBSCRIPTIONS)
                .append(" more), so one request's time is the smallest dependence to catch; the same requests per booking is the exact ")
                .append("part of the verdict. The fan-out is `webhook-dispatch`'s work, off the request path: the booking publishes one ")
                .append("message to the webhook queue whatever the number of subscriptions.\n\n")
                .append("**Verdict: ").append(Boolean.TRUE.equals(verdict.get("met")) ? "latency does not change" : "latency changed")
                .append("**").append(((List<String>) verdict.get("misses")).isEmpty() ? "" : " — " + String.join("; ", (List<String>) verdict.get("misses")))
                .append(".\n");
        return md.toString();
    }
}
