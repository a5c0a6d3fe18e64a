package dev.lessonbook.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lessonbook.emulators.Concurrently;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** Concurrent bookings through the real create-booking handler, in this JVM, against moto. */
public final class Contention {
    private final BenchEnvironment environment;

    public Contention(BenchEnvironment environment) {
        this.environment = environment;
    }

    public Map<String, Object> run() throws Exception {
        // create-booking as its handler composes it (Stripe timed), on a fresh table.
        environment.useFreshTable();
        Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> create = Functions.createBookingTimed();
        Map<String, Object> result = new LinkedHashMap<>();

        environment.instructor("inst_race");
        environment.openWeek("inst_race", BenchEnvironment.MONDAY);
        List<Callable<Timed>> racers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            // 09:00, 09:15 or 09:30 for 60 minutes: every request overlaps every other.
            APIGatewayV2HTTPEvent event = Functions.createBooking("racer_" + i, "inst_race", BenchEnvironment.MONDAY,
                    9 * 60 + 15 * (i % 3), "race-" + i);
            racers.add(() -> timed(create, event));
        }
        long conflictsBefore = SdkCalls.transactionConflicts();
        long started = System.nanoTime();
        List<Timed> raced = Concurrently.run(racers, 50);
        double wall = (System.nanoTime() - started) / 1e6;
        Map<String, Object> race = new LinkedHashMap<>();
        race.put("requests", 50);
        race.put("successes", raced.stream().filter(t -> t.status == 201).count());
        race.put("conflicts409", raced.stream().filter(t -> t.status == 409).count());
        race.put("other", raced.stream().filter(t -> t.status != 201 && t.status != 409).count());
        race.put("wallMs", Percentiles.round(wall));
        race.put("latencyMs", new Percentiles(raced.stream().map(t -> t.ms).toList()).summary(50, 99));
        race.put("stripeMsPerRequest", new Percentiles(raced.stream().map(t -> t.stripeMs).toList()).summary(50, 99));
        race.put("transactionConflictRetries", SdkCalls.transactionConflicts() - conflictsBefore);
        result.put("fiftyOverlapping", race);
        System.out.println("[bench] contention " + race);

        List<Callable<Timed>> load = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            environment.instructor("inst_t" + k);
            environment.openWeek("inst_t" + k, BenchEnvironment.MONDAY);
            for (int b = 0; b < 10; b++) {
                // Ten lessons per instructor, one per hour from 08:00 across the week: no overlaps.
                APIGatewayV2HTTPEvent event = Functions.createBooking("load_" + k + "_" + b, "inst_t" + k,
                        BenchEnvironment.MONDAY.plusDays(b % 7), (8 + b) * 60, "load-" + k + "-" + b);
                load.add(() -> timed(create, event));
            }
        }
        Collections.shuffle(load, new Random(9));
        conflictsBefore = SdkCalls.transactionConflicts();
        started = System.nanoTime();
        List<Timed> served = Concurrently.run(load, 16);
        wall = (System.nanoTime() - started) / 1e6;
        Map<String, Object> throughput = new LinkedHashMap<>();
        throughput.put("requests", 400);
        throughput.put("clients", 16);
        throughput.put("instructors", 40);
        throughput.put("successes", served.stream().filter(t -> t.status == 201).count());
        throughput.put("other", served.stream().filter(t -> t.status != 201).count());
        throughput.put("wallMs", Percentiles.round(wall));
        throughput.put("bookingsPerSecond", Percentiles.round(400 / (wall / 1000)));
        throughput.put("latencyMs", new Percentiles(served.stream().map(t -> t.ms).toList()).summary(50, 99));
        throughput.put("stripeMsPerRequest", new Percentiles(served.stream().map(t -> t.stripeMs).toList()).summary(50, 99));
        throughput.put("transactionConflictRetries", SdkCalls.transactionConflicts() - conflictsBefore);
        result.put("fourHundredOverForty", throughput);
        System.out.println("[bench] contention " + throughput);
        return result;
    }

    private record Timed(int status, double ms, double stripeMs) {}

    private static Timed timed(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function, APIGatewayV2HTTPEvent event) {
        long stripeBefore = TimedPayments.nanosOnThisThread();
        long started = System.nanoTime();
        int status = function.apply(event).getStatusCode();
        return new Timed(status, (System.nanoTime() - started) / 1e6, (TimedPayments.nanosOnThisThread() - stripeBefore) / 1e6);
    }

}
