package dev.lessonbook.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ada@example.com", "a.b+lessons@mail.example.co.uk", "stu_7@lessonbook.test",
            "o'brien@example.ie", "x@a-b.example", "1@2.xn--p1ai"})
    void addressesIdentityProvidersIssueAreAccepted(String address) {
        assertThat(EmailAddresses.isValid(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ada", "ada@", "@example.com", "ada@example", "ada@@example.com", "a@b@example.com",
            ".ada@example.com", "ada.@example.com", "a..da@example.com", "ada @example.com", "Ada <ada@example.com>",
            "\"ada\"@example.com", "ada@[192.0.2.1]", "ada@192.0.2.1", "ada@-example.com", "ada@example-.com",
            "ada@example..com", "adä@example.com", "ada@exämple.com", "ada@example.com\n"})
    void anythingElseIsRefused(String address) {
        assertThat(EmailAddresses.isValid(address)).isFalse();
    }

    @Test
    void nullIsNoAddress() {
        assertThat(EmailAddresses.isValid(null)).isFalse();
    }

    @Test
    void theLocalPartHoldsAtMost64CharactersAndTheAddress254() {
        assertThat(EmailAddresses.isValid("a".repeat(64) + "@example.com")).isTrue();
        assertThat(EmailAddresses.isValid("a".repeat(65) + "@example.com")).isFalse();
        String longDomain = ("d".repeat(60) + ".").repeat(3) + "example.com"; // 194 characters
        String local = "a".repeat(254 - 1 - longDomain.length());
        assertThat(EmailAddresses.isValid(local + "@" + longDomain)).isTrue();
        assertThat(EmailAddresses.isValid(local + "a@" + longDomain)).isFalse();
    }
}
