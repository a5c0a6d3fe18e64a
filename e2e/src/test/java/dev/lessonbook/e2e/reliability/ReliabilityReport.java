package dev.lessonbook.e2e.reliability;

import dev.lessonbook.e2e.contract.OpenApiContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the reliability suites tried and what happened, written when the test JVM's tests are
 * done: to {@code e2e/target/reliability.md} by every run, and to the tracked docs/reliability.md
 * only when asked ({@value #REGENERATE_DOCS}), so a build leaves the working tree as it found it.
 * Neither is edited by hand. Cases covered by tests of other modules are listed with the result
 * of their last run, read from that module's test report.
 */
final class ReliabilityReport {
    /** One thing tried: {@code held} when what was observed is what the spec requires. */
    record Case(String area, String what, String expected, String observed, boolean held, boolean faultInjected,
                int itemsLost) {}

    /** A test of another module that covers a case, and its result in that module's last report. */
    record Elsewhere(String area, String what, String module, String testClass, String method) {}

    private static final List<Case> CASES = new CopyOnWriteArrayList<>();
    private static final List<Elsewhere> ELSEWHERE = new CopyOnWriteArrayList<>();
    private static final Map<String, String> FIGURES = new java.util.concurrent.ConcurrentSkipListMap<>();
    private static volatile ReliabilitySystem system;
    private static final java.util.concurrent.atomic.AtomicLong FUZZ_CASES = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong FUZZ_PASSED = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong FUZZ_SERVER_ERRORS = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicInteger FUZZ_RUNS = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * {@code ./mvnw verify -Dlessonbook.reliability.docs=true} rewrites docs/reliability.md: the whole
     * build, so the rows covered by other modules' tests show the results of this run.
     */
    static final String REGENERATE_DOCS = "lessonbook.reliability.docs";

    private ReliabilityReport() {}

    static void attach(ReliabilitySystem running) {
        system = running;
    }

    static void record(String area, String what, String expected, String observed) {
        CASES.add(new Case(area, what, expected, observed, expected.equals(observed), false, 0));
    }

    static void record(String area, String what, String expected, String observed, boolean held) {
        CASES.add(new Case(area, what, expected, observed, held, false, 0));
    }

    /** A fault injected and survived (or not), with the items lost or duplicated found afterwards. */
    static void fault(String what, String expected, String observed, boolean held, int itemsLost) {
        CASES.add(new Case("Faults", what, expected, observed, held, true, itemsLost));
    }

    /** One schemathesis run: the test cases it generated, how many passed every check, its 5xx. */
    static void schemathesis(long generated, long passed, long serverErrors) {
        FUZZ_RUNS.incrementAndGet();
        FUZZ_CASES.addAndGet(generated);
        FUZZ_PASSED.addAndGet(passed);
        FUZZ_SERVER_ERRORS.addAndGet(serverErrors);
    }

    static void elsewhere(String area, String what, String module, String testClass, String method) {
        ELSEWHERE.add(new Elsewhere(area, what, module, testClass, method));
    }

    static void figure(String name, String value) {
        FIGURES.put(name, value);
    }

    /** Writes the report once, when the root context closes (after every test class of the JVM). */
    static final class Writer implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        static void registerIn(ExtensionContext context) {
            context.getRoot().getStore(ExtensionContext.Namespace.create(ReliabilityReport.class))
                    .getOrComputeIfAbsent(Writer.class, key -> new Writer(), Writer.class);
        }

        @Override
        public void close() throws IOException {
            Path root = OpenApiContract.projectRoot();
            String report = render(root);
            Path generated = root.resolve("e2e/target/reliability.md");
            Files.createDirectories(generated.getParent());
            Files.writeString(generated, report, StandardCharsets.UTF_8);
            if (Boolean.getBoolean(REGENERATE_DOCS)) {
                Files.writeString(root.resolve("docs/reliability.md"), report, StandardCharsets.UTF_8);
            }
        }
    }

    static String render(Path root) {
        List<Case> cases = List.copyOf(CASES);
        List<String[]> elsewhere = new ArrayList<>();
        for (Elsewhere test : ELSEWHERE) {
            elsewhere.add(new String[] {test.area(), test.what(),
                    "`" + test.module() + "`: `" + test.testClass().replaceAll(".*\\.", "") + "." + test.method() + "`",
                    resultOf(root, test)});
        }
        long held = cases.stream().filter(Case::held).count();
        long faults = cases.stream().filter(Case::faultInjected).count();
        long faultsSurvived = cases.stream().filter(c -> c.faultInjected() && c.held()).count();
        long lost = cases.stream().mapToLong(Case::itemsLost).sum();
        long elsewherePassed = elsewhere.stream().filter(row -> row[3].startsWith("passed")).count();
        ReliabilitySystem running = system;
        StringBuilder out = new StringBuilder();
        out.append("# Reliability and security\n\n")
                .append("Generated by the reliability suite (`e2e/src/test/java/dev/lessonbook/e2e/reliability/`); do not edit\n")
                .append("by hand. Every `./mvnw verify` writes it to `e2e/target/reliability.md`; this copy is rewritten by\n")
                .append("`./mvnw verify -D" + REGENERATE_DOCS + "=true`. Each case runs over HTTP against the local runtime on moto and\n")
                .append("localstripe, with a fault proxy in front of each emulator; every response is checked against\n")
                .append("`docs/api/openapi.yaml` and for leaked internals. docs/spec.md §1, §3, §6, §8 and §9 are the expectations.\n\n")
                .append("## Counts\n\n| | |\n|---|---|\n")
                .append("| cases tried | ").append(cases.size()).append(" |\n")
                .append("| cases that held | ").append(held).append(" |\n")
                .append("| 5xx seen without an injected fault | ")
                .append(running == null ? "not measured" : running.unexpectedServerErrors().size() + FUZZ_SERVER_ERRORS.get())
                .append(" |\n")
                .append("| faults injected / survived | ").append(faults).append(" / ").append(faultsSurvived).append(" |\n")
                .append("| items lost or duplicated after faults | ").append(lost).append(" |\n")
                .append("| API responses checked (contract, no leaks) | ")
                .append(running == null ? "not measured" : running.responsesChecked()).append(" |\n")
                .append("| responses revealing internals | ")
                .append(running == null ? "not measured" : running.leaks().size()).append(" |\n")
                .append("| schemathesis test cases generated / passing every check / 5xx (runs) | ")
                .append(FUZZ_RUNS.get() == 0 ? "not run" : FUZZ_CASES.get() + " / " + FUZZ_PASSED.get() + " / "
                        + FUZZ_SERVER_ERRORS.get() + " (" + FUZZ_RUNS.get() + ")").append(" |\n")
                .append("| secrets in the runtime's and functions' logs (bearer tokens, JWTs, Stripe keys, card data) | ")
                .append(running == null ? "not measured" : running.secretsInLogs().size() + " in "
                        + running.runtimeOutput().size() + " lines").append(" |\n")
                .append("| cases covered by other modules' tests (passed / listed) | ")
                .append(elsewherePassed).append(" / ").append(elsewhere.size()).append(" |\n");
        FIGURES.forEach((name, value) -> out.append("| ").append(name).append(" | ").append(value).append(" |\n"));
        Map<String, List<Case>> byArea = new LinkedHashMap<>();
        cases.forEach(c -> byArea.computeIfAbsent(c.area(), key -> new ArrayList<>()).add(c));
        byArea.forEach((area, inArea) -> {
            out.append("\n## ").append(area).append("\n\n");
            boolean withLoss = inArea.stream().anyMatch(Case::faultInjected);
            out.append(withLoss ? "| case | expected | observed | held | items lost |\n|---|---|---|---|---|\n"
                    : "| case | expected | observed | held |\n|---|---|---|---|\n");
            for (Case c : inArea) {
                out.append("| ").append(cell(c.what())).append(" | ").append(cell(c.expected())).append(" | ")
                        .append(cell(c.observed())).append(" | ").append(c.held() ? "yes" : "**NO**");
                if (withLoss) {
                    out.append(" | ").append(c.itemsLost());
                }
                out.append(" |\n");
            }
        });
        if (!elsewhere.isEmpty()) {
            out.append("\n## Covered by handler and adapter tests\n\n")
                    .append("Faults that need a crash or a clock are proven where they can be staged precisely; their result\n")
                    .append("is read from the module's last test report of this build.\n\n")
                    .append("| area | case | test | result |\n|---|---|---|---|\n");
            elsewhere.forEach(row -> out.append("| ").append(cell(row[0])).append(" | ").append(cell(row[1])).append(" | ")
                    .append(row[2]).append(" | ").append(row[3]).append(" |\n"));
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** passed / failed / not run, from {@code <module>/target/{failsafe,surefire}-reports/TEST-<class>.xml}. */
    private static String resultOf(Path root, Elsewhere test) {
        for (String reports : List.of("failsafe-reports", "surefire-reports")) {
            Path xml = root.resolve(test.module()).resolve("target").resolve(reports).resolve("TEST-" + test.testClass() + ".xml");
            if (!Files.isRegularFile(xml)) {
                continue;
            }
            try {
                String content = Files.readString(xml);
                Matcher testcase = Pattern.compile("<testcase name=\"" + Pattern.quote(test.method())
                        + "(\\(.*?\\))?\"[^>]*?(/>|>(.*?)</testcase>)", Pattern.DOTALL).matcher(content);
                if (!testcase.find()) {
                    continue;
                }
                String inner = testcase.group(3) == null ? "" : testcase.group(3);
                String outcome = inner.contains("<failure") || inner.contains("<error") ? "**failed**"
                        : inner.contains("<skipped") ? "skipped" : "passed";
                return outcome + " (" + Files.getLastModifiedTime(xml).toInstant().toString().substring(0, 16) + "Z)";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "not run in this build";
    }
}
