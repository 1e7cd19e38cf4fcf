package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailMessageTest {

    private static MailMessage to(String address) {
        return new MailMessage(address, "Sign in", "https://papers.example.org/login/abc");
    }

    private static MailMessage withHeader(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(name, value);
        return new MailMessage("alice@example.org", "Digest", "text", null, headers);
    }

    @Test
    void keeps_the_fields_and_the_headers_in_the_given_order() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<https://papers.example.org/u/1>");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("Auto-Submitted", "auto-generated");

        MailMessage m = new MailMessage("alice@example.org", "Papers für dich", "text", "<p>html</p>", headers);
        headers.clear();

        assertThat(m.to()).isEqualTo("alice@example.org");
        assertThat(m.subject()).isEqualTo("Papers für dich");
        assertThat(m.textBody()).isEqualTo("text");
        assertThat(m.htmlBody()).isEqualTo("<p>html</p>");
        assertThat(m.headers().keySet()).containsExactly("List-Unsubscribe", "List-Unsubscribe-Post", "Auto-Submitted");
        assertThatThrownBy(() -> m.headers().put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_plain_text_message_has_no_html_and_no_headers() {
        MailMessage m = to("bob@localhost");

        assertThat(m.htmlBody()).isNull();
        assertThat(m.headers()).isEmpty();
    }

    @Test
    void rejects_an_address_without_an_at_sign() {
        assertThatThrownBy(() -> to("alice.example.org"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("to='alice.example.org' is not an e-mail address: it has no '@'");
    }

    @Test
    void rejects_an_address_with_two_at_signs() {
        assertThatThrownBy(() -> to("alice@example@org"))
                .hasMessage("to='alice@example@org' is not an e-mail address: it has more than one '@'");
    }

    @Test
    void rejects_an_address_with_nothing_after_the_at_sign() {
        assertThatThrownBy(() -> to("alice@"))
                .hasMessage("to='alice@' is not an e-mail address: it has nothing after the '@'");
    }

    @Test
    void rejects_an_address_with_a_misplaced_dot_in_the_domain() {
        assertThatThrownBy(() -> to("alice@example..org"))
                .hasMessage("to='alice@example..org' is not an e-mail address: "
                        + "the domain 'example..org' has a misplaced '.'");
    }

    @Test
    void rejects_an_address_in_angle_brackets() {
        assertThatThrownBy(() -> to("<alice@example.org>"))
                .hasMessage("to='<alice@example.org>' is not an e-mail address: "
                        + "it contains '<'; give only the address, like alice@example.org");
    }

    @Test
    void rejects_an_address_with_a_line_break() {
        assertThatThrownBy(() -> to("alice@example.org\r\nBcc: eve@example.org"))
                .hasMessage("to='alice@example.org\\r\\nBcc: eve@example.org' is not an e-mail address: "
                        + "it contains a space or a control character");
    }

    @Test
    void rejects_an_address_with_non_ascii_characters() {
        assertThatThrownBy(() -> to("jürgen@example.org"))
                .hasMessage("to='jürgen@example.org' is not an e-mail address: "
                        + "it contains non-ASCII characters, which SMTP servers without SMTPUTF8 refuse");
    }

    @Test
    void rejects_a_missing_address() {
        assertThatThrownBy(() -> to(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("to");
    }

    @Test
    void rejects_a_missing_text_body() {
        assertThatThrownBy(() -> new MailMessage("alice@example.org", "Sign in", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("textBody");
    }

    @Test
    void rejects_a_crlf_in_the_subject() {
        assertThatThrownBy(() -> new MailMessage("alice@example.org", "Hi\r\nBcc: eve@example.org", "text"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("subject='Hi\\r\\nBcc: eve@example.org' contains a line break (CR or LF), "
                        + "which would start a new header");
    }

    @Test
    void rejects_a_bare_lf_in_the_subject() {
        assertThatThrownBy(() -> new MailMessage("alice@example.org", "Hi\nthere", "text"))
                .hasMessage("subject='Hi\\nthere' contains a line break (CR or LF), which would start a new header");
    }

    @Test
    void rejects_a_line_break_in_a_header_value() {
        assertThatThrownBy(() -> withHeader("List-Unsubscribe", "<https://x.example/u>\r\nBcc: eve@example.org"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("headers['List-Unsubscribe']='<https://x.example/u>\\r\\nBcc: eve@example.org' "
                        + "contains a line break (CR or LF), which would start a new header");
    }

    @Test
    void rejects_a_lone_cr_in_a_header_value() {
        assertThatThrownBy(() -> withHeader("X-Campaign", "a\rb"))
                .hasMessage("headers['X-Campaign']='a\\rb' contains a line break (CR or LF), "
                        + "which would start a new header");
    }

    @Test
    void rejects_a_header_name_with_a_colon() {
        assertThatThrownBy(() -> withHeader("Bcc: eve@example.org\r\nX", "v"))
                .hasMessage("headers: 'Bcc: eve@example.org\\r\\nX' is not a header name; "
                        + "use printable ASCII without spaces or ':', like List-Unsubscribe");
    }

    @Test
    void rejects_a_header_the_mailer_sets_itself() {
        assertThatThrownBy(() -> withHeader("bcc", "eve@example.org"))
                .hasMessage(
                        "headers: 'bcc' is set by the mailer from the message's fields; do not pass it as a header");
    }

    @Test
    void rejects_a_header_given_twice_in_different_case() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<https://papers.example.org/u/1>");
        headers.put("list-unsubscribe", "<https://papers.example.org/u/2>");

        assertThatThrownBy(() -> new MailMessage("alice@example.org", "Digest", "text", null, headers))
                .hasMessage("headers: 'list-unsubscribe' is given twice; header names are case-insensitive");
    }

    @Test
    void rejects_a_non_ascii_header_value() {
        assertThatThrownBy(() -> withHeader("X-Topic", "Übersicht"))
                .hasMessage("headers['X-Topic']='Übersicht' contains non-ASCII characters; "
                        + "extra header values are sent verbatim and must be ASCII");
    }

    @Test
    void takes_a_message_id_header_and_answers_it() {
        MailMessage m = new MailMessage("alice@example.org", "Digest", "text")
                .withHeader("Message-ID", "<digest-2026-07-01-1a2b@paperboy.test>");

        assertThat(m.messageId()).isEqualTo("<digest-2026-07-01-1a2b@paperboy.test>");
        assertThat(new MailMessage("alice@example.org", "Digest", "text").messageId())
                .isNull();
    }

    @Test
    void rejects_a_message_id_that_is_not_in_angle_brackets_with_an_at_sign() {
        assertThatThrownBy(() -> withHeader("Message-ID", "digest-1@paperboy.test"))
                .hasMessage("headers['Message-ID']='digest-1@paperboy.test' is not a Message-ID; "
                        + "give one like <digest.123@example.org>");
        assertThatThrownBy(() -> withHeader("message-id", "<digest 1@paperboy.test>"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
