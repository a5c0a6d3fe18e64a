package dev.lessonbook.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every benchmark of issue 9 and writes bench/results.json and docs/performance.md.
 * Run through {@code ./bench/run}; {@code -Dbench.args="--quick"} makes a smoke run.
 */
public final class Benchmarks {
    /** Every function behind the HTTP API, in the order of template.yaml. */
    static final List<String> COLD_FUNCTIONS = List.of("put-profile", "get-profile", "save-availability", "get-availability",
            "create-booking", "get-booking", "list-bookings", "cancel-booking", "complete-booking", "booking-stats");
    /** The other functions, measured too (the 3 × target is for the HTTP functions), with their sample events. */
    static final Map<String, String> OTHER_FUNCTIONS = Map.of(
            "cache-worker", "sqs/invalidation-batch.json",
            "notification-worker", "sqs/notification-batch.json",
            "outbox-relay", "schedule/outbox-relay.json",
            "payment-scheduler", "schedule/payment-scheduler.json");
    /**
     * Functions cold-started only when named with {@code --cold=} (no setup data of their own, so not
     * in the full run's list), with their sample events; e.g. {@code --cold=webhook-delivery} checks that
     * the runtime starts that zip and its handler answers.
     */
    static final Map<String, String> ON_REQUEST_FUNCTIONS = Map.of(
            "webhook-delivery", "sqs/webhook-delivery-batch.json",
            "webhook-dispatch", "sqs/webhook-batch.json",
            "webhook-retry", "schedule/webhook-retry.json",
            "webhook-subscriptions", "http/create-webhook-subscription.json",
            "time-off", "http/put-time-off.json");

    private Benchmarks() {}

    public static void main(String[] ignored) throws Exception {
        long started = System.nanoTime();
        Path root = Path.of(System.getProperty("lessonbook.root", ".")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("bench.work", root.resolve("bench/target/bench-work").toString()));
        Path ric = Path.of(System.getProperty("bench.ric", root.resolve("bench/target/ric").toString()));
        List<String> args = Arrays.stream(System.getProperty("bench.args", "").trim().split("\\s+")).filter(a -> !a.isBlank()).toList();
        boolean quick = args.contains("--quick");
        int coldRuns = intArg(args, "--cold-runs=", quick ? 2 : 15);
        int warmRuns = intArg(args, "--warm=", quick ? 50 : 2000);
        int warmUp = intArg(args, "--warm-up=", quick ? 20 : 1000);
        int bookingRuns = intArg(args, "--warm-bookings=", quick ? 30 : 2000);
        int bookingWarmUp = intArg(args, "--warm-bookings-up=", quick ? 10 : 200);
        int primedWarm = intArg(args, "--primed-warm=", quick ? 3 : 10);
        List<String> coldFunctions = args.stream().filter(a -> a.startsWith("--cold=")).findFirst()
                .map(a -> List.of(a.substring(7).split(","))).orElseGet(() -> {
                    List<String> all = new ArrayList<>(COLD_FUNCTIONS);
                    OTHER_FUNCTIONS.keySet().stream().sorted().forEach(all::add);
                    return all;
                });
        Files.createDirectories(work);
        if (args.contains("--report-only") && args.contains("--only=keyspread")) {
            // Recomputes the capacity model and docs/capacity.md from bench/keyspread.json's measured key spread.
            KeySpread.reportOnly(root, quick || args.stream().anyMatch(a -> a.startsWith("--day=")));
            System.exit(0);
        }
        if (args.contains("--report-only")) {
            // Rewrites docs/performance.md from bench/results.json, e.g. after a change to the report's text.
            @SuppressWarnings("unchecked")
            Map<String, Object> saved = new ObjectMapper().readValue(root.resolve("bench/results.json").toFile(), LinkedHashMap.class);
            Files.writeString(root.resolve("docs/performance.md"), Report.markdown(saved));
            System.exit(0);
        }

        if (args.contains("--only=keyspread")) {
            // The key spread and docs/capacity.md alone (issue 20): no sam build, no other section.
            try (BenchEnvironment environment = BenchEnvironment.start()) {
                KeySpread.section(root, environment, quick, args);
            } catch (Exception failed) {
                // Threads the section started (Stripe pass-through, pollers) would keep the JVM up.
                failed.printStackTrace();
                System.exit(1);
            }
            System.exit(0);
        }

        int webhookBookings = intArg(args, "--webhook-bookings=", quick ? 30 : 1000);
        int webhookWarmUp = intArg(args, "--webhook-bookings-up=", quick ? 10 : 100);
        if (args.contains("--only=webhooks")) {
            // The booking latency with 0 and 20 webhook subscriptions alone (issue 18), merged into the
            // results of the last full run: the other sections and their figures are kept as they are.
            Path resultsFile = root.resolve(quick ? "bench/target/results-quick.json" : "bench/results.json");
            Path reportFile = root.resolve(quick ? "bench/target/performance-quick.md" : "docs/performance.md");
            @SuppressWarnings("unchecked")
            Map<String, Object> saved = new ObjectMapper().readValue(root.resolve("bench/results.json").toFile(), LinkedHashMap.class);
            try (BenchEnvironment environment = BenchEnvironment.start()) {
                long sectionStarted = System.nanoTime();
                Map<String, Object> section = new LinkedHashMap<>();
                section.put("date", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
                section.put("command", "./bench/run " + String.join(" ", args));
                section.put("machine", Machine.describe());
                section.putAll(new WebhookLatency(environment, webhookWarmUp, webhookBookings).run());
                section.put("seconds", elapsed(sectionStarted));
                saved.put("webhookLatency", section);
                saved.put("targets", Targets.evaluate(saved));
                ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                Files.writeString(resultsFile, json.writeValueAsString(saved) + "\n");
                Files.writeString(reportFile, Report.markdown(saved));
                System.out.println("[bench] wrote the webhook section into " + resultsFile + " and " + reportFile);
            } catch (Exception failed) {
                failed.printStackTrace();
                System.exit(1);
            }
            System.exit(0);
        }

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("date", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        results.put("machine", Machine.describe());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("command", "./bench/run" + (args.isEmpty() ? "" : " " + String.join(" ", args)));
        run.put("coldStartRuns", coldRuns);
        run.put("coldStartFunctions", coldFunctions);
        run.put("coldStartJvmFlags", ColdStart.JVM_FLAGS);
        run.put("warmInvocations", warmRuns);
        run.put("warmUpInvocations", warmUp);
        run.put("warmBookingInvocations", bookingRuns);
        run.put("warmBookingWarmUp", bookingWarmUp);
        run.put("primedWarmInvocations", primedWarm);
        results.put("run", run);
        Map<String, Object> seconds = new LinkedHashMap<>();
        Map<String, Object> awsCalls = new LinkedHashMap<>();
        List<String> skip = args.stream().filter(a -> a.startsWith("--skip=")).findFirst()
                .map(a -> List.of(a.substring(7).split(","))).orElse(List.of());

        long at = System.nanoTime();
        SamBuild.Built sam = SamBuild.run(root, work);
        run.put("samCli", sam.samVersion());
        run.put("samBuild", sam.notes());
        results.put("artifacts", Artifacts.measure(root, sam));
        seconds.put("artifacts", elapsed(at));

        try (BenchEnvironment environment = BenchEnvironment.start()) {
            // First: it initialises the handler classes on its own table (they keep it), and
            // the later sections then use that table too.
            at = System.nanoTime();
            if (!skip.contains("keyspread")) {
                KeySpread.section(root, environment, quick, args);
            }
            seconds.put("keySpread", elapsed(at));

            at = System.nanoTime();
            SdkCalls.drainByOperation();
            results.put("costPerOperation", new CostPerOperation(environment).run());
            seconds.put("costPerOperation", elapsed(at));
            SdkCalls.drainByOperation();

            at = System.nanoTime();
            if (!skip.contains("warm")) {
                results.put("warmLatency", new WarmLatency(environment, warmUp, warmRuns, bookingWarmUp, bookingRuns).run());
            }
            seconds.put("warmLatency", elapsed(at));
            awsCalls.put("warmLatency", SdkCalls.drainByOperation());

            at = System.nanoTime();
            if (!skip.contains("webhooks")) {
                Map<String, Object> section = new LinkedHashMap<>();
                section.put("date", results.get("date"));
                section.put("command", run.get("command"));
                section.putAll(new WebhookLatency(environment, webhookWarmUp, webhookBookings).run());
                section.put("seconds", elapsed(at));
                results.put("webhookLatency", section);
            }
            seconds.put("webhookLatency", elapsed(at));
            SdkCalls.drainByOperation();

            at = System.nanoTime();
            Path rie = Emulator.ensure(work, System.getProperty("bench.rie.version", "latest"));
            ColdStart cold = new ColdStart(root, work, rie, ric, environment);
            if (!skip.contains("cold")) {
                results.put("coldStart", cold.run(coldFunctions, coldRuns));
            }
            seconds.put("coldStart", elapsed(at));
            SdkCalls.drainByOperation();

            at = System.nanoTime();
            if (!skip.contains("primed")) {
                results.put("primedColdStart", new PrimedColdStart(cold, work, environment).run(coldFunctions, coldRuns, primedWarm));
            }
            seconds.put("primedColdStart", elapsed(at));
            SdkCalls.drainByOperation();


            at = System.nanoTime();
            if (!skip.contains("contention")) {
                results.put("contention", new Contention(environment).run());
            }
            seconds.put("contention", elapsed(at));
            awsCalls.put("contention", SdkCalls.drainByOperation());
        }
        seconds.put("total", elapsed(started));
        run.put("sectionSeconds", seconds);
        results.put("awsCallsOnMoto", awsCalls);
        System.out.println("[bench] aws calls " + awsCalls);
        if (!skip.isEmpty()) {
            System.out.println("[bench] skipped " + skip + ": nothing written");
            System.exit(0);
        }
        results.put("targets", Targets.evaluate(results));

        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path resultsFile = root.resolve(quick ? "bench/target/results-quick.json" : "bench/results.json");
        Path reportFile = root.resolve(quick ? "bench/target/performance-quick.md" : "docs/performance.md");
        Files.writeString(resultsFile, json.writeValueAsString(results) + "\n");
        Files.writeString(reportFile, Report.markdown(results));
        System.out.println("[bench] wrote " + resultsFile + " and " + reportFile + " in " + seconds.get("total") + " s");
        System.exit(0);
    }

    private static double elapsed(long since) {
        return Math.round((System.nanoTime() - since) / 1e8) / 10.0;
    }

    private static int intArg(List<String> args, String prefix, int fallback) {
        return args.stream().filter(a -> a.startsWith(prefix)).findFirst()
                .map(a -> Integer.parseInt(a.substring(prefix.length()))).orElse(fallback);
    }

    /** aws-lambda-rie, built once from its Go module (the module proxy) into the work directory. */
    static final class Emulator {
        private Emulator() {}

        static Path ensure(Path work, String version) throws IOException, InterruptedException {
            Path bin = work.resolve("tools");
            Path rie = bin.resolve("aws-lambda-rie");
            if (Files.isExecutable(rie)) {
                return rie;
            }
            Files.createDirectories(bin);
            ProcessBuilder go = new ProcessBuilder("go", "install",
                    "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie@" + version)
                    .inheritIO().directory(work.toFile());
            go.environment().put("GOBIN", bin.toAbsolutePath().toString());
            Process build = go.start();
            if (build.waitFor() != 0 || !Files.isExecutable(rie)) {
                throw new IllegalStateException("could not build aws-lambda-rie with `go install` (is Go installed?)");
            }
            return rie;
        }
    }
}
