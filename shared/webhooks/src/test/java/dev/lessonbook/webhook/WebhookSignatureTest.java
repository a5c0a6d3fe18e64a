package dev.lessonbook.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");
    private static final String BODY = "{\"id\":\"e-1\"}";

    @Test
    void theHeaderCarriesTheTimestampAndAnHmacOfTimestampDotBody() {
        String header = WebhookSignature.header(AT, BODY, List.of("whsec_a"));

        assertThat(header).matches("t=" + AT.getEpochSecond() + ",v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verifies(header, BODY, "whsec_a")).isTrue();
    }

    @Test
    void anotherSecretOrAnotherBodyDoesNotVerify() {
        String header = WebhookSignature.header(AT, BODY, List.of("whsec_a"));

        assertThat(WebhookSignature.verifies(header, BODY, "whsec_b")).isFalse();
        assertThat(WebhookSignature.verifies(header, BODY + " ", "whsec_a")).isFalse();
        assertThat(WebhookSignature.verifies(header.replace("t=", "t=1"), BODY, "whsec_a")).isFalse();
    }

    @Test
    void duringARotationsOverlapBothSecretsVerify() {
        String header = WebhookSignature.header(AT, BODY, List.of("whsec_new", "whsec_old"));

        assertThat(header.split(",v1=")).hasSize(3);
        assertThat(WebhookSignature.verifies(header, BODY, "whsec_new")).isTrue();
        assertThat(WebhookSignature.verifies(header, BODY, "whsec_old")).isTrue();
    }

    @Test
    void aMalformedHeaderDoesNotVerify() {
        assertThat(WebhookSignature.verifies("v1=abc", BODY, "whsec_a")).isFalse();
        assertThat(WebhookSignature.verifies("t=x,v1=abc", BODY, "whsec_a")).isFalse();
        assertThat(WebhookSignature.verifies("garbage", BODY, "whsec_a")).isFalse();
    }
}
