package dev.lessonbook.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code sam build} on template.yaml, as a deployer does before {@code sam deploy}, and reads
 * which artifact each function of the built template deploys. aws-sam-cli is installed once, from
 * {@code bench/sam-requirements.txt}, into {@code bench/target/sam-venv}; the build's own
 * virtualenv stays free of it, so {@code ./mvnw verify} does not pay for it.
 */
final class SamBuild {
    private static final Pattern FUNCTION = Pattern.compile("^  (\\w+)Function:\\s*$");
    private static final Pattern CODE_URI = Pattern.compile("^\\s+CodeUri:\\s*(\\S+)\\s*$");

    /** The sam version, its log lines about our functions, and each function's deployed artifact. */
    record Built(String samVersion, Path builtTemplate, Map<String, Path> artifacts, List<String> notes) {}

    private SamBuild() {}

    static Built run(Path root, Path work) throws IOException, InterruptedException {
        Path venv = root.resolve("bench/target/sam-venv");
        Path sam = venv.resolve("bin/sam");
        Path requirements = root.resolve("bench/sam-requirements.txt");
        Path stamp = venv.resolve(".requirements");
        String wanted = Files.readString(requirements);
        if (!Files.isExecutable(sam) || !Files.exists(stamp) || !Files.readString(stamp).equals(wanted)) {
            exec(root, List.of("python3", "-m", "venv", venv.toString()), 120);
            exec(root, List.of(venv.resolve("bin/pip").toString(), "install", "--quiet", "--disable-pip-version-check",
                    "-r", requirements.toString()), 900);
            Files.writeString(stamp, wanted);
        }
        String version = exec(root, List.of(sam.toString(), "--version"), 60).strip();
        Path buildDir = work.resolve("sam-build");
        String log = exec(root, List.of(sam.toString(), "build", "--template-file", root.resolve("template.yaml").toString(),
                "--build-dir", buildDir.toString(), "--debug"), 300);
        Path built = buildDir.resolve("template.yaml");
        Map<String, Path> artifacts = new LinkedHashMap<>();
        String function = null;
        for (String line : Files.readAllLines(built, StandardCharsets.UTF_8)) {
            Matcher name = FUNCTION.matcher(line);
            if (name.matches()) {
                function = name.group(1);
                continue;
            }
            Matcher uri = CODE_URI.matcher(line);
            if (uri.matches() && function != null) {
                artifacts.put(function, buildDir.resolve(uri.group(1)).normalize());
                function = null;
            }
        }
        long skipped = log.lines().filter(l -> l.contains("Skip building zip function")).count();
        List<String> notes = List.of("\"Skip building zip function\" for " + skipped + " of " + artifacts.size() + " functions",
                log.contains("Build Succeeded") ? "Build Succeeded" : "no \"Build Succeeded\"");
        return new Built(version, built, artifacts, notes);
    }

    private static String exec(Path root, List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("SAM_CLI_TELEMETRY", "0");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            String text = new String(output, StandardCharsets.UTF_8);
            throw new IOException(String.join(" ", command) + " failed: " + text.substring(Math.max(0, text.length() - 2000)));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
