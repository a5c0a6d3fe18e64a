package dev.lessonbook.bench;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * What a set of SDK calls costs on DynamoDB, computed from item sizes by DynamoDB's published
 * rules (moto's ReturnConsumedCapacity is not reliable): a read unit covers 4 KB (a strongly
 * consistent read 1 unit, an eventually consistent one 0.5; a query sums its items' sizes before
 * rounding), a write unit 1 KB, and transactional reads and writes cost twice. Approximations,
 * said where they are made: a delete or condition check counts one 1 KB unit (our items are well
 * under 1 KB); an update counts its key plus the values it sets; an index write counts one unit per
 * index whose key the written item carries (a replaced item's old index entry is not counted).
 */
public final class Capacity {
    private static final List<String> INDEX_KEYS = List.of("gsi1pk", "gsi2pk", "duepk");

    private Capacity() {}

    /** The cost of one operation's calls, as a row of the report. */
    public static Map<String, Object> of(List<SdkCalls.Call> calls) {
        Map<String, Integer> operations = new TreeMap<>();
        int reads = 0;
        int transactions = 0;
        int scans = 0;
        int itemsRead = 0;
        int itemsWritten = 0;
        int otherAws = 0;
        double rcu = 0;
        double wcu = 0;
        double indexWcu = 0;
        for (SdkCalls.Call call : calls) {
            operations.merge(call.service() + "." + call.operation() + (call.failure() == null ? "" : " (failed)"), 1, Integer::sum);
            if (!"DynamoDB".equalsIgnoreCase(call.service())) {
                otherAws++;
                continue;
            }
            switch (call.request()) {
                case GetItemRequest get -> {
                    reads++;
                    Map<String, AttributeValue> item = call.response() instanceof GetItemResponse r && r.hasItem() ? r.item() : Map.of();
                    itemsRead += item.isEmpty() ? 0 : 1;
                    rcu += readUnits(size(item), Boolean.TRUE.equals(get.consistentRead()));
                }
                case QueryRequest query -> {
                    reads++;
                    List<Map<String, AttributeValue>> items = call.response() instanceof QueryResponse r && r.hasItems() ? r.items() : List.of();
                    itemsRead += items.size();
                    rcu += readUnits(items.stream().mapToLong(Capacity::size).sum(),
                            query.indexName() == null && Boolean.TRUE.equals(query.consistentRead()));
                }
                case BatchGetItemRequest batch -> {
                    reads++;
                    if (call.response() instanceof BatchGetItemResponse r && r.hasResponses()) {
                        for (Map.Entry<String, List<Map<String, AttributeValue>>> table : r.responses().entrySet()) {
                            KeysAndAttributes asked = batch.requestItems().get(table.getKey());
                            boolean strong = asked != null && Boolean.TRUE.equals(asked.consistentRead());
                            for (Map<String, AttributeValue> item : table.getValue()) {
                                itemsRead++;
                                rcu += readUnits(size(item), strong);
                            }
                        }
                    }
                }
                case software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest get -> {
                    reads++;
                    if (call.response() instanceof TransactGetItemsResponse r && r.hasResponses()) {
                        for (var response : r.responses()) {
                            itemsRead += response.hasItem() ? 1 : 0;
                            rcu += 2 * readUnits(response.hasItem() ? size(response.item()) : 0, true);
                        }
                    }
                }
                case software.amazon.awssdk.services.dynamodb.model.ScanRequest scan -> {
                    reads++;
                    scans++;
                }
                case PutItemRequest put -> {
                    itemsWritten++;
                    wcu += writeUnits(size(put.item()));
                    indexWcu += indexUnits(put.item());
                }
                case UpdateItemRequest update -> {
                    itemsWritten++;
                    wcu += writeUnits(size(update.key()) + (update.hasExpressionAttributeValues()
                            ? update.expressionAttributeValues().values().stream().mapToLong(Capacity::size).sum() : 0));
                }
                case software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest delete -> {
                    itemsWritten++;
                    wcu += 1;
                }
                case TransactWriteItemsRequest transaction -> {
                    transactions++;
                    for (TransactWriteItem action : transaction.transactItems()) {
                        itemsWritten++;
                        if (action.put() != null) {
                            wcu += 2 * writeUnits(size(action.put().item()));
                            indexWcu += indexUnits(action.put().item());
                        } else if (action.update() != null) {
                            wcu += 2 * writeUnits(size(action.update().key()) + (action.update().hasExpressionAttributeValues()
                                    ? action.update().expressionAttributeValues().values().stream().mapToLong(Capacity::size).sum() : 0));
                        } else {
                            wcu += 2; // delete or condition check of a small item
                        }
                    }
                }
                default -> { }
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("requests", operations);
        row.put("dynamoDbRequests", calls.size() - otherAws);
        row.put("reads", reads);
        row.put("transactions", transactions);
        row.put("scans", scans);
        row.put("itemsRead", itemsRead);
        row.put("itemsWritten", itemsWritten);
        row.put("rcu", rcu);
        row.put("wcu", wcu);
        row.put("indexWcu", indexWcu);
        row.put("otherAwsRequests", otherAws);
        return row;
    }

    static double readUnits(long bytes, boolean strong) {
        long units = Math.max(1, (bytes + 4095) / 4096);
        return strong ? units : units / 2.0;
    }

    static long writeUnits(long bytes) {
        return Math.max(1, (bytes + 1023) / 1024);
    }

    private static double indexUnits(Map<String, AttributeValue> item) {
        double units = 0;
        for (String key : INDEX_KEYS) {
            if (item.containsKey(key)) {
                // gsi1/gsi2 project ALL attributes; the due index only keys.
                units += "duepk".equals(key) ? 1 : writeUnits(size(item));
            }
        }
        return units;
    }

    /** An item's size by DynamoDB's rules: attribute names plus values. */
    public static long size(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            bytes += utf8(attribute.getKey()) + size(attribute.getValue());
        }
        return bytes;
    }

    static long size(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return numberSize(value.n());
        }
        if (value.b() != null) {
            return value.b().asByteArray().length;
        }
        if (value.bool() != null || value.nul() != null) {
            return 1;
        }
        if (value.hasM()) {
            long bytes = 3;
            for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
                bytes += 1 + utf8(entry.getKey()) + size(entry.getValue());
            }
            return bytes;
        }
        if (value.hasL()) {
            return 3 + sum(value.l()) + value.l().size();
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToLong(Capacity::utf8).sum();
        }
        if (value.hasNs()) {
            return value.ns().stream().mapToLong(Capacity::numberSize).sum();
        }
        if (value.hasBs()) {
            return value.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
        }
        return 0;
    }

    private static long sum(Collection<AttributeValue> values) {
        return values.stream().mapToLong(Capacity::size).sum();
    }

    private static long numberSize(String number) {
        long digits = number.chars().filter(Character::isDigit).count();
        return (digits + 1) / 2 + 1;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
