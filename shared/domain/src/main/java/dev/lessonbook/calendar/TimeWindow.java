package dev.lessonbook.calendar;

/**
 * A half-open window {@code [startMinute, endMinute)} of local wall-clock time within one day;
 * {@code endMinute == 1440} is 24:00, the end of the day.
 */
public record TimeWindow(int startMinute, int endMinute) {

    public TimeWindow {
        if (startMinute < 0 || endMinute > 1440 || startMinute >= endMinute) {
            throw new IllegalArgumentException("Not a window of one day: " + startMinute + "-" + endMinute);
        }
    }

    public boolean overlaps(TimeWindow other) {
        return startMinute < other.endMinute && other.startMinute < endMinute;
    }

    /** {@code HH:MM}; the end of the day is {@code 24:00}. */
    public static String format(int minuteOfDay) {
        return String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    }

    public String start() {
        return format(startMinute);
    }

    public String end() {
        return format(endMinute);
    }

    @Override
    public String toString() {
        return start() + "–" + end();
    }
}
