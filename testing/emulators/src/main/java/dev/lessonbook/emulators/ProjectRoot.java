package dev.lessonbook.emulators;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root: where template.yaml and local/python live. */
public final class ProjectRoot {
    private ProjectRoot() {}

    public static Path find() {
        String configured = System.getProperty("lessonbook.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("local/python"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "Cannot find the Lessonbook repository root (template.yaml); set -Dlessonbook.root=<path>");
    }
}
