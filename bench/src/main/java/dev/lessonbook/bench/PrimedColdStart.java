package dev.lessonbook.bench;

import dev.lessonbook.bench.primed.SnapStartLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a SnapStart cold start our code controls (issue 19): the same fresh JVM as
 * {@link ColdStart} — aws-lambda-rie, the runtime interface client, the function's unpacked zip,
 * template.yaml's JVM flags — started through {@link SnapStartLauncher}, which runs the
 * function's init and then its SnapStart hooks (priming before the checkpoint, the re-reads after
 * the restore) as Lambda does when it publishes a version and restores it; the restore itself
 * takes no time here. Then the first real invocation, and {@code warm} more in the same JVM: the
 * function's warm p50 under the same conditions (C1, the emulator, moto), each with its own data,
 * so a repeat takes the same path as the first (a new booking, another booking to cancel or
 * complete, new event ids). On Lambda a restored function starts from the snapshot of exactly
 * that state, so the first invocation here is what a restored function's first invocation costs
 * in our code.
 */
final class PrimedColdStart {
    /** What Lambda's Java runtime sets for org.crac, and what the init Lambda snapshots is told. */
    static final List<String> SNAPSTART_FLAGS = List.of(
            "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac", "-DAWS_LAMBDA_INITIALIZATION_TYPE=snap-start");
    static final double FIRST_TO_WARM = 3.0;
    private static final Pattern PRIMING = Pattern.compile(
            "PRIMING REPORT\\(staticInitMs: ([0-9.]+), beforeCheckpointMs: ([0-9.]+), afterRestoreMs: ([0-9.]+)\\)");
    private static final Pattern REPORT = Pattern.compile("REPORT RequestId");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("(\"idempotency-key\"\\s*:\\s*\")[^\"]*");
    /** The date and start of the create-booking sample's body (JSON inside a JSON string). */
    private static final Pattern SLOT = Pattern.compile("(\\\\\"date\\\\\":\\\\\")[0-9-]{10}(\\\\\",\\\\\"start\\\\\":\\\\\")[0-9:]{5}");
    /** Lessons of 60 minutes every 75 (the 15-minute buffer after an online lesson), 07:00 to 20:30. */
    private static final int SLOTS_PER_DAY = 11;

    private final ColdStart cold;
    private final Path work;
    private final BenchEnvironment environment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    PrimedColdStart(ColdStart cold, Path work, BenchEnvironment environment) {
        this.cold = cold;
        this.work = work;
        this.environment = environment;
    }

    Map<String, Object> run(List<String> functions, int runs, int warm) throws Exception {
        if (warm + 1 > 3 * SLOTS_PER_DAY) {
            throw new IllegalArgumentException("at most " + (3 * SLOTS_PER_DAY - 1) + " warm invocations per run");
        }
        Map<String, Path> tasks = new LinkedHashMap<>();
        tasks.put(ColdStart.HELLO, cold.helloTask());
        for (String function : functions) {
            tasks.put(function, cold.unpack(function));
        }
        Path launcher = launcherTask();
        environment.useFreshTable();
        var create = Functions.createBookingTimed();
        LocalDate pastWeek = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(2);
        Clock backThen = Clock.fixed(pastWeek.minusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        var createBackThen = Functions.createBookingTimed(backThen);
        List<List<String>> toCancel = new ArrayList<>();
        List<List<String>> toComplete = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            environment.instructor(instructor(r));
            environment.openWeek(instructor(r), BenchEnvironment.MONDAY);
            environment.openWeek(instructor(r), pastWeek, backThen);
            // Booked by the create-booking invocations: an instructor of its own, whose week the
            // save-availability invocations (which save the sample's windows for instructor(r)) leave open.
            environment.instructor(bookable(r));
            environment.openWeek(bookable(r), BenchEnvironment.MONDAY);
            List<String> cancel = new ArrayList<>();
            List<String> complete = new ArrayList<>();
            for (int i = 0; i <= warm; i++) {
                // Days 3-6 of the week: the create-booking invocations book days 0-2 (of another instructor).
                cancel.add(Functions.idOf(create.apply(Functions.createBooking(student(r), instructor(r),
                        BenchEnvironment.MONDAY.plusDays(3 + i / SLOTS_PER_DAY), minute(i), "primed-" + r + "-" + i))));
                complete.add(Functions.idOf(createBackThen.apply(Functions.createBooking(student(r), instructor(r),
                        pastWeek.plusDays(i / SLOTS_PER_DAY), minute(i), "primed-ended-" + r + "-" + i))));
            }
            toCancel.add(cancel);
            toComplete.add(complete);
        }
        Map<String, List<Map<String, Object>>> samples = new LinkedHashMap<>();
        tasks.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
        for (int r = 0; r < runs; r++) {
            for (Map.Entry<String, Path> task : tasks.entrySet()) {
                int run = r;
                Function<Integer, String> event = i -> eventOf(task.getKey(), run, i, toCancel.get(run), toComplete.get(run));
                Map<String, Object> sample = once(task.getKey(), task.getValue(), launcher, event, warm + 1);
                samples.get(task.getKey()).add(sample);
                System.out.println("[bench] primed " + task.getKey() + " run " + r + " " + sample);
            }
        }
        return rows(samples);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rows(Map<String, List<Map<String, Object>>> samples) {
        Map<String, Object> rows = new LinkedHashMap<>();
        for (Map.Entry<String, List<Map<String, Object>>> entry : samples.entrySet()) {
            List<Map<String, Object>> ok = entry.getValue().stream().filter(s -> s.containsKey("initMs")).toList();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("runs", entry.getValue().size());
            row.put("measuredRuns", ok.size());
            row.put("initWithPrimingMs", summary(ok, s -> (Double) s.get("initMs")));
            row.put("staticInitMs", summary(ok, s -> (Double) s.get("staticInitMs")));
            row.put("beforeCheckpointMs", summary(ok, s -> (Double) s.get("beforeCheckpointMs")));
            row.put("afterRestoreMs", summary(ok, s -> (Double) s.get("afterRestoreMs")));
            Percentiles first = new Percentiles(ok.stream().map(s -> (Double) s.get("firstMs")).toList());
            row.put("firstInvocationMs", first.summary(50, 90));
            Percentiles warm = new Percentiles(ok.stream().flatMap(s -> ((List<Double>) s.get("warmMs")).stream()).toList());
            row.put("warmInvocations", warm.count());
            row.put("warmMs", warm.summary(50, 90));
            row.put("firstToWarmP50", Percentiles.round(first.p(50) / warm.p(50)));
            row.put("statusCodes", entry.getValue().stream().flatMap(s -> ((List<Object>) s.get("statuses")).stream())
                    .map(String::valueOf).distinct().toList());
            rows.put(entry.getKey(), row);
        }
        return rows;
    }

    private static Map<String, Object> summary(List<Map<String, Object>> samples, Function<Map<String, Object>, Double> value) {
        return new Percentiles(samples.stream().map(value).toList()).summary(50, 90);
    }

    /** The i-th invocation's event of a run: the first is i = 0. */
    private String eventOf(String function, int run, int i, List<String> toCancel, List<String> toComplete) {
        try {
            return switch (function) {
                case ColdStart.HELLO -> "{}";
                case "create-booking" -> {
                    String sample = cold.event(function, bookable(run), student(run), "");
                    Matcher slot = SLOT.matcher(sample);
                    String moved = slot.replaceFirst(match -> Matcher.quoteReplacement(match.group(1)
                            + BenchEnvironment.MONDAY.plusDays(i / SLOTS_PER_DAY) + match.group(2) + Functions.hhmm(minute(i))));
                    yield IDEMPOTENCY_KEY.matcher(moved).replaceFirst(match -> Matcher.quoteReplacement(match.group(1) + UUID.randomUUID()));
                }
                case "cancel-booking" -> cold.event(function, instructor(run), student(run), toCancel.get(i));
                case "complete-booking" -> cold.event(function, instructor(run), student(run), toComplete.get(i));
                default -> cold.event(function, instructor(run), student(run), toCancel.getLast());
            };
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, Object> once(String name, Path task, Path launcher, Function<Integer, String> events, int invocations)
            throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = work.resolve("primed-logs").resolve(name + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = cold.emulator(name, task, port, log, SNAPSTART_FLAGS, List.of(launcher), SnapStartLauncher.class.getName());
        long started = System.nanoTime();
        Process process = builder.start();
        Map<String, Object> sample = new LinkedHashMap<>();
        try {
            ColdStart.awaitListening(port, started);
            List<Object> statuses = new ArrayList<>();
            for (int i = 0; i < invocations; i++) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/2015-03-31/functions/function/invocations"))
                        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(events.apply(i))).build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher status = ColdStart.STATUS.matcher(response.body());
                statuses.add(status.find() ? Integer.parseInt(status.group(1)) : ColdStart.outcomeOf(response.body()));
            }
            sample.put("statuses", statuses.stream().distinct().toList());
            String output = awaitReports(log, invocations);
            Matcher init = ColdStart.INIT.matcher(output);
            Matcher priming = PRIMING.matcher(output);
            Matcher invoke = ColdStart.INVOKE.matcher(output);
            List<Double> durations = new ArrayList<>();
            while (invoke.find()) {
                durations.add(Percentiles.round(Double.parseDouble(invoke.group(2))));
            }
            if (init.find() && priming.find() && durations.size() == invocations) {
                sample.put("initMs", Percentiles.round(Double.parseDouble(init.group(1))));
                sample.put("staticInitMs", Double.parseDouble(priming.group(1)));
                sample.put("beforeCheckpointMs", Double.parseDouble(priming.group(2)));
                sample.put("afterRestoreMs", Double.parseDouble(priming.group(3)));
                sample.put("firstMs", durations.getFirst());
                sample.put("warmMs", durations.subList(1, durations.size()));
            } else {
                sample.put("error", ColdStart.abbreviate(output));
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
        return sample;
    }

    /** The log once the emulator reported every invocation (or after 10 s). */
    private static String awaitReports(Path log, int invocations) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String output = "";
        while (System.nanoTime() < deadline) {
            output = Files.readString(log);
            if (REPORT.matcher(output).results().count() >= invocations) {
                return output;
            }
            Thread.sleep(10);
        }
        return output;
    }

    /** The launcher's class, laid out as a class path entry of its own (it must not see the benchmark's classes). */
    private Path launcherTask() throws IOException {
        Path task = work.resolve("cold-tasks").resolve("_snapstart-launcher");
        ColdStart.deleteTree(task);
        String resource = SnapStartLauncher.class.getName().replace('.', '/') + ".class";
        Path target = task.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = PrimedColdStart.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
        return task;
    }

    private static String instructor(int run) {
        return "inst_p" + run;
    }

    private static String bookable(int run) {
        return "inst_pb" + run;
    }

    private static String student(int run) {
        return "stud_p" + run;
    }

    /** The i-th lesson's start in minutes of its day. */
    private static int minute(int i) {
        return 7 * 60 + 75 * (i % SLOTS_PER_DAY);
    }

    /** Every function's primed first invocation within {@link #FIRST_TO_WARM} × its warm p50. */
    @SuppressWarnings("unchecked")
    static List<String> misses(Map<String, Object> results) {
        List<String> missed = new ArrayList<>();
        Map<String, Object> rows = (Map<String, Object>) results.get("primedColdStart");
        if (rows == null) {
            return List.of("not measured");
        }
        rows.forEach((name, value) -> {
            Object ratio = ((Map<String, Object>) value).get("firstToWarmP50");
            if (!name.equals(ColdStart.HELLO) && (!(ratio instanceof Number number) || !(number.doubleValue() <= FIRST_TO_WARM))) {
                missed.add(name + " " + ratio + "x");
            }
        });
        return missed;
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> results, Map<String, Object> run) {
        Map<String, Object> rows = (Map<String, Object>) results.get("primedColdStart");
        if (rows == null) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n## Primed first invocation (SnapStart)\n\n")
                .append("What a SnapStart cold start costs in our code. The same fresh JVM as the cold start above — the emulator, the ")
                .append("runtime client, the unpacked zip, the same JVM flags — started through `SnapStartLauncher`, which runs the ")
                .append("function's init, then its SnapStart hooks as Lambda's runtime runs them (org.crac pointed at the runtime ")
                .append("client's checkpoint context, `").append(String.join(" ", SNAPSTART_FLAGS)).append("`): *priming* is ")
                .append("`beforeCheckpoint` (docs/decisions.md, \"SnapStart priming\"), *after restore* the re-reads (the Stripe key ")
                .append("from Parameter Store in the functions with Stripe). The restore itself takes no time here: nothing is ")
                .append("snapshotted, so on Lambda add the `RESTORE_REPORT` duration. *init with priming* is the emulator's INIT REPORT ")
                .append("(JVM start to the first `/next`, the hooks included). Then the first invocation and ").append(run.get("primedWarmInvocations"))
                .append(" more in the same JVM, each with its own data (a new booking, another booking to cancel or complete, new ")
                .append("event ids), whose p50 is the function's *warm p50* here (C1, moto); a JVM warmed by thousands of invocations ")
                .append("is faster, so the ratio is a lower bound. ").append(run.get("coldStartRuns"))
                .append(" runs per function, interleaved; the hello-world floor has no hooks. Target: first ≤ ")
                .append(FIRST_TO_WARM).append(" × warm p50, every function.\n\n")
                .append("| function | init with priming p50 | static init p50 | priming p50 | after restore p50 | first p50 | first p90 | warm p50 | first ÷ warm p50 | status |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        rows.forEach((name, value) -> {
            Map<String, Object> row = (Map<String, Object>) value;
            md.append("| ").append(name).append(" | ").append(p(row, "initWithPrimingMs", "p50")).append(" | ")
                    .append(p(row, "staticInitMs", "p50")).append(" | ").append(p(row, "beforeCheckpointMs", "p50")).append(" | ")
                    .append(p(row, "afterRestoreMs", "p50")).append(" | ").append(p(row, "firstInvocationMs", "p50")).append(" | ")
                    .append(p(row, "firstInvocationMs", "p90")).append(" | ").append(p(row, "warmMs", "p50")).append(" | ")
                    .append(row.get("firstToWarmP50")).append(" | ").append(row.get("statusCodes")).append(" |\n");
        });
        return md.append("\nAll times in ms.\n").toString();
    }

    @SuppressWarnings("unchecked")
    private static Object p(Map<String, Object> row, String key, String percentile) {
        Object value = row.get(key);
        return value == null ? "—" : ((Map<String, Object>) value).get(percentile);
    }
}
