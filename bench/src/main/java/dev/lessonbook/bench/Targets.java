package dev.lessonbook.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The targets of issues 9 and 19, checked against the measured figures. */
final class Targets {
    static final double COLD_RATIO = 3.0;
    /** Issue 19: a function that carries stripe-java may take up to 4 × the floor unprimed. */
    static final double STRIPE_COLD_RATIO = 4.0;
    static final double OUR_CODE_MS = 1.0;

    private Targets() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> evaluate(Map<String, Object> results) {
        Map<String, Object> targets = new LinkedHashMap<>();

        Map<String, Object> artifacts = (Map<String, Object>) results.get("artifacts");
        List<String> coldMissed = new ArrayList<>();
        ((Map<String, Object>) results.get("coldStart")).forEach((name, row) -> {
            Object ratio = ((Map<String, Object>) row).get("ratioToFloorP50");
            boolean withStripe = artifacts.get(name) instanceof Map<?, ?> artifact && Boolean.TRUE.equals(artifact.get("withStripe"));
            double limit = withStripe ? STRIPE_COLD_RATIO : COLD_RATIO;
            if (ratio instanceof Number number && number.doubleValue() > limit) {
                coldMissed.add(name + " " + number + "x (limit " + limit + "x)");
            }
        });
        targets.put("coldStartWithin3xFloorOr4xWithStripe", verdict(coldMissed));
        targets.put("primedFirstInvocationWithin3xWarmP50", verdict(PrimedColdStart.misses(results)));

        List<String> warmMissed = new ArrayList<>();
        ((Map<String, Object>) results.get("warmLatency")).forEach((name, row) -> {
            double p50 = ((Number) ((Map<String, Object>) ((Map<String, Object>) row).get("ourCodeMs")).get("p50")).doubleValue();
            if (p50 > OUR_CODE_MS) {
                warmMissed.add(name + " " + p50 + " ms");
            }
        });
        targets.put("ourCodeWithin1msP50", verdict(warmMissed));

        Map<String, Object> costs = (Map<String, Object>) results.get("costPerOperation");
        Map<String, Object> booking = (Map<String, Object>) costs.get("create booking (success)");
        List<String> bookingMissed = new ArrayList<>();
        if (((Number) booking.get("reads")).intValue() > 3) {
            bookingMissed.add(booking.get("reads") + " reads");
        }
        if (((Number) booking.get("transactions")).intValue() > 2) {
            bookingMissed.add(booking.get("transactions") + " transactions");
        }
        targets.put("createBookingAtMost3ReadsAnd2Transactions", verdict(bookingMissed));

        List<String> scans = new ArrayList<>();
        costs.forEach((name, row) -> {
            if (((Number) ((Map<String, Object>) row).get("scans")).intValue() > 0) {
                scans.add(name);
            }
        });
        targets.put("noScansOnRequestPaths", verdict(scans));

        List<String> large = new ArrayList<>();
        artifacts.forEach((name, row) -> {
            Map<String, Object> artifact = (Map<String, Object>) row;
            if (!(Boolean) artifact.get("withinLimit")) {
                large.add(name + " " + artifact.get("zipMB") + " MB (limit " + ((Number) artifact.get("limitBytes")).longValue() / 1_000_000 + " MB)");
            }
        });
        targets.put("artifactsWithin12MBOr32MBWithStripe", verdict(large));

        // Issue 18: a booking's own latency does not change with the number of webhook subscriptions.
        if (results.get("webhookLatency") instanceof Map<?, ?> webhooks) {
            targets.put("bookingLatencyIndependentOfWebhookSubscriptions",
                    verdict((List<String>) ((Map<String, Object>) webhooks.get("verdict")).get("misses")));
        }
        return targets;
    }

    private static Map<String, Object> verdict(List<String> misses) {
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("met", misses.isEmpty());
        verdict.put("misses", misses);
        return verdict;
    }
}
