package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice@example.org", "a.b+tag@mail.example.co.uk", "O'Brien@example.org"})
    void accepts_plain_addresses_with_a_dotted_domain(String address) {
        assertThat(EmailAddress.problem(address)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a@localhost",
                "=?utf-8?q?alice?=@example.org",
                "=?UTF-8?B?YWxpY2U=?=@example.org",
                "x=?utf-8?q?a?=y@example.org",
                "alice@example.org\r\nBcc: x@example.org",
                "alice@@example.org",
                ".alice@example.org",
                "alice@example..org",
                "\"alice\"@example.org",
                "Alice <alice@example.org>"
            })
    void refuses_what_sign_in_and_subscriptions_must_both_refuse(String address) {
        assertThat(EmailAddress.problem(address)).isNotNull();
    }

    @org.junit.jupiter.api.Test
    void names_the_reason_for_an_encoded_word_and_for_length() {
        assertThat(EmailAddress.problem("=?utf-8?q?a?=@example.org"))
                .isEqualTo("it holds an encoded word (=?...?=); give the plain address");
        assertThat(EmailAddress.problem("a".repeat(65) + "@example.org"))
                .isEqualTo("the part before the '@' is longer than 64 characters");
    }
}
