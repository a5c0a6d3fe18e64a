package dev.lessonbook.dynamodb;

import dev.lessonbook.config.Env;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The write shards of the sparse {@code due} index. Every state change writes an outbox item, and
 * every booking with payment work is indexed by its kind of work: under one constant partition
 * key each, the index would take every booking of the marketplace on one partition (about 1,000
 * writes per second, docs/capacity.md). So each item goes to partition {@code <base>#<n>}, with
 * {@code n} the CRC-32 of its id (event id, booking id) modulo {@link #count}, and the readers
 * (outbox relay, payment scheduler) query every shard.
 *
 * <p>The count is the {@code DUE_SHARDS} setting (template.yaml Globals, default {@value #DEFAULT}),
 * the same in every function. It may grow (readers of the larger count still read every shard an
 * item was written to) but must not shrink while items sit in the shards it drops.
 */
public record DueShards(int count) {
    public static final String SETTING = "DUE_SHARDS";
    public static final int DEFAULT = 128;
    /** More shards than this only multiply the readers' queries (docs/decisions.md, "Write-sharded due index"). */
    public static final int MAX = 256;

    public DueShards {
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException(SETTING + " must be 1 to " + MAX + ", not " + count);
        }
    }

    public static DueShards fromEnvironment() {
        String value = Env.orDefault(SETTING, Integer.toString(DEFAULT));
        try {
            return new DueShards(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SETTING + " must be a whole number, not " + value, e);
        }
    }

    /** The shard of {@code id}: CRC-32 of its UTF-8 bytes, modulo the count (stable in any language). */
    public int of(String id) {
        CRC32 crc = new CRC32();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % count);
    }

    /** The partition an item of {@code id} is written to under {@code base} ({@code OUTBOX}, {@code DUE#<kind>}). */
    public String partition(String base, String id) {
        return base + "#" + of(id);
    }

    /**
     * Every partition a reader of {@code base} queries: each shard, then {@code base} itself, the
     * unsharded key under which items written before sharding may still wait (docs/data-model.md).
     */
    public List<String> partitions(String base) {
        List<String> partitions = new ArrayList<>(count + 1);
        for (int shard = 0; shard < count; shard++) {
            partitions.add(base + "#" + shard);
        }
        partitions.add(base);
        return partitions;
    }
}
