package dev.lessonbook.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Warm invocations in this JVM, one after another on one thread (as one Lambda instance serves
 * them): after a warm-up, each invocation's total time, and the part left when the time inside
 * AWS SDK calls ({@link SdkCalls}) and Stripe calls ({@link TimedPayments}) is taken out.
 */
public final class WarmLatency {
    private final BenchEnvironment environment;
    private final int warmUp;
    private final int measured;

    public WarmLatency(BenchEnvironment environment, int warmUp, int measured) {
        this.environment = environment;
        this.warmUp = warmUp;
        this.measured = measured;
    }

    /** One row per workload. */
    public Map<String, Object> run() {
        Map<String, Object> rows = new LinkedHashMap<>();
        int total = warmUp + measured;

        String saver = "inst_save";
        environment.instructor(saver);
        rows.put("save-availability (save a week)", measure(Functions.saveAvailability(),
                i -> Functions.saveWeek(saver, BenchEnvironment.MONDAY.plusWeeks(i % 8), i / 8), 200));

        // Bookings: 12 instructors x 2 weeks x 7 days x 14 hours (07:00-21:00) = 2352 free hours.
        int instructors = Math.max(1, (total + 195) / 196);
        for (int k = 0; k < instructors; k++) {
            environment.instructor("inst_w" + k);
            environment.openWeek("inst_w" + k, BenchEnvironment.MONDAY);
            environment.openWeek("inst_w" + k, BenchEnvironment.MONDAY.plusWeeks(1));
        }
        List<String[]> bookings = new ArrayList<>();
        Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> create = Functions.createBookingTimed();
        rows.put("create-booking (success, card saved)", measure(event -> {
            APIGatewayV2HTTPResponse response = create.apply(event);
            if (response.getStatusCode() == 201) {
                bookings.add(new String[] {event.getRequestContext().getAuthorizer().getJwt().getClaims().get("sub"),
                        Functions.idOf(response)});
            }
            return response;
        }, i -> {
            int slot = i % 196;
            LocalDate date = BenchEnvironment.MONDAY.plusDays(slot / 14);
            return Functions.createBooking("stud_w" + i, "inst_w" + (i / 196), date, (7 + slot % 14) * 60, "warm-" + i);
        }, 201));

        LocalDate week = BenchEnvironment.MONDAY;
        rows.put("get-availability (week, cached view)", measure(Functions.getAvailability(),
                i -> Functions.readWeek("stud_r", "inst_w0", week, false), 200));
        rows.put("get-availability (bookable view, cached)", measure(Functions.getAvailability(),
                i -> Functions.readWeek("stud_r", "inst_w0", week, true), 200));
        rows.put("booking-stats (cached view)", measure(Functions.bookingStats(), i -> Functions.stats("inst_w0"), 200));

        Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> cancel = Functions.cancelBookingTimed();
        rows.put("cancel-booking (> 24 h ahead, nothing charged)", measure(cancel, i -> {
            String[] booking = bookings.get(i % bookings.size());
            return Functions.cancelBooking(booking[0], booking[1]);
        }, 200));
        return rows;
    }

    private Map<String, Object> measure(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function,
            IntFunction<APIGatewayV2HTTPEvent> events, int expectedStatus) {
        int total = warmUp + measured;
        double[] totals = new double[measured];
        double[] ours = new double[measured];
        double[] sdk = new double[measured];
        double[] stripe = new double[measured];
        int unexpected = 0;
        String example = null;
        for (int i = 0; i < total; i++) {
            APIGatewayV2HTTPEvent event = events.apply(i);
            long sdkBefore = SdkCalls.nanosOnThisThread();
            long stripeBefore = TimedPayments.nanosOnThisThread();
            long started = System.nanoTime();
            APIGatewayV2HTTPResponse response = function.apply(event);
            long elapsed = System.nanoTime() - started;
            long inSdk = SdkCalls.nanosOnThisThread() - sdkBefore;
            long inStripe = TimedPayments.nanosOnThisThread() - stripeBefore;
            if (response.getStatusCode() != expectedStatus) {
                unexpected++;
                example = response.getStatusCode() + " " + response.getBody();
            }
            if (i >= warmUp) {
                int at = i - warmUp;
                totals[at] = elapsed / 1e6;
                sdk[at] = inSdk / 1e6;
                stripe[at] = inStripe / 1e6;
                ours[at] = Math.max(0, elapsed - inSdk - inStripe) / 1e6;
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("invocations", measured);
        row.put("warmUp", warmUp);
        row.put("totalMs", new Percentiles(totals).summary(50, 99));
        row.put("ourCodeMs", new Percentiles(ours).summary(50, 99));
        row.put("awsSdkMs", new Percentiles(sdk).summary(50, 99));
        row.put("stripeMs", new Percentiles(stripe).summary(50, 99));
        row.put("unexpectedStatus", unexpected);
        if (example != null) {
            row.put("unexpectedExample", example.length() > 300 ? example.substring(0, 300) : example);
        }
        System.out.println("[bench] warm " + row);
        return row;
    }
}
