package dev.lessonbook.dynamodb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the sparse, keys-only {@code due} index across the shards of one kind of due work
 * ({@link DueShards}): one Query per partition, all at once, so a run waits for the slowest query
 * rather than for their sum — each bounded by {@link Tables#CALL_TIMEOUT}, which keeps the relay
 * and the scheduler inside their time budgets (docs/decisions.md, "Time budgets").
 */
public final class DueIndex {
    public static final String PK = "duepk";
    public static final String SK = "duesk";
    /** Queries in flight at once: the 129 partitions of the default count take nine rounds. */
    private static final int PARALLEL = 16;

    private final Tables tables;

    public DueIndex(Tables tables) {
        this.tables = tables;
    }

    /**
     * The keys of the {@code limit} items with the smallest {@code duesk < bound} across
     * {@code partitions}, smallest first: each partition gives its own first {@code limit}, and
     * the merge keeps the first {@code limit} of all of them.
     */
    public List<Map<String, AttributeValue>> earliest(List<String> partitions, String bound, int limit) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, partitions.size()), runnable -> {
            Thread thread = new Thread(runnable, "due-index-query");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<List<Map<String, AttributeValue>>>> queries = new ArrayList<>();
            for (String partition : partitions) {
                queries.add(pool.submit(() -> query(partition, bound, limit)));
            }
            for (Future<List<Map<String, AttributeValue>>> query : queries) {
                keys.addAll(query.get());
            }
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the due index", interrupted);
        } finally {
            pool.shutdownNow();
        }
        keys.sort(Comparator.comparing(key -> key.get(SK).s()));
        return keys.size() > limit ? List.copyOf(keys.subList(0, limit)) : keys;
    }

    private List<Map<String, AttributeValue>> query(String partition, String bound, int limit) {
        return tables.client().query(query -> query
                .tableName(tables.tableName())
                .indexName(Keys.DUE_INDEX)
                .keyConditionExpression("duepk = :partition AND duesk < :bound")
                .expressionAttributeValues(Map.of(
                        ":partition", AttributeValue.fromS(partition),
                        ":bound", AttributeValue.fromS(bound)))
                .limit(limit)).items();
    }
}
