package dev.lessonbook.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * docs/capacity.md's figures, computed from the key spread's measured units and counts; only the
 * service limits are constants, each with its source ({@link Limit}).
 *
 * <p>How a key's load follows the booking rate depends on whose key it is
 * (docs/decisions.md, "Per-person keys"):
 * <ul>
 *   <li><b>shared</b> — a key every booking may write (a due-index shard, or any constant key):
 *       its day's units per booking times the rate;
 *   <li><b>per person</b> — an instructor's or student's partition: bounded by that person's own
 *       calendar, not by the rate; modelled as the busiest person's whole measured day arriving
 *       within one minute (a popular instructor's new week filling at once);
 *   <li><b>per item</b> — one booking, event, or notification: every unit it ever takes within
 *       one second.
 * </ul>
 */
final class CapacityModel {
    static final int[] LEVELS = {10, 100, 1_000, 10_000};
    static final double PERSON_BURST_SECONDS = 60;
    static final double ITEM_BURST_SECONDS = 1;
    static final double TARGET_WRITE_SHARE_OF_PARTITION = 0.5;
    static final double TARGET_INDEX_KEY_SHARE = 0.01;
    static final int TARGET_LEVEL = 1_000;

    /** A service limit, with where it is documented and how a marketplace gets past it. */
    record Limit(String name, double value, String unit, String source, String raisedBy) {}

    static final String BY_KEY_DESIGN = "not raised: a partition's limit is fixed, so the key must spread (docs/decisions.md)";
    static final String BY_QUOTA_REQUEST = "a Service Quotas increase request for the account and Region";
    static final Limit PARTITION_WRITES = new Limit("DynamoDB partition writes", 1_000, "WCU/s",
            "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html", BY_KEY_DESIGN);
    static final Limit PARTITION_READS = new Limit("DynamoDB partition reads", 3_000, "RCU/s",
            "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html", BY_KEY_DESIGN);
    static final Limit TABLE_WRITES = new Limit("DynamoDB on-demand table writes (default quota, adjustable)", 40_000, "WRU/s",
            "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html",
            BY_QUOTA_REQUEST + " (table-level write throughput; a table's own maximum on-demand throughput if one is set)");
    static final Limit TABLE_READS = new Limit("DynamoDB on-demand table reads (default quota, adjustable)", 40_000, "RRU/s",
            "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html",
            BY_QUOTA_REQUEST + " (table-level read throughput)");
    static final Limit LAMBDA_CONCURRENCY = new Limit("Lambda concurrent executions per account and Region (default, adjustable)",
            1_000, "concurrent", "https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html",
            BY_QUOTA_REQUEST + " (Lambda concurrent executions)");
    static final Limit HTTP_API_RATE = new Limit("API Gateway HTTP API requests per account and Region (default, adjustable)",
            10_000, "requests/s", "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html",
            BY_QUOTA_REQUEST + " (API Gateway throttle quota per account and Region)");
    static final Limit STRIPE_RATE = new Limit("Stripe API requests in live mode (default, global)", 100, "requests/s",
            "https://docs.stripe.com/rate-limits", "Stripe support, at least 6 weeks before the peak (https://docs.stripe.com/rate-limits)");
    static final Limit STRIPE_ENDPOINT_RATE = new Limit("Stripe requests to one API endpoint (default, unless Stripe says otherwise)",
            25, "requests/s", "https://docs.stripe.com/rate-limits", "Stripe support, with the global limit");
    /** SES publishes no production default (sandbox: 1 email/s); the account's own quota applies, raised on request. */
    static final String SES_QUOTAS = "https://docs.aws.amazon.com/ses/latest/dg/manage-sending-quotas.html";
    private CapacityModel() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> compute(Map<String, Object> spread) {
        Map<String, Object> day = map(spread.get("day"));
        double bookings = ((Number) day.get("bookingsMade")).doubleValue();
        Map<String, Object> keys = map(spread.get("keys"));
        Map<String, Object> functions = map(spread.get("functions"));
        Map<String, Object> model = new LinkedHashMap<>();

        // Per key kind: how its worst key grows with the booking rate.
        List<Map<String, Object>> kinds = new ArrayList<>();
        keys.forEach((target, value) -> map(map(value).get("kinds")).forEach((kind, row) -> {
            Map<String, Object> k = map(row);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("target", target);
            out.put("kind", kind);
            out.put("scaling", scaling(kind));
            out.put("keys", k.get("keys"));
            out.put("maxKeyWriteUnitsInDay", k.get("maxKeyWriteUnits"));
            out.put("maxKeyReadUnitsInDay", k.get("maxKeyReadUnits"));
            kinds.add(out);
        }));
        model.put("keyKinds", kinds);

        Map<String, Object> scheduler = scheduler(spread.get("scheduler") == null ? null : map(spread.get("scheduler")));
        model.put("scheduler", scheduler);
        Limit schedulerRate = schedulerLimit(scheduler);

        List<Map<String, Object>> levels = new ArrayList<>();
        for (int rate : LEVELS) {
            Map<String, Object> level = new LinkedHashMap<>();
            level.put("bookingsPerSecond", rate);
            List<Map<String, Object>> checks = new ArrayList<>();
            // DynamoDB: the hottest partition of the table and of each index.
            for (String target : keys.keySet()) {
                Peak writes = peak(kinds, target, rate, bookings, true);
                Peak reads = peak(kinds, target, rate, bookings, false);
                checks.add(check("DynamoDB " + target + ": hottest partition writes (" + writes.kind + ")", writes.units,
                        PARTITION_WRITES, writes.perBooking));
                checks.add(check("DynamoDB " + target + ": hottest partition reads (" + reads.kind + ")", reads.units,
                        PARTITION_READS, reads.perBooking));
                Map<String, Object> t = map(keys.get(target));
                double writeUnits = ((Number) t.get("writeUnits")).doubleValue() / bookings;
                double readUnits = ((Number) t.get("readUnits")).doubleValue() / bookings;
                checks.add(check("DynamoDB " + target + ": all writes", rate * writeUnits, TABLE_WRITES, writeUnits));
                checks.add(check("DynamoDB " + target + ": all reads", rate * readUnits, TABLE_READS, readUnits));
            }
            // Lambda: concurrency = arrival rate × duration (Little's law), per function and in all.
            Map<String, Object> concurrency = new LinkedHashMap<>();
            double total = 0;
            double httpPerBooking = 0;
            for (Map.Entry<String, Object> f : functions.entrySet()) {
                Map<String, Object> row = map(f.getValue());
                double perBooking = ((Number) row.get("invocations")).doubleValue() / bookings;
                double seconds = ((Number) row.get("meanMs")).doubleValue() / 1000;
                boolean scheduled = f.getKey().equals("outbox-relay") || f.getKey().equals("payment-scheduler");
                double needed = scheduled ? 1 : rate * perBooking * seconds;
                concurrency.put(f.getKey(), Percentiles.round(needed));
                total += needed;
                if (!scheduled && !f.getKey().contains("(per message)")) {
                    httpPerBooking += perBooking;
                }
            }
            level.put("lambdaConcurrency", concurrency);
            checks.add(check("Lambda concurrency, all functions", total, LAMBDA_CONCURRENCY, total / rate));
            checks.add(check("API Gateway requests", rate * httpPerBooking, HTTP_API_RATE, httpPerBooking));
            // SQS standard queues have no throughput quota: reported, never a limit.
            Map<String, Object> sqs = new LinkedHashMap<>();
            map(spread.get("sqsMessagesSent")).forEach((queue, count) ->
                    sqs.put(queue, Percentiles.round(rate * ((Number) count).doubleValue() / bookings)));
            level.put("sqsMessagesPerSecond", sqs);
            double stripe = ((Number) spread.get("stripeRequestsTotal")).doubleValue() / bookings;
            checks.add(check("Stripe requests", rate * stripe, STRIPE_RATE, stripe));
            Map.Entry<String, Object> endpoint = map(spread.get("stripeRequests")).entrySet().stream()
                    .max(Comparator.comparingDouble(e -> ((Number) e.getValue()).doubleValue())).orElse(null);
            if (endpoint != null) {
                double perBooking = ((Number) endpoint.getValue()).doubleValue() / bookings;
                checks.add(check("Stripe requests to `" + endpoint.getKey() + "`", rate * perBooking, STRIPE_ENDPOINT_RATE, perBooking));
            }
            // SES is called by a signed request of our own, outside the SDK: emails are derived from
            // the notification messages, about two each (docs/spec.md §8: both parties, or the other
            // party and a receipt).
            double notifications = ((Number) map(spread.get("sqsMessagesSent")).getOrDefault("notification", 0)).doubleValue();
            level.put("emailsPerSecond", Percentiles.round(rate * 2 * notifications / bookings));
            if (schedulerRate != null) {
                double scheduled = ((Number) day.get("savedCardShare")).doubleValue() + 1;
                checks.add(check("payment scheduler: due bookings (saved cards a day ahead, every hold's deadline at its end)",
                        rate * scheduled, schedulerRate, scheduled));
            }
            level.put("checks", checks);
            Map<String, Object> first = checks.stream().filter(c -> ((Number) c.get("utilisation")).doubleValue() > 1)
                    .min(Comparator.comparingDouble(c -> ((Number) c.get("breaksAtBookingsPerSecond")).doubleValue()))
                    .orElse(null);
            level.put("firstLimitBroken", first == null ? "none" : first.get("what"));
            // Everything broken at this level, in the order the rate breaks it: what a marketplace must request, or change.
            level.put("limitsBroken", checks.stream().filter(c -> ((Number) c.get("utilisation")).doubleValue() > 1)
                    .sorted(Comparator.comparingDouble(c -> ((Number) c.get("breaksAtBookingsPerSecond")).doubleValue()))
                    .map(c -> {
                        Map<String, Object> broken = new LinkedHashMap<>();
                        broken.put("what", c.get("what"));
                        broken.put("needed", c.get("value"));
                        broken.put("limit", c.get("limit"));
                        broken.put("unit", c.get("unit"));
                        broken.put("raisedBy", c.get("raisedBy"));
                        return broken;
                    }).toList());
            levels.add(level);
        }
        model.put("levels", levels);
        model.put("webhooks", webhooks(map(map(keys.get("table")).get("kinds")), bookings));
        model.put("verdicts", verdicts(kinds, keys, bookings));
        return model;
    }

    /**
     * The webhook keys, measured in the day (its subscriptions: {@link KeySpread#SUBSCRIPTIONS}):
     * a subscriber's delivery log, write-sharded as {@code WEBHOOK#<subscriptionId>#<n>} (its
     * busiest shard, which also holds the subscription's copy read before each attempt there), and
     * the subscription list {@code WEBHOOKS}, which webhook-dispatch reads once per container per
     * cache TTL (WebhookSubscriptionCacheSeconds) — a load that grows with dispatch's containers,
     * not with the events; per booking it is an upper bound of a long day's.
     */
    private static Map<String, Object> webhooks(Map<String, Object> tableKinds, double bookings) {
        Map<String, Object> outbox = map(tableKinds.getOrDefault("OUTBOX#<id>", Map.of()));
        Map<String, Object> webhooks = new LinkedHashMap<>();
        webhooks.put("eventsPerBooking", Percentiles.round(((Number) outbox.getOrDefault("keys", 0)).doubleValue() / bookings));
        Map<String, Object> log = map(tableKinds.getOrDefault("WEBHOOK#<id>#<n>", Map.of()));
        Map<String, Object> shards = new LinkedHashMap<>();
        shards.put("key", "WEBHOOK#<subscriptionId>#<n> (a subscription's delivery log shard and its copy of the subscription)");
        shards.put("keys", log.getOrDefault("keys", 0));
        double writes = ((Number) log.getOrDefault("maxKeyWriteUnits", 0.0)).doubleValue() / bookings;
        double reads = ((Number) log.getOrDefault("maxKeyReadUnits", 0.0)).doubleValue() / bookings;
        shards.put("busiestShardWriteUnitsPerBooking", Percentiles.round(writes));
        shards.put("busiestShardReadUnitsPerBooking", Percentiles.round(reads));
        shards.put("at1000PerSecondWcu", Percentiles.round(TARGET_LEVEL * writes));
        shards.put("at1000PerSecondRcu", Percentiles.round(TARGET_LEVEL * reads));
        shards.put("halfAPartitionAtBookingsPerSecond",
                writes == 0 ? 0 : Percentiles.round(TARGET_WRITE_SHARE_OF_PARTITION * PARTITION_WRITES.value() / writes));
        shards.put("totalWriteUnitsPerBooking", Percentiles.round(((Number) log.getOrDefault("writeUnits", 0.0)).doubleValue() / bookings));
        webhooks.put("deliveryLog", shards);
        Map<String, Object> list = map(tableKinds.getOrDefault("WEBHOOKS", Map.of()));
        Map<String, Object> subscriptions = new LinkedHashMap<>();
        subscriptions.put("key", "WEBHOOKS (the subscription list: dispatch's Query once per container per cache TTL)");
        double listReads = ((Number) list.getOrDefault("readUnits", 0.0)).doubleValue();
        subscriptions.put("readUnitsInDay", Percentiles.round(listReads));
        subscriptions.put("readUnitsPerBooking", Percentiles.round(listReads / bookings));
        webhooks.put("subscriptionList", subscriptions);
        return webhooks;
    }

    /**
     * The payment scheduler's throughput (docs/decisions.md, "Payment scheduler throughput"): a run
     * works on {@code workers} due bookings at once and starts them for its budget (Timeout less the
     * safety margin) of every period, so it gets through workers ÷ mean time per booking × budget ÷
     * period bookings per second. The settings are the deployed ones (template.yaml, the code's
     * margin); the time per booking is the day's measured mean (its runs' work time ÷ bookings worked).
     * Not measured (the day's scheduler found no work): no figure, and no check.
     */
    static Map<String, Object> scheduler(Map<String, Object> measured) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (measured == null || measured.get("meanWorkMsPerBooking") == null) {
            out.put("measured", false);
            out.put("bookingsPerSecond", null);
            return out;
        }
        double meanSeconds = ((Number) measured.get("meanWorkMsPerBooking")).doubleValue() / 1000;
        int workers = ((Number) measured.get("defaultWorkers")).intValue();
        double budget = ((Number) measured.get("budgetSeconds")).doubleValue();
        double period = ((Number) measured.get("periodSeconds")).doubleValue();
        out.put("measured", true);
        out.put("workers", workers);
        out.put("meanWorkMsPerBooking", measured.get("meanWorkMsPerBooking"));
        out.put("bookingsWorkedInTheDay", measured.get("bookings"));
        out.put("budgetSeconds", budget);
        out.put("periodSeconds", period);
        out.put("bookingsPerSecond", Percentiles.round(workers / Math.max(meanSeconds, 1e-6) * budget / period));
        out.put("formula", "workers / mean work time per booking × budget / period = " + workers + " / "
                + Percentiles.round(meanSeconds) + " s × " + number(budget) + " s / " + number(period) + " s");
        return out;
    }

    /** The scheduler's throughput as a limit of ours, or null when the day did not measure it. */
    static Limit schedulerLimit(Map<String, Object> scheduler) {
        if (!Boolean.TRUE.equals(scheduler.get("measured"))) {
            return null;
        }
        return new Limit("payment scheduler: due bookings worked (" + scheduler.get("formula") + ")",
                ((Number) scheduler.get("bookingsPerSecond")).doubleValue(), "bookings/s",
                "shared/domain SchedulingPayments (Workers, SAFETY_MARGIN), template.yaml PaymentSchedulerFunction "
                        + "(Timeout, Schedule) and PaymentSchedulerWorkers; time per booking measured in the day",
                "not requested: ours — more workers (PaymentSchedulerWorkers, up to 64, with Stripe's rate limit raised to "
                        + "match), then the due pages fanned out to a queue with a consumer function (docs/decisions.md, "
                        + "\"Payment scheduler throughput\")");
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(Percentiles.round(value));
    }

    /** The two targets of issue 20. */
    private static Map<String, Object> verdicts(List<Map<String, Object>> kinds, Map<String, Object> keys, double bookings) {
        Map<String, Object> verdicts = new LinkedHashMap<>();
        List<String> hot = new ArrayList<>();
        double worst = 0;
        String worstWhat = "";
        for (String target : keys.keySet()) {
            Peak writes = peak(kinds, target, TARGET_LEVEL, bookings, true);
            if (writes.units > worst) {
                worst = writes.units;
                worstWhat = target + " " + writes.kind;
            }
            if (writes.units > TARGET_WRITE_SHARE_OF_PARTITION * PARTITION_WRITES.value()) {
                hot.add(target + " " + writes.kind + ": " + Percentiles.round(writes.units) + " WCU/s = "
                        + Percentiles.round(writes.units / PARTITION_WRITES.value() * 100) + " % of a partition's limit");
            }
        }
        Map<String, Object> partition = new LinkedHashMap<>();
        partition.put("target", "at " + TARGET_LEVEL + " bookings/s no key takes more than 50 % of a partition's write limit (500 WCU/s)");
        partition.put("met", hot.isEmpty());
        partition.put("worst", worstWhat + ": " + Percentiles.round(worst) + " WCU/s = "
                + Percentiles.round(worst / PARTITION_WRITES.value() * 100) + " %");
        partition.put("misses", hot);
        verdicts.put("noKeyOverHalfAPartitionAt1000PerSecond", partition);

        List<String> large = new ArrayList<>();
        Map<String, Object> shares = new LinkedHashMap<>();
        for (String index : List.of("gsi1", "gsi2", "due")) {
            Map<String, Object> largest = map(map(keys.get(index)).get("largestWriteKey"));
            if (largest.isEmpty()) {
                continue;
            }
            double share = ((Number) largest.get("sharePercent")).doubleValue();
            shares.put(index, largest.get("key") + " " + share + " %");
            if (share >= TARGET_INDEX_KEY_SHARE * 100) {
                large.add(index + ": " + largest.get("key") + " holds " + share + " % of the index's writes, "
                        + Percentiles.round(share / (TARGET_INDEX_KEY_SHARE * 100)) + " × the target");
            }
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("target", "the largest key on any index holds under 1 % of that index's writes in the day");
        index.put("met", large.isEmpty());
        index.put("largest", shares);
        index.put("misses", large);
        verdicts.put("noIndexKeyOver1PercentOfItsWrites", index);
        return verdicts;
    }

    private record Peak(String kind, double units, double perBooking) {}

    /** The hottest key of {@code target} at {@code rate}: units per second, by the scaling of its kind. */
    private static Peak peak(List<Map<String, Object>> kinds, String target, int rate, double bookings, boolean writes) {
        Peak best = new Peak("none", 0, 0);
        for (Map<String, Object> kind : kinds) {
            if (!kind.get("target").equals(target)) {
                continue;
            }
            double day = ((Number) kind.get(writes ? "maxKeyWriteUnitsInDay" : "maxKeyReadUnitsInDay")).doubleValue();
            double perSecond;
            double perBooking = 0;
            switch ((String) kind.get("scaling")) {
                case "shared" -> {
                    perBooking = day / bookings;
                    perSecond = rate * perBooking;
                }
                case "per person" -> perSecond = day / PERSON_BURST_SECONDS;
                default -> perSecond = day / ITEM_BURST_SECONDS;
            }
            if (perSecond > best.units) {
                best = new Peak((String) kind.get("kind") + ", " + kind.get("scaling"), perSecond, perBooking);
            }
        }
        return best;
    }

    static String scaling(String kind) {
        if (kind.equals("INSTRUCTOR#<id>") || kind.equals("STUDENT#<id>")) {
            return "per person";
        }
        // A subscriber's delivery log takes every event of the marketplace it subscribes to.
        if (kind.startsWith("WEBHOOK#<id>")) {
            return "shared";
        }
        if (!kind.contains("<id>")) {
            return "shared";
        }
        return "per item";
    }

    /**
     * One limit at one level; {@code perBooking} is how much one booking per second adds (0 for a
     * load that does not grow with the rate), from which the rate that breaks it follows.
     */
    private static Map<String, Object> check(String what, double value, Limit limit, double perBooking) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("what", what);
        row.put("value", Percentiles.round(value));
        row.put("limit", limit.value());
        row.put("unit", limit.unit());
        row.put("utilisation", Percentiles.round(value / limit.value()));
        double breaksAt = perBooking > 0 ? limit.value() / perBooking : value > limit.value() ? 0 : Double.POSITIVE_INFINITY;
        row.put("breaksAtBookingsPerSecond", Double.isInfinite(breaksAt) ? Double.MAX_VALUE : Percentiles.round(breaksAt));
        row.put("source", limit.source());
        row.put("limitName", limit.name());
        row.put("raisedBy", limit.raisedBy());
        return row;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
