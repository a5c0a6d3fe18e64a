package dev.lessonbook.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lessonbook.e2e.contract.OpenApiContract;
import dev.lessonbook.emulators.PythonTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Schemathesis (pinned in local/python/requirements.txt) fuzzes docs/api/openapi.yaml on the
 * running system: every check, a fixed seed and a bounded number of examples per operation, once
 * with an admin's token and once with a student's. The run must exit 0, and its own reports must
 * show no server error and no failed check. The only tuning is in
 * {@code src/test/resources/schemathesis.toml}, with its reason: 422 and 412 count as answers to
 * schema-valid requests, because the spec's business rules go beyond what JSON Schema can say.
 */
@ExtendWith(ReliabilitySystem.Provider.class)
class SchemathesisIT {
    static final long SEED = 20261207L;
    static final int MAX_EXAMPLES = 15;
    private static final Pattern SUITES = Pattern.compile("<testsuites\\b([^>]*)>");
    private static ReliabilitySystem system;
    private static Path root;
    private static Path venv;

    @AfterAll
    static void noSecretInTheLogs() {
        system.assertNoSecretsInLogs();
    }

    @BeforeAll
    static void theSystemAndSchemathesis(ReliabilitySystem running) {
        system = running;
        root = OpenApiContract.projectRoot();
        venv = PythonTools.ensureVenv(root);
    }

    @Test
    void asAnAdminEveryResponseConformsAndNoneIsAServerError() throws Exception {
        fuzzAs("admin", "schemathesis-admin");
    }

    @Test
    void asAStudentEveryResponseConformsAndNoneIsAServerError() throws Exception {
        fuzzAs("student", "schemathesis-student");
    }

    private static void fuzzAs(String role, String sub) throws Exception {
        Path reports = root.resolve("e2e/target/schemathesis").resolve(role);
        Files.createDirectories(reports);
        Path junit = reports.resolve("junit.xml");
        Path json = reports.resolve("report.json");
        Path output = reports.resolve("output.txt");
        Files.deleteIfExists(junit);
        Files.deleteIfExists(json);
        List<String> command = new ArrayList<>(List.of(
                venv.resolve("bin/schemathesis").toString(),
                "--config-file", root.resolve("e2e/src/test/resources/schemathesis.toml").toString(),
                "run", root.resolve("docs/api/openapi.yaml").toString(),
                "--url", system.api.base().toString(),
                "--header", "Authorization: Bearer " + system.token(sub, role),
                "--checks", "all",
                "--seed", Long.toString(SEED),
                "--max-examples", Integer.toString(MAX_EXAMPLES),
                "--workers", "1",
                "--request-timeout", "30",
                "--report", "junit,json",
                "--report-junit-path", junit.toString(),
                "--report-json-path", json.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .directory(reports.toFile()).start();
        if (!process.waitFor(150, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("schemathesis (" + role + ") did not finish within 150 s; see " + output);
        }
        system.awaitQuiet();
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        String tail = printed.length() > 6000 ? printed.substring(printed.length() - 6000) : printed;
        assertThat(json).as("schemathesis' JSON report; its output:%n%s", tail).isRegularFile();
        assertThat(junit).as("schemathesis' JUnit report").isRegularFile();

        JsonNode report = new ObjectMapper().readTree(json.toFile());
        JsonNode cases = report.path("test_cases");
        long generated = cases.path("generated").asLong();
        long withFailures = cases.path("with_failures").asLong();
        long errored = cases.path("errored").asLong();
        long serverErrors = 0;
        List<String> failures = new ArrayList<>();
        for (JsonNode failure : report.path("failures")) {
            failures.add(failure.path("code").asText() + " " + failure.path("title").asText() + " ×" + failure.path("count").asInt()
                    + " " + failure.path("operations"));
            if ("ST101".equals(failure.path("code").asText()) || "ServerError".equals(failure.path("type").asText())) {
                serverErrors += failure.path("count").asLong();
            }
        }
        Matcher suites = SUITES.matcher(Files.readString(junit, StandardCharsets.UTF_8));
        String attributes = suites.find() ? suites.group(1) : "";
        long junitFailed = attribute(attributes, "failures") + attribute(attributes, "errors");
        String junitCounts = attribute(attributes, "tests") + " tests, " + junitFailed + " failed or errored";
        int exitCode = process.exitValue();
        long operations = report.path("operations").path("tested").asLong();

        String what = "schemathesis as " + (role.equals("admin") ? "an admin" : "a student") + ": every check (positive_data_acceptance also takes 422/412 for rules JSON Schema cannot state:"
                + " e2e/src/test/resources/schemathesis.toml), seed " + SEED
                + ", at most " + MAX_EXAMPLES + " examples per operation and phase";
        String expected = "exit 0; no server error; no failed check";
        String observed = "exit " + exitCode + "; " + generated + " test cases on " + operations + " operations; "
                + serverErrors + " server errors; " + withFailures + " with failures, " + errored + " errored"
                + (failures.isEmpty() ? "" : " " + failures) + "; JUnit: " + junitCounts;
        boolean held = exitCode == 0 && serverErrors == 0 && withFailures == 0 && errored == 0 && generated > 0
                && junitFailed == 0;
        ReliabilityReport.record("Schemathesis (docs/api/openapi.yaml)", what, expected, observed, held);
        ReliabilityReport.schemathesis(generated, generated - withFailures - errored, serverErrors);

        assertThat(failures).as("schemathesis failures (%s); its output:%n%s", role, tail).isEmpty();
        assertThat(serverErrors).as("server errors").isZero();
        assertThat(errored).as("errored test cases; output:%n%s", tail).isZero();
        assertThat(junitFailed).as("failed or errored tests in the JUnit report").isZero();
        assertThat(exitCode).as("schemathesis' exit code; output:%n%s", tail).isZero();
        assertThat(generated).as("test cases generated").isPositive();
    }

    /** An integer attribute of the JUnit report's root element; -1 when absent, so a changed format fails. */
    private static long attribute(String attributes, String name) {
        Matcher value = Pattern.compile("\\b" + name + "=\"(\\d+)\"").matcher(attributes);
        return value.find() ? Long.parseLong(value.group(1)) : -1;
    }
}
