package dev.lessonbook.local.worker;

import dev.lessonbook.local.template.TemplateException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule: {@code rate(N minute|minutes|hour|hours|day|days)} or
 * {@code cron(minutes hours day-of-month month day-of-week year)} in UTC, with {@code *}, {@code ?},
 * lists, ranges, steps and month/day names ({@code L}, {@code W} and {@code #} are not supported).
 */
public sealed interface ScheduleExpression {

    /** The first firing strictly after {@code after}, or empty when there is none. */
    Optional<ZonedDateTime> nextAfter(ZonedDateTime after);

    record Rate(Duration every) implements ScheduleExpression {
        @Override
        public Optional<ZonedDateTime> nextAfter(ZonedDateTime after) {
            return Optional.of(after.plus(every));
        }
    }

    record Cron(BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek, BitSet years,
            boolean anyDayOfMonth, boolean anyDayOfWeek) implements ScheduleExpression {
        private static final int SEARCH_LIMIT_MINUTES = 5 * 366 * 24 * 60;

        @Override
        public Optional<ZonedDateTime> nextAfter(ZonedDateTime after) {
            ZonedDateTime candidate = after.withZoneSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            for (int i = 0; i < SEARCH_LIMIT_MINUTES; i++, candidate = candidate.plusMinutes(1)) {
                if (matches(candidate)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        }

        private boolean matches(ZonedDateTime t) {
            // EventBridge cron: day-of-week 1 = Sunday ... 7 = Saturday.
            int dayOfWeek = t.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : t.getDayOfWeek().getValue() + 1;
            boolean day = anyDayOfMonth && anyDayOfWeek ? true
                    : anyDayOfMonth ? daysOfWeek.get(dayOfWeek)
                    : anyDayOfWeek ? daysOfMonth.get(t.getDayOfMonth())
                    : daysOfMonth.get(t.getDayOfMonth()) || daysOfWeek.get(dayOfWeek);
            return minutes.get(t.getMinute()) && hours.get(t.getHour()) && months.get(t.getMonthValue()) && day
                    && years.get(t.getYear() - 1970);
        }
    }

    Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");
    Pattern CRON = Pattern.compile("cron\\((.*)\\)");
    List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    static ScheduleExpression parse(String expression) {
        String text = expression.strip();
        Matcher rate = RATE.matcher(text);
        if (rate.matches()) {
            long amount = Long.parseLong(rate.group(1));
            if (amount < 1) {
                throw new TemplateException("A rate must be at least 1: " + expression);
            }
            Duration unit = switch (rate.group(2)) {
                case "minute", "minutes" -> Duration.ofMinutes(1);
                case "hour", "hours" -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            return new Rate(unit.multipliedBy(amount));
        }
        Matcher cron = CRON.matcher(text);
        if (cron.matches()) {
            String[] fields = cron.group(1).strip().split("\\s+");
            if (fields.length != 6) {
                throw new TemplateException("A cron expression has 6 fields: " + expression);
            }
            return new Cron(field(fields[0], 0, 59, List.of(), 0), field(fields[1], 0, 23, List.of(), 0),
                    field(fields[2], 1, 31, List.of(), 0), field(fields[3], 1, 12, MONTHS, 1),
                    field(fields[4], 1, 7, DAYS, 1), yearField(fields[5]),
                    fields[2].equals("?") || fields[2].equals("*"), fields[4].equals("?") || fields[4].equals("*"));
        }
        throw new TemplateException("Unsupported schedule expression " + expression);
    }

    private static BitSet yearField(String field) {
        BitSet years = field(field, 1970, 2199, List.of(), 0);
        return years.get(1970, 2200);
    }

    private static BitSet field(String field, int min, int max, List<String> names, int firstNameValue) {
        BitSet values = new BitSet();
        for (String part : field.toUpperCase(Locale.ROOT).split(",")) {
            if (part.matches(".*[LW#].*") && !names.contains(part)) {
                throw new TemplateException("cron " + part + ": L, W and # are not supported locally");
            }
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = Integer.parseInt(part.substring(slash + 1));
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] bounds = range.split("-", 2);
                from = value(bounds[0], names, firstNameValue);
                to = value(bounds[1], names, firstNameValue);
            } else {
                from = value(range, names, firstNameValue);
                to = slash >= 0 ? max : from;
            }
            if (from < min || to > max || from > to || step < 1) {
                throw new TemplateException("cron field " + field + " is out of range " + min + "-" + max);
            }
            for (int v = from; v <= to; v += step) {
                values.set(v);
            }
        }
        return values;
    }

    private static int value(String text, List<String> names, int firstNameValue) {
        int named = names.indexOf(text);
        return named >= 0 ? named + firstNameValue : Integer.parseInt(text);
    }
}
