package dev.lessonbook.dynamodb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

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

    private static final Comparator<Map<String, AttributeValue>> BY_DUE = Comparator.comparing(key -> key.get(SK).s());

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
        for (QueryResponse page : queryAll(partitions, partition -> query(partition, bound, limit, null))) {
            keys.addAll(page.items());
        }
        keys.sort(BY_DUE);
        return keys.size() > limit ? List.copyOf(keys.subList(0, limit)) : keys;
    }

    /**
     * Every key with {@code duesk < bound} in {@code partitions}, a round at a time: each round asks
     * every partition not yet read to its end for its next {@code perPartition} keys (all at once,
     * as {@link #earliest}), and answers them merged, earliest first. A reader that must take all of
     * its due work (the payment scheduler) pages on until {@link Pages#next} answers empty, or until
     * its own time budget ends; a partition's next page starts after the last key it gave, so
     * neither a key written meanwhile behind that point nor one the reader has just moved forward
     * makes a round repeat itself without end.
     */
    public Pages pages(List<String> partitions, String bound, int perPartition) {
        return new Pages(List.copyOf(partitions), bound, perPartition);
    }

    /** The rounds of {@link #pages}; not shared between threads. */
    public final class Pages {
        private final String bound;
        private final int perPartition;
        /** Partitions with more to read, each with the key to start after (null: from the start). */
        private final Map<String, Map<String, AttributeValue>> unread = new LinkedHashMap<>();

        private Pages(List<String> partitions, String bound, int perPartition) {
            if (perPartition < 1) {
                throw new IllegalArgumentException("a page holds at least one key per partition, not " + perPartition);
            }
            this.bound = bound;
            this.perPartition = perPartition;
            partitions.forEach(partition -> unread.put(partition, null));
        }

        /** The next round's keys, earliest first; empty once every partition was read to its end. */
        public List<Map<String, AttributeValue>> next() {
            while (!unread.isEmpty()) {
                List<String> partitions = new ArrayList<>(unread.keySet());
                List<QueryResponse> answers = queryAll(partitions,
                        partition -> query(partition, bound, perPartition, unread.get(partition)));
                List<Map<String, AttributeValue>> keys = new ArrayList<>();
                for (int i = 0; i < partitions.size(); i++) {
                    QueryResponse answer = answers.get(i);
                    keys.addAll(answer.items());
                    if (answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty()) {
                        unread.put(partitions.get(i), answer.lastEvaluatedKey());
                    } else {
                        unread.remove(partitions.get(i));
                    }
                }
                if (!keys.isEmpty()) {
                    keys.sort(BY_DUE);
                    return keys;
                }
                // A page can end on the partition's last key and only the next query finds nothing more.
            }
            return List.of();
        }
    }

    /** One Query per partition, at most {@link #PARALLEL} at once; the answers in the partitions' order. */
    private static List<QueryResponse> queryAll(List<String> partitions, Function<String, QueryResponse> query) {
        if (partitions.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, partitions.size()), runnable -> {
            Thread thread = new Thread(runnable, "due-index-query");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<QueryResponse>> queries = new ArrayList<>();
            for (String partition : partitions) {
                queries.add(pool.submit(() -> query.apply(partition)));
            }
            List<QueryResponse> answers = new ArrayList<>();
            for (Future<QueryResponse> answer : queries) {
                answers.add(answer.get());
            }
            return answers;
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
    }

    private QueryResponse query(String partition, String bound, int limit, Map<String, AttributeValue> after) {
        return tables.client().query(query -> query
                .tableName(tables.tableName())
                .indexName(Keys.DUE_INDEX)
                .keyConditionExpression("duepk = :partition AND duesk < :bound")
                .expressionAttributeValues(Map.of(
                        ":partition", AttributeValue.fromS(partition),
                        ":bound", AttributeValue.fromS(bound)))
                .exclusiveStartKey(after)
                .limit(limit));
    }
}
