package dev.lessonbook.dynamodb.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lessonbook.dynamodb.Keys;
import dev.lessonbook.dynamodb.integration.DynamoWebhookDeliveries.LogShards;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogShardsTest {

    /** The build sets fewer shards for its tests (pom.xml); each test here starts without the setting. */
    private String buildSetting;

    @BeforeEach
    void noSetting() {
        buildSetting = System.clearProperty(LogShards.SETTING);
    }

    @AfterEach
    void buildSettingAgain() {
        if (buildSetting == null) {
            System.clearProperty(LogShards.SETTING);
        } else {
            System.setProperty(LogShards.SETTING, buildSetting);
        }
    }

    @Test
    void theDefaultIs64ShardsAsTheTemplateSetsIt() throws Exception {
        assertThat(LogShards.fromEnvironment()).isEqualTo(new LogShards(64));
        Path template = Path.of(System.getProperty("lessonbook.root", "../.."), "template.yaml");
        assertThat(Files.readString(template)).contains("WEBHOOK_LOG_SHARDS: \"" + LogShards.DEFAULT + "\"");
    }

    @Test
    void aCountOutsideOneTo96OrNotANumberIsRefusedAtInit() {
        for (String bad : new String[] {"0", "-1", "97", "thirty"}) {
            System.setProperty(LogShards.SETTING, bad);
            assertThatThrownBy(LogShards::fromEnvironment).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(LogShards.SETTING);
        }
    }

    @Test
    void aDeliveryLandsInTheShardOfItsIdsCrc32() {
        LogShards shards = new LogShards(16);

        // CRC-32 of "123456789" is 0xCBF43926, 3421780262 % 16 = 6.
        assertThat(shards.of("123456789")).isEqualTo(6);
        assertThat(Keys.webhookDelivery("wh_1", shards.of("123456789"), "123456789").get(Keys.PK).s())
                .isEqualTo("WEBHOOK#wh_1#6");
        assertThat(Keys.webhookSubscriptionCopy("wh_1", 6).get(Keys.PK).s()).isEqualTo("WEBHOOK#wh_1#6");
        assertThat(Keys.unshardedWebhookDelivery("wh_1", "123456789").get(Keys.PK).s()).isEqualTo("WEBHOOK#wh_1");
    }
}
