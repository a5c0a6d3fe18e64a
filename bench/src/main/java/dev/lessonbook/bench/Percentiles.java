package dev.lessonbook.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Nearest-rank percentiles of a sample, in milliseconds. */
public final class Percentiles {
    private final double[] sorted;

    public Percentiles(List<Double> values) {
        sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    public Percentiles(double[] values) {
        sorted = values.clone();
        Arrays.sort(sorted);
    }

    public int count() {
        return sorted.length;
    }

    public double p(double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public Map<String, Object> summary(double... percentiles) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (double percentile : percentiles) {
            out.put("p" + (percentile == Math.rint(percentile) ? String.valueOf((int) percentile) : String.valueOf(percentile)),
                    round(p(percentile)));
        }
        return out;
    }

    public static double round(double ms) {
        return Math.round(ms * 1000.0) / 1000.0;
    }
}
