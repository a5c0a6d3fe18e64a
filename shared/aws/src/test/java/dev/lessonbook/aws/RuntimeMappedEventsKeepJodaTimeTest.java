package dev.lessonbook.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A function's zip leaves joda-time out (functions/pom.xml, {@code lessonbook.zipLeavesOut}) unless
 * its module says otherwise, which is safe only for stream handlers: the Lambda runtime maps the
 * event of any other handler with its own serializer, and that serializer loads joda-time for every
 * event class (docs/decisions.md "Lambda zips"). So every handler under functions/ that is not an
 * {@code HttpFunction} or {@code SqsFunction} must be in a module that keeps joda-time; a new
 * scheduled function that forgot would start on Lambda with {@code ClassNotFoundException:
 * org.joda.time.DateTime}, which no test on the test class path (where joda-time stays) would see.
 */
class RuntimeMappedEventsKeepJodaTimeTest {
    private static final Pattern HANDLER = Pattern.compile(
            "public\\s+final\\s+class\\s+\\w+\\s+implements\\s+([^{]*\\b(HttpFunction|SqsFunction|RequestHandler|RequestStreamHandler)\\b[^{]*)\\{");
    private static final Pattern STREAM = Pattern.compile("\\b(HttpFunction|SqsFunction|RequestStreamHandler)\\b");
    private static final Pattern LEAVES_OUT = Pattern.compile("<lessonbook\\.zipLeavesOut>([^<]*)</lessonbook\\.zipLeavesOut>|<lessonbook\\.zipLeavesOut\\s*/>");

    @Test
    void everyHandlerWhoseEventTheRuntimeMapsIsInAZipThatKeepsJodaTime() throws IOException {
        List<String> mapped = new ArrayList<>();
        List<String> withoutJoda = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root().resolve("functions"))) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).sorted().toList()) {
                for (Path handler : runtimeMappedHandlers(module)) {
                    mapped.add(module.getFileName() + ": " + handler.getFileName());
                    if (leavesOutJoda(Files.readString(module.resolve("pom.xml")))) {
                        withoutJoda.add(module.getFileName().toString());
                    }
                }
            }
        }

        // outbox-relay, payment-scheduler and webhook-retry take ScheduledEvent today.
        assertThat(mapped).as("handlers the runtime maps an event for").hasSizeGreaterThanOrEqualTo(3);
        assertThat(withoutJoda).as("modules with such a handler whose zip leaves joda-time out "
                + "(set <lessonbook.zipLeavesOut></lessonbook.zipLeavesOut> in their pom)").isEmpty();
    }

    @Test
    void aScheduledHandlerInAModuleThatKeepsTheDefaultIsCaught() {
        String scheduled = "public final class TickHandler implements RequestHandler<ScheduledEvent, String> {";
        String stream = "public final class GetThingHandler implements HttpFunction {";

        assertThat(isRuntimeMapped(scheduled)).isTrue();
        assertThat(isRuntimeMapped(stream)).isFalse();
        assertThat(leavesOutJoda("<properties><lessonbook.paysWithStripe>true</lessonbook.paysWithStripe></properties>")).isTrue();
        assertThat(leavesOutJoda("<lessonbook.zipLeavesOut>joda-time,other</lessonbook.zipLeavesOut>")).isTrue();
        assertThat(leavesOutJoda("<lessonbook.zipLeavesOut></lessonbook.zipLeavesOut>")).isFalse();
        assertThat(leavesOutJoda("<lessonbook.zipLeavesOut/>")).isFalse();
    }

    private static List<Path> runtimeMappedHandlers(Path module) throws IOException {
        try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
            List<Path> handlers = new ArrayList<>();
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (isRuntimeMapped(Files.readString(source))) {
                    handlers.add(source);
                }
            }
            return handlers;
        }
    }

    private static boolean isRuntimeMapped(String source) {
        Matcher handler = HANDLER.matcher(source);
        return handler.find() && !STREAM.matcher(handler.group(1)).find();
    }

    /** The module's zip leaves joda-time out unless its pom overrides the default of functions/pom.xml. */
    private static boolean leavesOutJoda(String pom) {
        Matcher setting = LEAVES_OUT.matcher(pom);
        if (!setting.find()) {
            return true;
        }
        return Optional.ofNullable(setting.group(1)).map(ids -> List.of(ids.split(",")).stream()
                .map(String::strip).anyMatch("joda-time"::equals)).orElse(false);
    }

    private static Path root() {
        return Path.of(System.getProperty("lessonbook.root", "../..")).toAbsolutePath().normalize();
    }
}
