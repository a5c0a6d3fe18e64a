package dev.lessonbook.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Every DynamoDB request of the key spread, attributed to the partition it names: the table's
 * {@code pk}, or the index and its partition key value. Units follow {@link Capacity}'s rules
 * (reads in 4 KB units, strong 1, eventual 0.5, a query summing its items; writes in 1 KB units,
 * doubled in a transaction; a delete or condition check one unit). Index writes follow DynamoDB's
 * rules for global secondary indexes, from the index keys each item carried before and after the
 * write (kept here for every item the run wrote): an item entering an index is a put on its new
 * partition, one leaving it a delete on its old one, one whose key changed both, one whose key
 * stayed an update — for the keys-only {@code due} index only when its sort key changed. A
 * request that failed (a cancelled transaction, a failed condition) is charged its table writes
 * and changes no index.
 */
final class KeyTraffic {
    static final String TABLE = "table";

    private record Index(String name, String hashKey, String rangeKey, boolean projectsAll) {}

    private static final List<Index> INDEXES = List.of(
            new Index("gsi1", "gsi1pk", "gsi1sk", true),
            new Index("gsi2", "gsi2pk", "gsi2sk", true),
            new Index("due", "duepk", "duesk", false));
    private static final Pattern HASH_CONDITION = Pattern.compile("^\\s*(#?\\w+)\\s*=\\s*(:\\w+)");

    /** Units and requests of one partition key. */
    static final class Tally {
        final DoubleAdder writeUnits = new DoubleAdder();
        final DoubleAdder readUnits = new DoubleAdder();
        final DoubleAdder writes = new DoubleAdder();
        final DoubleAdder reads = new DoubleAdder();
    }

    private final ConcurrentMap<String, ConcurrentMap<String, Tally>> byTarget = new ConcurrentHashMap<>();
    /** The index keys each item written in the run carries now: item key → index name → {hash, range}. */
    private final ConcurrentMap<String, Map<String, String[]>> indexed = new ConcurrentHashMap<>();

    void accept(SdkCalls.Call call) {
        if (!"DynamoDB".equalsIgnoreCase(call.service())) {
            return;
        }
        boolean ok = call.failure() == null;
        switch (call.request()) {
            case GetItemRequest get -> {
                long size = call.response() instanceof GetItemResponse r && r.hasItem() ? Capacity.size(r.item()) : 0;
                read(TABLE, get.key(), Capacity.readUnits(size, Boolean.TRUE.equals(get.consistentRead())));
            }
            case BatchGetItemRequest batch -> batch.requestItems().forEach((table, asked) -> {
                List<Map<String, AttributeValue>> items = call.response() instanceof BatchGetItemResponse r && r.hasResponses()
                        ? r.responses().getOrDefault(table, List.of()) : List.of();
                for (Map<String, AttributeValue> key : asked.keys()) {
                    long size = items.stream().filter(item -> sameKey(item, key)).findFirst().map(Capacity::size).orElse(0L);
                    read(TABLE, key, Capacity.readUnits(size, strong(asked)));
                }
            });
            case TransactGetItemsRequest transaction -> {
                var responses = call.response() instanceof TransactGetItemsResponse r && r.hasResponses() ? r.responses() : List.<software.amazon.awssdk.services.dynamodb.model.ItemResponse>of();
                for (int i = 0; i < transaction.transactItems().size(); i++) {
                    var item = i < responses.size() && responses.get(i).hasItem() ? responses.get(i).item() : Map.<String, AttributeValue>of();
                    read(TABLE, transaction.transactItems().get(i).get().key(), 2 * Capacity.readUnits(Capacity.size(item), true));
                }
            }
            case QueryRequest query -> {
                List<Map<String, AttributeValue>> items = call.response() instanceof QueryResponse r && r.hasItems() ? r.items() : List.of();
                double units = Capacity.readUnits(items.stream().mapToLong(Capacity::size).sum(),
                        query.indexName() == null && Boolean.TRUE.equals(query.consistentRead()));
                tally(query.indexName() == null ? TABLE : query.indexName(), partitionOf(query)).readUnits.add(units);
                tally(query.indexName() == null ? TABLE : query.indexName(), partitionOf(query)).reads.add(1);
            }
            case ScanRequest scan -> {
                tally(scan.indexName() == null ? TABLE : scan.indexName(), "(scan)").reads.add(1);
            }
            case PutItemRequest put -> {
                write(TABLE, put.item(), Capacity.writeUnits(Capacity.size(put.item())));
                if (ok) {
                    replaced(put.item());
                }
            }
            case UpdateItemRequest update -> {
                write(TABLE, update.key(), Capacity.writeUnits(updateSize(update.key(), update.expressionAttributeValues())));
                if (ok) {
                    updated(update.key());
                }
            }
            case DeleteItemRequest delete -> {
                write(TABLE, delete.key(), 1);
                if (ok) {
                    deleted(delete.key());
                }
            }
            case TransactWriteItemsRequest transaction -> {
                for (TransactWriteItem action : transaction.transactItems()) {
                    if (action.put() != null) {
                        write(TABLE, action.put().item(), 2 * Capacity.writeUnits(Capacity.size(action.put().item())));
                        if (ok) {
                            replaced(action.put().item());
                        }
                    } else if (action.update() != null) {
                        write(TABLE, action.update().key(),
                                2 * Capacity.writeUnits(updateSize(action.update().key(), action.update().expressionAttributeValues())));
                        if (ok) {
                            updated(action.update().key());
                        }
                    } else if (action.delete() != null) {
                        write(TABLE, action.delete().key(), 2);
                        if (ok) {
                            deleted(action.delete().key());
                        }
                    } else if (action.conditionCheck() != null) {
                        write(TABLE, action.conditionCheck().key(), 2);
                    }
                }
            }
            default -> { }
        }
    }

    // --- index writes -------------------------------------------------------------------------

    private void replaced(Map<String, AttributeValue> item) {
        Map<String, String[]> now = new HashMap<>();
        for (Index index : INDEXES) {
            if (item.containsKey(index.hashKey()) && item.containsKey(index.rangeKey())) {
                now.put(index.name(), new String[] {item.get(index.hashKey()).s(), item.get(index.rangeKey()).s()});
            }
        }
        String itemKey = itemKey(item);
        Map<String, String[]> before = now.isEmpty() ? indexed.remove(itemKey) : indexed.put(itemKey, now);
        for (Index index : INDEXES) {
            String[] old = before == null ? null : before.get(index.name());
            String[] current = now.get(index.name());
            double entryUnits = index.projectsAll() ? Capacity.writeUnits(Capacity.size(item)) : 1;
            if (old == null && current != null) {
                indexWrite(index.name(), current[0], entryUnits);
            } else if (old != null && current == null) {
                indexWrite(index.name(), old[0], 1);
            } else if (old != null) {
                if (!old[0].equals(current[0])) {
                    indexWrite(index.name(), old[0], 1);
                    indexWrite(index.name(), current[0], entryUnits);
                } else if (index.projectsAll() || !old[1].equals(current[1])) {
                    indexWrite(index.name(), current[0], entryUnits);
                }
            }
        }
    }

    /** Our updates never set an index key; an item in an index projecting every attribute rewrites its entry. */
    private void updated(Map<String, AttributeValue> key) {
        Map<String, String[]> current = indexed.get(itemKey(key));
        if (current == null) {
            return;
        }
        for (Index index : INDEXES) {
            String[] entry = current.get(index.name());
            if (entry != null && index.projectsAll()) {
                indexWrite(index.name(), entry[0], 1);
            }
        }
    }

    private void deleted(Map<String, AttributeValue> key) {
        Map<String, String[]> before = indexed.remove(itemKey(key));
        if (before != null) {
            before.forEach((index, entry) -> indexWrite(index, entry[0], 1));
        }
    }

    private void indexWrite(String index, String partition, double units) {
        Tally tally = tally(index, partition);
        tally.writeUnits.add(units);
        tally.writes.add(1);
    }

    // --- tallies ------------------------------------------------------------------------------

    private void read(String target, Map<String, AttributeValue> key, double units) {
        Tally tally = tally(target, key.get("pk").s());
        tally.readUnits.add(units);
        tally.reads.add(1);
    }

    private void write(String target, Map<String, AttributeValue> item, double units) {
        Tally tally = tally(target, item.get("pk").s());
        tally.writeUnits.add(units);
        tally.writes.add(1);
    }

    private Tally tally(String target, String partition) {
        return byTarget.computeIfAbsent(target, t -> new ConcurrentHashMap<>()).computeIfAbsent(partition, p -> new Tally());
    }

    /** Per table and index: totals, the largest key, key kinds and the top keys. */
    Map<String, Object> report(int topKeys) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String target : List.of(TABLE, "gsi1", "gsi2", "due")) {
            Map<String, Tally> keys = byTarget.getOrDefault(target, new ConcurrentHashMap<>());
            double writeUnits = keys.values().stream().mapToDouble(t -> t.writeUnits.sum()).sum();
            double readUnits = keys.values().stream().mapToDouble(t -> t.readUnits.sum()).sum();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("keys", keys.size());
            row.put("writeUnits", Percentiles.round(writeUnits));
            row.put("readUnits", Percentiles.round(readUnits));
            row.put("writeRequests", Math.round(keys.values().stream().mapToDouble(t -> t.writes.sum()).sum()));
            row.put("readRequests", Math.round(keys.values().stream().mapToDouble(t -> t.reads.sum()).sum()));
            row.put("largestWriteKey", largest(keys, true, writeUnits));
            row.put("largestReadKey", largest(keys, false, readUnits));
            Map<String, Map<String, Object>> kinds = new TreeMap<>();
            keys.forEach((key, tally) -> {
                Map<String, Object> kind = kinds.computeIfAbsent(kindOf(key), k -> {
                    Map<String, Object> fresh = new LinkedHashMap<>();
                    fresh.put("keys", 0);
                    fresh.put("writeUnits", 0.0);
                    fresh.put("readUnits", 0.0);
                    fresh.put("maxKeyWriteUnits", 0.0);
                    fresh.put("maxKeyReadUnits", 0.0);
                    return fresh;
                });
                kind.merge("keys", 1, (a, b) -> (Integer) a + (Integer) b);
                kind.merge("writeUnits", tally.writeUnits.sum(), (a, b) -> Percentiles.round((Double) a + (Double) b));
                kind.merge("readUnits", tally.readUnits.sum(), (a, b) -> Percentiles.round((Double) a + (Double) b));
                kind.merge("maxKeyWriteUnits", tally.writeUnits.sum(), (a, b) -> Math.max((Double) a, (Double) b));
                kind.merge("maxKeyReadUnits", tally.readUnits.sum(), (a, b) -> Math.max((Double) a, (Double) b));
            });
            row.put("kinds", kinds);
            List<Map<String, Object>> top = new ArrayList<>();
            keys.entrySet().stream()
                    .sorted(Comparator.comparingDouble((Map.Entry<String, Tally> e) -> e.getValue().writeUnits.sum()).reversed())
                    .limit(topKeys)
                    .forEach(e -> top.add(keyRow(e.getKey(), e.getValue(), writeUnits, readUnits)));
            row.put("topWriteKeys", top);
            out.put(target, row);
        }
        return out;
    }

    private static Map<String, Object> largest(Map<String, Tally> keys, boolean writes, double total) {
        return keys.entrySet().stream()
                .max(Comparator.comparingDouble(e -> writes ? e.getValue().writeUnits.sum() : e.getValue().readUnits.sum()))
                .map(e -> {
                    double units = writes ? e.getValue().writeUnits.sum() : e.getValue().readUnits.sum();
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("key", e.getKey());
                    row.put("kind", kindOf(e.getKey()));
                    row.put("units", Percentiles.round(units));
                    row.put("sharePercent", total == 0 ? 0.0 : Math.round(units / total * 100_000) / 1000.0);
                    return row;
                }).orElse(Map.of());
    }

    private static Map<String, Object> keyRow(String key, Tally tally, double writeTotal, double readTotal) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", key);
        row.put("kind", kindOf(key));
        row.put("writeUnits", Percentiles.round(tally.writeUnits.sum()));
        row.put("writeSharePercent", writeTotal == 0 ? 0.0 : Math.round(tally.writeUnits.sum() / writeTotal * 100_000) / 1000.0);
        row.put("readUnits", Percentiles.round(tally.readUnits.sum()));
        return row;
    }

    /**
     * A key's kind: its segments with ids replaced — a number by {@code <n>} (a shard), an
     * upper-case word kept (a constant), anything else by {@code <id>}.
     */
    static String kindOf(String key) {
        StringBuilder kind = new StringBuilder();
        for (String segment : key.split("#", -1)) {
            if (!kind.isEmpty()) {
                kind.append('#');
            }
            kind.append(segment.matches("\\d+") ? "<n>" : segment.matches("[A-Z_]+") ? segment : "<id>");
        }
        return kind.toString();
    }

    // --- keys ---------------------------------------------------------------------------------

    private static String partitionOf(QueryRequest query) {
        Matcher matcher = HASH_CONDITION.matcher(query.keyConditionExpression());
        if (!matcher.find()) {
            return "(unparsed)";
        }
        AttributeValue value = query.expressionAttributeValues().get(matcher.group(2));
        return value == null ? "(unparsed)" : value.s();
    }

    private static long updateSize(Map<String, AttributeValue> key, Map<String, AttributeValue> values) {
        return Capacity.size(key) + (values == null ? 0 : values.values().stream().mapToLong(Capacity::size).sum());
    }

    private static boolean strong(KeysAndAttributes asked) {
        return Boolean.TRUE.equals(asked.consistentRead());
    }

    private static boolean sameKey(Map<String, AttributeValue> item, Map<String, AttributeValue> key) {
        return key.entrySet().stream().allMatch(e -> e.getValue().equals(item.get(e.getKey())));
    }

    private static String itemKey(Map<String, AttributeValue> item) {
        return item.get("pk").s() + "\u0000" + item.get("sk").s();
    }
}
