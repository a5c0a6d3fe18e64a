package dev.lessonbook.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the payment scheduler's runs of the synthetic day did, summed from each run's summary (the
 * handler's answer): the due bookings it worked on, the time their work took (summed over its
 * workers), and how many workers it had — the measured side of the scheduler's throughput in the
 * capacity model ({@link CapacityModel#scheduler}).
 */
final class SchedulerWork {
    private final SchedulerSettings settings;
    private int runs;
    private long bookings;
    private long workMillis;
    private int workers;
    private int outOfTime;

    SchedulerWork(SchedulerSettings settings) {
        this.settings = settings;
    }

    SchedulerSettings settings() {
        return settings;
    }

    synchronized void add(Map<String, Object> run) {
        runs++;
        bookings += ((Number) run.get("bookings")).longValue();
        workMillis += ((Number) run.get("workMillis")).longValue();
        workers = ((Number) run.get("workers")).intValue();
        outOfTime += Boolean.TRUE.equals(run.get("outOfTime")) ? 1 : 0;
    }

    synchronized Map<String, Object> report() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("runs", runs);
        report.put("bookings", bookings);
        report.put("workMillis", workMillis);
        report.put("meanWorkMsPerBooking", bookings == 0 ? null : Percentiles.round((double) workMillis / bookings));
        report.put("workers", workers);
        report.put("runsOutOfTime", outOfTime);
        report.put("timeoutSeconds", settings.timeoutSeconds());
        report.put("periodSeconds", settings.periodSeconds());
        report.put("safetyMarginSeconds", settings.safetyMarginSeconds());
        report.put("budgetSeconds", settings.budgetSeconds());
        report.put("defaultWorkers", settings.defaultWorkers());
        return report;
    }
}
