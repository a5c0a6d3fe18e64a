package dev.lessonbook.bench;

import dev.lessonbook.booking.SchedulingPayments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The payment scheduler's settings as deployed, read from template.yaml (its function's Timeout and
 * schedule, the workers parameter's default) and from the code ({@link SchedulingPayments#SAFETY_MARGIN}),
 * so the capacity model follows the template instead of restating it.
 */
record SchedulerSettings(int timeoutSeconds, int periodSeconds, int safetyMarginSeconds, int defaultWorkers) {

    /**
     * The seconds of each period in which a run starts bookings: its Timeout less the safety
     * margin (no booking is started later), and never more than the period.
     */
    int budgetSeconds() {
        return Math.min(timeoutSeconds - safetyMarginSeconds, periodSeconds);
    }

    static SchedulerSettings fromTemplate(Path template) {
        String yaml;
        try {
            yaml = Files.readString(template);
        } catch (IOException e) {
            throw new UncheckedIOException("the capacity model reads the scheduler's settings from " + template, e);
        }
        String function = block(yaml, "  PaymentSchedulerFunction:");
        Matcher schedule = Pattern.compile("Schedule: rate\\((\\d+) (minute|minutes|second|seconds|hour|hours)\\)").matcher(function);
        if (!schedule.find()) {
            throw new IllegalStateException("template.yaml: PaymentSchedulerFunction has no rate(...) schedule");
        }
        int every = Integer.parseInt(schedule.group(1));
        int period = schedule.group(2).startsWith("minute") ? every * 60 : schedule.group(2).startsWith("hour") ? every * 3600 : every;
        return new SchedulerSettings(number(function, "Timeout: (\\d+)"), period,
                (int) SchedulingPayments.SAFETY_MARGIN.toSeconds(),
                number(block(yaml, "  PaymentSchedulerWorkers:"), "Default: (\\d+)"));
    }

    /** From {@code header} (a two-space key) to the next key at that indentation. */
    private static String block(String yaml, String header) {
        int start = yaml.indexOf("\n" + header + "\n");
        if (start < 0) {
            throw new IllegalStateException("template.yaml has no " + header.trim());
        }
        Matcher next = Pattern.compile("\n  [A-Za-z]").matcher(yaml);
        int end = next.find(start + header.length() + 1) ? next.start() : yaml.length();
        return yaml.substring(start, end);
    }

    private static int number(String block, String pattern) {
        Matcher found = Pattern.compile(pattern).matcher(block);
        if (!found.find()) {
            throw new IllegalStateException("template.yaml: no " + pattern + " in " + block.lines().skip(1).findFirst().orElse(""));
        }
        return Integer.parseInt(found.group(1));
    }
}
