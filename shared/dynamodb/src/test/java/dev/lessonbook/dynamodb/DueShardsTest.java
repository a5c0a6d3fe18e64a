package dev.lessonbook.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DueShardsTest {

    /** The build sets fewer shards for its tests (pom.xml); each test here starts without the setting. */
    private String buildSetting;

    @BeforeEach
    void noSetting() {
        buildSetting = System.clearProperty(DueShards.SETTING);
    }

    @AfterEach
    void buildSettingAgain() {
        if (buildSetting == null) {
            System.clearProperty(DueShards.SETTING);
        } else {
            System.setProperty(DueShards.SETTING, buildSetting);
        }
    }

    @Test
    void theDefaultIs128Shards() {
        assertThat(DueShards.fromEnvironment()).isEqualTo(new DueShards(DueShards.DEFAULT));
        assertThat(DueShards.DEFAULT).isEqualTo(128);
    }

    @Test
    void theSettingChoosesTheCount() {
        System.setProperty(DueShards.SETTING, "32");

        assertThat(DueShards.fromEnvironment().count()).isEqualTo(32);
    }

    @Test
    void aCountOutsideOneTo256OrNotANumberIsRefusedAtInit() {
        for (String bad : new String[] {"0", "-1", "257", "sixteen"}) {
            System.setProperty(DueShards.SETTING, bad);
            assertThatThrownBy(DueShards::fromEnvironment).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(DueShards.SETTING);
        }
    }

    @Test
    void anIdAlwaysLandsInTheSameShardTheCrc32OfItsBytesModuloTheCount() {
        DueShards shards = new DueShards(16);

        // CRC-32 of "123456789" is 0xCBF43926 (the check value of the standard), 3421780262 % 16 = 6.
        assertThat(shards.of("123456789")).isEqualTo(6);
        assertThat(shards.partition("OUTBOX", "123456789")).isEqualTo("OUTBOX#6");
        assertThat(shards.partition("DUE#HOLD_EXPIRY", "123456789")).isEqualTo("DUE#HOLD_EXPIRY#6");
    }

    @Test
    void randomIdsSpreadEvenlyOverTheShards() {
        DueShards shards = new DueShards(16);
        int[] counts = new int[16];
        for (int i = 0; i < 16_000; i++) {
            counts[shards.of(UUID.randomUUID().toString())]++;
        }
        // 1,000 expected per shard; a standard deviation is about 31.
        assertThat(java.util.Arrays.stream(counts).boxed().toList()).allSatisfy(count -> assertThat(count).isBetween(800, 1200));
    }

    @Test
    void readersQueryEveryShardAndTheUnshardedKeyOfItemsWrittenBeforeSharding() {
        assertThat(new DueShards(3).partitions("OUTBOX")).containsExactly("OUTBOX#0", "OUTBOX#1", "OUTBOX#2", "OUTBOX");
    }
}
