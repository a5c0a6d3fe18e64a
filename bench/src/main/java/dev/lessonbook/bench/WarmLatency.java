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
    private final int bookingWarmUp;
    private final int bookingsMeasured;

    /**
     * @param bookingsMeasured create- and cancel-booking may run fewer: each is two transactions,
     *        a Stripe call and an open week per 147 bookings on moto and localstripe
     */
    public WarmLatency(BenchEnvironment environment, int warmUp, int measured, int bookingWarmUp, int bookingsMeasured) {
        this.environment = environment;
        this.warmUp = warmUp;
        this.measured = measured;
        this.bookingWarmUp = bookingWarmUp;
        this.bookingsMeasured = bookingsMeasured;
    }

    /** One row per workload. */
    public Map<String, Object> run() {
        Map<String, Object> rows = new LinkedHashMap<>();

        // The real handler classes, on the table the cost section left (inst_cost: a week, a cancelled booking).
        String saver = "inst_save";
        environment.instructor(saver);
        rows.put("save-availability (save a week)", measure(Functions.saveAvailability(),
                i -> Functions.saveWeek(saver, BenchEnvironment.MONDAY.plusWeeks(i % 8), i / 8), 200));
        LocalDate week = BenchEnvironment.MONDAY;
        rows.put("get-availability (week, cached view)", measure(Functions.getAvailability(),
                i -> Functions.readWeek("stud_r", "inst_cost", week, false), 200));
        rows.put("get-availability (bookable view, cached)", measure(Functions.getAvailability(),
                i -> Functions.readWeek("stud_r", "inst_cost", week, true), 200));
        rows.put("booking-stats (cached view)", measure(Functions.bookingStats(), i -> Functions.stats("inst_cost"), 200));

        // Bookings in chunks, each on a fresh table (see BenchEnvironment.useFreshTable): create a
        // chunk, then cancel it. Lessons two hours apart (the default buffers would make adjacent
        // hours overlap): 7 a day x 7 days x 3 weeks = 147 per instructor.
        Sample created = new Sample();
        Sample cancelled = new Sample();
        // Each chunk's first 2 calls are not counted, so chunks go on until bookingsMeasured are
        // (bounded, should bookings keep failing: unexpected answers are reported, not retried forever).
        int chunk = 50;
        int limit = 2 * (bookingWarmUp + bookingsMeasured);
        for (int from = 0; from < limit && (created.measured() < bookingsMeasured || cancelled.measured() < bookingsMeasured);
                from += chunk) {
            int to = from + chunk;
            environment.useFreshTable();
            int instructors = (to - from + 146) / 147;
            for (int k = 0; k < instructors; k++) {
                environment.instructor("inst_w" + k);
                for (int w = 0; w < 3; w++) {
                    environment.openWeek("inst_w" + k, BenchEnvironment.MONDAY.plusWeeks(w));
                }
            }
            Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> create = Functions.createBookingTimed();
            Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> cancel = Functions.cancelBookingTimed();
            // A new composition has new connections: its first calls are not measured.
            int first = from;
            List<String[]> bookings = new ArrayList<>();
            for (int i = from; i < to; i++) {
                int n = i - first;
                int slot = n % 147;
                String student = "stud_w" + i;
                APIGatewayV2HTTPEvent event = Functions.createBooking(student, "inst_w" + (n / 147),
                        BenchEnvironment.MONDAY.plusDays(slot / 7), (7 + 2 * (slot % 7)) * 60, "warm-" + i);
                APIGatewayV2HTTPResponse response = created.invoke(create, event, 201, i >= bookingWarmUp && n >= 2);
                if (response.getStatusCode() == 201) {
                    bookings.add(new String[] {student, Functions.idOf(response)});
                }
            }
            for (int b = 0; b < bookings.size(); b++) {
                String[] booking = bookings.get(b);
                cancelled.invoke(cancel, Functions.cancelBooking(booking[0], booking[1]), 200, from + b >= bookingWarmUp && b >= 2);
            }
        }
        rows.put("create-booking (success, card saved)", created.row(bookingWarmUp));
        rows.put("cancel-booking (> 24 h ahead, nothing charged)", cancelled.row(bookingWarmUp));
        System.out.println("[bench] warm " + rows);
        return rows;
    }

    /** Invocations of one workload, their times kept when {@code measured}. */
    static final class Sample {
        private final List<Double> totals = new ArrayList<>();
        private final List<Double> ours = new ArrayList<>();
        private final List<Double> sdk = new ArrayList<>();
        private final List<Double> stripe = new ArrayList<>();
        private int unexpected;
        private String example;

        APIGatewayV2HTTPResponse invoke(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function,
                APIGatewayV2HTTPEvent event, int expectedStatus, boolean measured) {
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
            if (measured) {
                totals.add(elapsed / 1e6);
                sdk.add(inSdk / 1e6);
                stripe.add(inStripe / 1e6);
                ours.add(Math.max(0, elapsed - inSdk - inStripe) / 1e6);
            }
            return response;
        }

        int measured() {
            return totals.size();
        }

        Map<String, Object> row(int warmUp) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("invocations", totals.size());
            row.put("warmUp", warmUp);
            row.put("totalMs", new Percentiles(totals).summary(50, 99));
            row.put("ourCodeMs", new Percentiles(ours).summary(50, 99));
            row.put("awsSdkMs", new Percentiles(sdk).summary(50, 99));
            row.put("stripeMs", new Percentiles(stripe).summary(50, 99));
            row.put("unexpectedStatus", unexpected);
            if (example != null) {
                row.put("unexpectedExample", example.length() > 300 ? example.substring(0, 300) : example);
            }
            return row;
        }
    }

    private Map<String, Object> measure(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function,
            IntFunction<APIGatewayV2HTTPEvent> events, int expectedStatus) {
        Sample sample = new Sample();
        for (int i = 0; i < warmUp + measured; i++) {
            sample.invoke(function, events.apply(i), expectedStatus, i >= warmUp);
        }
        Map<String, Object> row = sample.row(warmUp);
        System.out.println("[bench] warm " + row);
        return row;
    }
}
