package dev.lessonbook.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Cold starts the way Lambda starts a Java function: the AWS Lambda Runtime Interface Emulator
 * (aws-lambda-rie, built from its Go module) runs a fresh JVM per run with the Lambda runtime
 * interface client, which loads the handler from the function's unpacked zip
 * ({@code LAMBDA_TASK_ROOT}: classes plus lib/*.jar) with the JVM flags of template.yaml; then one
 * invocation with the function's sample event against moto. The emulator reports the init phase
 * (JVM start, runtime client, handler class loading and static init, up to the first /next) and
 * the invocation's duration; we also time the whole run from process start to the answer.
 */
public final class ColdStart {
    public static final List<String> JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");
    static final Pattern INIT = Pattern.compile("INIT REPORT\\(durationMs: ([0-9.]+)\\)");
    static final Pattern INVOKE = Pattern.compile("INVOKE RTDONE\\(status: (\\w+).*?duration: ([0-9.]+)ms\\)");
    static final Pattern STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)");
    private static final Pattern EVENT_ID = Pattern.compile("(\\\\\"eventId\\\\\":\\\\\")[0-9a-f-]{36}");
    static final String HELLO = "hello-world";

    private final Path root;
    private final Path work;
    private final Path rie;
    private final Path ric;
    private final BenchEnvironment environment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public ColdStart(Path root, Path work, Path rie, Path ric, BenchEnvironment environment) {
        this.root = root;
        this.work = work;
        this.rie = rie;
        this.ric = ric;
        this.environment = environment;
    }

    /** The functions' p50/p90 and their ratio to the hello-world floor. */
    public Map<String, Object> run(List<String> functions, int runs) throws Exception {
        Map<String, Path> tasks = new LinkedHashMap<>();
        tasks.put(HELLO, helloTask());
        for (String function : functions) {
            tasks.put(function, unpack(function));
        }
        // Data for every run, on a table of its own: an instructor with a week, a student with a
        // booking to cancel, and a lesson that ended last week, booked and authorized back then, to complete.
        environment.useFreshTable();
        var create = Functions.createBookingTimed();
        LocalDate pastWeek = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(2);
        Clock backThen = Clock.fixed(pastWeek.minusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        var createBackThen = Functions.createBookingTimed(backThen);
        List<String> bookingIds = new ArrayList<>();
        List<String> endedBookingIds = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            environment.instructor("inst_c" + r);
            environment.openWeek("inst_c" + r, BenchEnvironment.MONDAY);
            environment.openWeek("inst_c" + r, pastWeek, backThen);
            bookingIds.add(Functions.idOf(create.apply(Functions.createBooking("stud_c" + r, "inst_c" + r,
                    BenchEnvironment.MONDAY.plusDays(3), 10 * 60, "cold-" + r))));
            endedBookingIds.add(Functions.idOf(createBackThen.apply(Functions.createBooking("stud_c" + r, "inst_c" + r,
                    pastWeek.plusDays(2), 10 * 60, "cold-ended-" + r))));
        }
        Map<String, List<Map<String, Object>>> samples = new LinkedHashMap<>();
        tasks.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
        for (int r = 0; r < runs; r++) {
            // Interleaved, so drift on the machine spreads over every function alike.
            for (Map.Entry<String, Path> task : tasks.entrySet()) {
                String event = switch (task.getKey()) {
                    case HELLO -> "{}";
                    case "complete-booking" -> event(task.getKey(), r, endedBookingIds.get(r));
                    default -> event(task.getKey(), r, bookingIds.get(r));
                };
                Map<String, Object> sample = once(task.getKey(), task.getValue(), event);
                samples.get(task.getKey()).add(sample);
                System.out.println("[bench] cold " + task.getKey() + " run " + r + " " + sample);
            }
        }
        Map<String, Object> rows = new LinkedHashMap<>();
        double floor = Double.NaN;
        for (Map.Entry<String, List<Map<String, Object>>> entry : samples.entrySet()) {
            List<Map<String, Object>> ok = entry.getValue().stream().filter(s -> s.containsKey("initMs")).toList();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("runs", entry.getValue().size());
            row.put("measuredRuns", ok.size());
            row.put("initMs", new Percentiles(ok.stream().map(s -> (Double) s.get("initMs")).toList()).summary(50, 90));
            row.put("firstInvocationMs", new Percentiles(ok.stream().map(s -> (Double) s.get("invokeMs")).toList()).summary(50, 90));
            Percentiles both = new Percentiles(ok.stream().map(s -> (Double) s.get("initMs") + (Double) s.get("invokeMs")).toList());
            row.put("initPlusFirstMs", both.summary(50, 90));
            row.put("processStartToAnswerMs", new Percentiles(ok.stream().map(s -> (Double) s.get("wallMs")).toList()).summary(50, 90));
            row.put("statusCodes", entry.getValue().stream().map(s -> String.valueOf(s.get("status"))).distinct().toList());
            if (entry.getKey().equals(HELLO)) {
                floor = both.p(50);
            } else {
                row.put("ratioToFloorP50", Percentiles.round(both.p(50) / floor));
            }
            rows.put(entry.getKey(), row);
        }
        return rows;
    }

    private Map<String, Object> once(String name, Path task, String event) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = work.resolve("cold-logs").resolve(name + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = emulator(name, task, port, log, List.of(), List.of(), "com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
        long started = System.nanoTime();
        Process process = builder.start();
        Map<String, Object> sample = new LinkedHashMap<>();
        try {
            awaitListening(port, started);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/2015-03-31/functions/function/invocations"))
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(event)).build(),
                    HttpResponse.BodyHandlers.ofString());
            double wall = (System.nanoTime() - started) / 1e6;
            Matcher status = STATUS.matcher(response.body());
            sample.put("status", status.find() ? Integer.parseInt(status.group(1)) : outcomeOf(response.body()));
            String output = awaitReport(log);
            Matcher init = INIT.matcher(output);
            Matcher invoke = INVOKE.matcher(output);
            if (init.find() && invoke.find()) {
                sample.put("initMs", Percentiles.round(Double.parseDouble(init.group(1))));
                sample.put("invokeMs", Percentiles.round(Double.parseDouble(invoke.group(2))));
                sample.put("wallMs", Percentiles.round(wall));
            } else {
                sample.put("error", abbreviate(output));
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
        return sample;
    }

    /**
     * The emulator running {@code task} as Lambda would: a fresh JVM with template.yaml's flags and
     * {@code moreFlags}, the runtime client first on the class path, then {@code moreClassPath}, then the
     * function's zip layout (classes, lib/*), as Lambda's class path; {@code mainClass} is given the handler.
     */
    ProcessBuilder emulator(String name, Path task, int port, Path log, List<String> moreFlags, List<Path> moreClassPath,
            String mainClass) throws IOException {
        List<String> command = new ArrayList<>(List.of(rie.toString(), "--runtime-interface-emulator-address", "127.0.0.1:" + port,
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_FLAGS);
        command.addAll(moreFlags);
        List<String> classPath = new ArrayList<>(List.of(ric.resolve("*").toString()));
        moreClassPath.forEach(entry -> classPath.add(entry.toString()));
        classPath.addAll(List.of(task.toString(), task.resolve("lib").resolve("*").toString()));
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", String.join(java.io.File.pathSeparator, classPath),
                mainClass, handlerOf(task)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment.settings());
        builder.environment().put("LAMBDA_TASK_ROOT", task.toString());
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", name);
        builder.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        return builder;
    }

    static void awaitListening(int port, long started) throws InterruptedException {
        while (System.nanoTime() - started < Duration.ofSeconds(10).toNanos()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(5);
            }
        }
        throw new IllegalStateException("the emulator did not listen on " + port);
    }

    private static String awaitReport(Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String output = "";
        while (System.nanoTime() < deadline) {
            output = Files.readString(log);
            if (output.contains("REPORT RequestId")) {
                return output;
            }
            Thread.sleep(10);
        }
        return output;
    }

    /** A worker's or scheduled function's answer: a batch with no failed item, a summary, or an error. */
    static String outcomeOf(String answer) {
        if (answer.contains("errorMessage") || answer.contains("errorType")) {
            return "error: " + abbreviate(answer);
        }
        return answer.replaceAll("\\s", "").contains("\"batchItemFailures\":[{") ? "failed items: " + abbreviate(answer) : "ok";
    }

    /**
     * The function's sample event (events/http, or events/sqs and events/schedule for the others),
     * pointed at this run's instructor, student, week and booking; SQS events get new event ids, so
     * a worker does the work instead of skipping events it has seen.
     */
    private String event(String function, int run, String bookingId) throws IOException {
        return event(function, "inst_c" + run, "stud_c" + run, bookingId);
    }

    /** The same, for the instructor, student and booking given. */
    String event(String function, String instructorId, String studentId, String bookingId) throws IOException {
        var monday = BenchEnvironment.MONDAY;
        String sample = Benchmarks.OTHER_FUNCTIONS.getOrDefault(function,
                Benchmarks.ON_REQUEST_FUNCTIONS.getOrDefault(function, "http/" + function + ".json"));
        String text = EVENT_ID.matcher(Files.readString(root.resolve("events/" + sample)))
                .replaceAll(match -> Matcher.quoteReplacement(match.group(1) + UUID.randomUUID()));
        // The save sample carries If-Match for a version this run's week does not have.
        return text
                .replaceAll("\"if-match\"\\s*:\\s*\"(\\\\\"|[^\"])*\"\\s*,", "")
                .replace("inst_42", instructorId)
                .replace("stud_7", studentId)
                .replace("2026-12-07", monday.toString())
                .replace("2026-12-09", monday.plusDays(2).toString())
                .replace("2026-12-13", monday.plusDays(6).toString())
                .replace("bk_3f9a0c2e7b1d4a6e8c5f", bookingId);
    }

    Path unpack(String function) throws IOException {
        Path zip = root.resolve("functions/" + function + "/target/" + function + ".zip");
        Path task = work.resolve("cold-tasks").resolve(function);
        deleteTree(task);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = task.resolve(entry.getName()).normalize();
                if (!target.startsWith(task)) {
                    throw new IOException("zip entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return task;
    }

    /** The hello-world handler laid out like a function zip: its class, and lib/aws-lambda-java-core. */
    Path helloTask() throws IOException {
        Path task = work.resolve("cold-tasks").resolve(HELLO);
        deleteTree(task);
        String resource = "dev/lessonbook/bench/hello/HelloHandler.class";
        Path target = task.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = ColdStart.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
        Files.createDirectories(task.resolve("lib"));
        try (Stream<Path> jars = Files.list(ric)) {
            Path core = jars.filter(p -> p.getFileName().toString().startsWith("aws-lambda-java-core-")).findFirst().orElseThrow();
            Files.copy(core, task.resolve("lib").resolve(core.getFileName()));
        }
        return task;
    }

    static String handlerOf(Path task) throws IOException {
        try (Stream<Path> classes = Files.walk(task)) {
            Path handler = classes.filter(p -> p.getFileName().toString().endsWith("Handler.class"))
                    .filter(p -> !p.startsWith(task.resolve("lib")))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no handler class in " + task));
            String name = task.relativize(handler).toString().replace('/', '.');
            return name.substring(0, name.length() - ".class".length()) + "::handleRequest";
        }
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(text.length() - 400) : text;
    }
}
