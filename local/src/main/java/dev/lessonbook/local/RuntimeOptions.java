package dev.lessonbook.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The command line of {@code ./run-local}. */
record RuntimeOptions(int port, boolean demo, Optional<Path> template, Optional<Duration> scheduleInterval) {
    static final int DEFAULT_PORT = 3000;
    /** Same override as {@code --schedule-interval-seconds}, for tests that start the runtime in-process. */
    static final String SCHEDULE_INTERVAL_PROPERTY = "lessonbook.local.scheduleIntervalSeconds";

    static final String USAGE = """
            usage: run-local [--port N] [--demo] [--template PATH] [--schedule-interval-seconds N]
              --port N                        serve on 127.0.0.1:N (default 3000; 0 picks a free port)
              --demo                          run the scenario of SCENARIO.md against this runtime, then exit
              --template PATH                 the SAM template to run (default: template.yaml at the repository root)
              --schedule-interval-seconds N   fire every scheduled function every N seconds instead of on its schedule
            """;

    static RuntimeOptions parse(String... args) {
        int port = DEFAULT_PORT;
        boolean demo = false;
        Optional<Path> template = Optional.empty();
        Optional<Duration> interval = Optional.ofNullable(System.getProperty(SCHEDULE_INTERVAL_PROPERTY))
                .map(seconds -> Duration.ofSeconds(positive(SCHEDULE_INTERVAL_PROPERTY, seconds)));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> {
                    port = (int) number("--port", value(args, ++i, "--port"));
                    if (port < 0 || port > 65535) {
                        throw new IllegalArgumentException("--port must be 0-65535");
                    }
                }
                case "--demo" -> demo = true;
                case "--template" -> template = Optional.of(Path.of(value(args, ++i, "--template")));
                case "--schedule-interval-seconds" -> interval = Optional.of(Duration.ofSeconds(
                        positive("--schedule-interval-seconds", value(args, ++i, "--schedule-interval-seconds"))));
                case "-h", "--help" -> throw new HelpRequested();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        return new RuntimeOptions(port, demo, template, interval);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static long number(String option, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number: " + text);
        }
    }

    private static long positive(String option, String text) {
        long value = number(option, text);
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return value;
    }

    /** {@code --help}: print the usage and exit 0. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(null, null, false, false);
        }
    }
}
