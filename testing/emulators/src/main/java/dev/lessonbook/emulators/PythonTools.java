package dev.lessonbook.emulators;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The project's virtualenv with moto, localstripe and cfn-lint, installed on first use. */
public final class PythonTools {
    private PythonTools() {}

    /** Runs local/python/ensure-venv (a no-op when the venv is current) and returns the venv. */
    public static synchronized Path ensureVenv(Path root) {
        Path venv = Path.of(System.getenv().getOrDefault("LESSONBOOK_VENV", root.resolve(".venv").toString()));
        try {
            Process install = new ProcessBuilder(root.resolve("local/python/ensure-venv").toString())
                    .inheritIO()
                    .start();
            if (!install.waitFor(15, TimeUnit.MINUTES) || install.exitValue() != 0) {
                install.destroyForcibly();
                throw new IllegalStateException("local/python/ensure-venv failed; see its output above");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run local/python/ensure-venv", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing the Python tools", e);
        }
        if (!Files.isExecutable(venv.resolve("bin/python"))) {
            throw new IllegalStateException("No Python in " + venv + " after ensure-venv");
        }
        return venv;
    }
}
