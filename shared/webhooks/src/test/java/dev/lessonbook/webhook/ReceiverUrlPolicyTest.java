package dev.lessonbook.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReceiverUrlPolicyTest {
    /** A DNS the test controls: names to addresses, literals as themselves. */
    private final Map<String, String> dns = new HashMap<>(Map.of(
            "hooks.example.com", "93.184.216.34",
            "internal.example.com", "10.1.2.3",
            "metadata.example.com", "169.254.169.254"));
    private final ReceiverUrlPolicy.Resolver resolver = host -> {
        String address = dns.getOrDefault(host, host);
        if (!Character.isDigit(address.charAt(0)) && !address.contains(":")) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(address)};
    };
    private final ReceiverUrlPolicy deployed = new ReceiverUrlPolicy(false, resolver);
    private final ReceiverUrlPolicy local = new ReceiverUrlPolicy(true, resolver);

    @Test
    void anHttpsUrlWhoseHostIsPublicIsAccepted() {
        assertThat(deployed.check("https://hooks.example.com/lessonbook")).isInstanceOf(ReceiverUrlPolicy.Accepted.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://127.0.0.1/hook", "https://127.8.0.1:8443/hook", "https://10.0.0.7/hook", "https://172.16.3.4/hook",
        "https://192.168.1.1/hook", "https://169.254.169.254/latest/meta-data", "https://[::1]/hook",
        "https://[fd00:ec2::254]/hook", "https://[fe80::1]/hook", "https://0.0.0.0/hook", "https://100.64.0.1/hook",
        "https://internal.example.com/hook", "https://metadata.example.com/hook", "https://nowhere.invalid/hook",
        "http://hooks.example.com/hook", "http://127.0.0.1:8080/hook", "ftp://hooks.example.com/x",
        "https://user:pw@hooks.example.com/hook", "not a url", "/relative"})
    void urlsThatAreNotHttpsToAPublicAddressAreRefused(String url) {
        assertThat(deployed.check(url)).isInstanceOf(ReceiverUrlPolicy.Refused.class);
    }

    @Test
    void onlyTheLocalRuntimeAcceptsHttpOnLoopbackWithAPort() {
        assertThat(local.check("http://127.0.0.1:8080/hook")).isInstanceOf(ReceiverUrlPolicy.Accepted.class);
        assertThat(local.check("http://127.0.0.1/hook")).isInstanceOf(ReceiverUrlPolicy.Refused.class);
        assertThat(local.check("http://10.0.0.7:8080/hook")).isInstanceOf(ReceiverUrlPolicy.Refused.class);
        assertThat(local.check("https://10.0.0.7/hook")).isInstanceOf(ReceiverUrlPolicy.Refused.class);
    }

    @Test
    void aNameRePointedAtAPrivateAddressIsRefusedOnTheNextCheck() {
        assertThat(deployed.check("https://hooks.example.com/hook")).isInstanceOf(ReceiverUrlPolicy.Accepted.class);

        dns.put("hooks.example.com", "192.168.0.10");

        assertThat(deployed.check("https://hooks.example.com/hook")).isInstanceOf(ReceiverUrlPolicy.Refused.class);
    }

    @Test
    void theRefusalPortSaysWhyOrNothing() {
        assertThat(deployed.refusal("https://hooks.example.com/hook")).isEmpty();
        assertThat(deployed.refusal("https://internal.example.com/hook").orElseThrow()).contains("not public", "10.1.2.3");
    }

    @Test
    void onlyTheLocalSettingLetsTheFunctionsAcceptLoopback() {
        try {
            System.clearProperty(ReceiverUrlPolicy.LOOPBACK_SETTING);
            assertThat(ReceiverUrlPolicy.fromEnvironment().loopbackHttpAllowed()).isFalse();
            System.setProperty(ReceiverUrlPolicy.LOOPBACK_SETTING, "yes");
            assertThat(ReceiverUrlPolicy.fromEnvironment().loopbackHttpAllowed()).as("only the word allowed").isFalse();
            System.setProperty(ReceiverUrlPolicy.LOOPBACK_SETTING, "allowed");
            assertThat(ReceiverUrlPolicy.fromEnvironment().loopbackHttpAllowed()).isTrue();
        } finally {
            System.clearProperty(ReceiverUrlPolicy.LOOPBACK_SETTING);
        }
    }
}
