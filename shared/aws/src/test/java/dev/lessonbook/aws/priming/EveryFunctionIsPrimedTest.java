package dev.lessonbook.aws.priming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every function's handler registers its primers: a function added without them would be
 * snapshotted unprimed, and its first request after each restore would load everything. The
 * handlers are found in the sources of every module under {@code functions/}, so a new module is
 * checked without anyone listing it here.
 */
class EveryFunctionIsPrimedTest {
    /** A class Lambda calls: one of ours (HTTP, SQS) or the runtime's own handler interfaces. */
    private static final Pattern HANDLER = Pattern.compile(
            "public\\s+final\\s+class\\s+\\w+\\s+implements\\s+[^{]*\\b(HttpFunction|SqsFunction|RequestHandler|RequestStreamHandler)\\b");
    /** The registration, held by a static field so the hooks live as long as the handler class. */
    private static final Pattern REGISTERS = Pattern.compile("static\\s+final\\s+Priming\\s+\\w+\\s*=\\s*Priming\\.register\\(");

    @Test
    void everyFunctionHandlerRegistersItsPrimersAtStaticInit() throws IOException {
        List<Path> handlers = handlers();
        List<String> unprimed = new ArrayList<>();
        for (Path handler : handlers) {
            if (!REGISTERS.matcher(Files.readString(handler)).find()) {
                unprimed.add(root().relativize(handler).toString());
            }
        }

        assertThat(handlers).as("handlers found under functions/").hasSizeGreaterThanOrEqualTo(14);
        assertThat(unprimed).as("handlers without `static final Priming PRIMING = Priming.register(...)` (see Priming's javadoc)")
                .isEmpty();
    }

    @Test
    void aHandlerWithoutRegistrationIsCaught() {
        String unprimed = """
                public final class NewHandler implements HttpFunction {
                    private static final Route ROUTE = Route.of(request -> null);
                }""";
        String primed = unprimed.replace("private static final Route", "static final Priming PRIMING = Priming.register(x);\n private static final Route");

        assertThat(HANDLER.matcher(unprimed).find()).isTrue();
        assertThat(REGISTERS.matcher(unprimed).find()).isFalse();
        assertThat(REGISTERS.matcher(primed).find()).isTrue();
    }

    private static List<Path> handlers() throws IOException {
        List<Path> handlers = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root().resolve("functions"))) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).sorted().toList()) {
                try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
                    for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                        if (HANDLER.matcher(Files.readString(source)).find()) {
                            handlers.add(source);
                        }
                    }
                }
            }
        }
        return handlers;
    }

    private static Path root() {
        return Path.of(System.getProperty("lessonbook.root", "../..")).toAbsolutePath().normalize();
    }
}
